import { describe, expect, it } from 'vitest';

import { demoPlan } from '@/test-fixtures/assessment';

import { settingsForm, settingsPatch } from './plan-settings-form';

describe('plan settings form: four-eyes approval (四眼原则)', () => {
  it('should start from the plan and send nothing but the version when nothing changed', () => {
    const form = settingsForm(demoPlan);
    expect(form.requireFourEyes).toBe(true);
    expect(settingsPatch(demoPlan, form)).toEqual({ version: demoPlan.version });
  });

  it('should send requireFourEyes when the admin turns it off, and back on', () => {
    const off = { ...settingsForm(demoPlan), requireFourEyes: false };
    expect(settingsPatch(demoPlan, off)).toEqual({ version: demoPlan.version, requireFourEyes: false });
    const plan = { ...demoPlan, requireFourEyes: false };
    const on = { ...settingsForm(plan), requireFourEyes: true };
    expect(settingsPatch(plan, on)).toEqual({ version: plan.version, requireFourEyes: true });
  });
});
