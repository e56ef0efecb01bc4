import { describe, expect, it } from 'vitest';

import { demoPlan } from '@/test-fixtures/assessment';

import { checkSettings, settingsForm, settingsPatch } from './plan-settings-form';

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

describe('plan settings form: entering the month (超时未开工, 工作进展, plausibility)', () => {
  it('should start from the plan and send only what changed', () => {
    const form = settingsForm(demoPlan);
    expect([form.lateStartMonths, form.requireProgressText, form.spikeFactor]).toEqual([6, false, '3']);
    const changed = { ...form, lateStartMonths: 12, requireProgressText: true, spikeFactor: '5' };
    expect(settingsPatch(demoPlan, changed)).toEqual({
      version: demoPlan.version,
      lateStartMonths: 12,
      requireProgressText: true,
      spikeFactor: '5',
    });
  });

  it('should refuse a spike factor that is not 0–9999.99', () => {
    expect(checkSettings({ ...settingsForm(demoPlan), spikeFactor: '-1' })).toEqual(['spikeFactor']);
    expect(checkSettings({ ...settingsForm(demoPlan), spikeFactor: '0' })).toEqual([]);
  });
});

describe('plan settings form: the month the read screens open on', () => {
  it('should start with the 通报’s 产业链 section off and send briefingChains only when turned on', () => {
    const form = settingsForm(demoPlan);
    expect(form.briefingChains).toBe(false);
    expect(settingsPatch(demoPlan, form)).toEqual({ version: demoPlan.version });
    expect(settingsPatch(demoPlan, { ...form, briefingChains: true })).toEqual({ version: demoPlan.version, briefingChains: true });
  });

  it('should start on the latest closed month and send readScreensMonth only when the admin picks live', () => {
    const form = settingsForm(demoPlan);
    expect(form.readScreensMonth).toBe('latestClosed');
    expect(settingsPatch(demoPlan, { ...form, readScreensMonth: 'live' })).toEqual({
      version: demoPlan.version,
      readScreensMonth: 'live',
    });
  });
});

describe('plan settings form: own figures (本级, issue 14 point 11)', () => {
  it("should start on the plan's setting and send ownFigures only when the admin changes it", () => {
    const form = settingsForm(demoPlan);
    expect(form.ownFigures).toBe('none');
    expect(settingsPatch(demoPlan, form)).toEqual({ version: demoPlan.version });
    expect(settingsPatch(demoPlan, { ...form, ownFigures: 'root' })).toEqual({
      version: demoPlan.version,
      ownFigures: 'root',
    });
    const rooted = { ...demoPlan, ownFigures: 'root' as const };
    expect(settingsForm(rooted).ownFigures).toBe('root');
    expect(settingsPatch(rooted, { ...settingsForm(rooted), ownFigures: 'parents' })).toMatchObject({
      ownFigures: 'parents',
    });
  });
});

describe('plan settings form: required evidence per stage (佐证材料要求)', () => {
  it('should send requiredDocuments only when a tick changed, steps in order and empty steps left out', () => {
    const form = settingsForm(demoPlan);
    expect(form.requiredDocuments.started).toEqual(['permit', 'startPhoto']);
    expect(form.requiredDocuments.producing).toEqual([]);
    expect(settingsPatch(demoPlan, form)).toEqual({ version: demoPlan.version });
    const edited = settingsForm(demoPlan);
    edited.requiredDocuments.started = ['permit'];
    edited.requiredDocuments.registered = ['license'];
    edited.requiredDocuments.fund = [];
    expect(settingsPatch(demoPlan, edited)).toEqual({
      version: demoPlan.version,
      requiredDocuments: { signed: ['contract'], started: ['permit'], registered: ['license'] },
    });
  });
});
