import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { IndicatorRow, PlanRow, ScoringConfig } from '@pacer/shared';

import { i18n } from '@/locales';
import { demoPlan } from '@/test-fixtures/assessment';

import ScoringRulesEditor from './components/scoring-rules-editor.vue';
import {
  checkRules,
  indicatorPatches,
  messagesOf,
  rowMessages,
  rulesForm,
  rulesScoring,
} from './scoring-rules-form';

// Issue 16: the scoring rules that were JSON-only (rank mode, tie-breaks, per-indicator lag and rounding, boards,
// awards) as a form, with the validator's messages beside the fields.

function indicator(id: number, code: string, name: string): IndicatorRow {
  return {
    id,
    planId: 1,
    code,
    name,
    measure: '万元',
    kind: 'amount',
    source: 'reported',
    ledgerRule: null,
    formula: null,
    weight: '0',
    cap: null,
    isScored: true,
    isHeadline: false,
    sortOrder: id,
    description: null,
    entryMode: 'month',
    reportFrequency: 'monthly',
    version: 1,
  };
}
const indicators = [indicator(1, 'QYZE', '签约项目总投资'), indicator(2, 'DWZJ', '实际到位资金')];

const configured = {
  ...demoPlan.scoring,
  rankMode: 'dense',
  tieBreaks: [{ by: 'completion', indicator: 'DWZJ' }, { by: 'unitOrder' }],
  indicators: {
    DWZJ: { timeProgress: { lagMonths: 1 }, rounding: { mode: 'down', completion: { decimals: 1 } } },
  },
  boards: [
    {
      code: 'progress',
      name: '指标进度',
      pools: [{ code: 'all', name: '全县', groups: ['towns', 'departments'] }],
      lists: {
        red: { size: 3, allOf: [{ type: 'onPace', indicators: ['DWZJ'] }] },
        black: {
          size: 2,
          sizes: { departments: 1 },
          anyOf: [{ type: 'lastOn', indicators: ['QYZE', 'DWZJ'], min: 2, basis: 'actual' }],
        },
      },
    },
  ],
  awards: [{ code: 'banner', name: '流动红旗', gates: ['QYZE', 'DWZJ'], count: 2 }],
} as unknown as ScoringConfig;

describe('the rules form', () => {
  it('reads a configuration and writes it back unchanged, keeping what it does not show', () => {
    const form = rulesForm(configured, indicators);
    expect(form.rankMode).toBe('dense');
    expect(form.tieBreaks).toEqual([
      { by: 'completion', indicator: 'DWZJ', item: '' },
      { by: 'unitOrder', indicator: '', item: '' },
    ]);
    expect(form.indicators).toEqual([
      expect.objectContaining({ code: 'QYZE', name: '签约项目总投资', lagMonths: 0, roundingMode: '' }),
      expect.objectContaining({ code: 'DWZJ', name: '实际到位资金', lagMonths: 1, roundingMode: 'down' }),
    ]);
    expect(form.boards[0]!.conditions.map((c) => [c.list, c.join, c.type, c.min])).toEqual([
      ['red', 'allOf', 'onPace', null],
      ['black', 'anyOf', 'lastOn', 2],
    ]);
    expect(rulesScoring(configured, form)).toEqual(configured);
  });

  it('writes the edits: competition places, no lag, a board without a black list, one award fewer', () => {
    const form = rulesForm(configured, indicators);
    form.rankMode = 'competition';
    form.indicators[1]!.lagMonths = 0;
    form.indicators[1]!.roundingMode = '';
    form.boards[0]!.blackSize = null;
    form.boards[0]!.conditions = form.boards[0]!.conditions.filter((c) => c.list === 'red');
    form.awards = [];
    const scoring = rulesScoring(configured, form) as unknown as Record<string, unknown>;
    expect(scoring.rankMode).toBeUndefined();
    // the indicator keeps its completion decimals, loses the lag and mode
    expect(scoring.indicators).toEqual({ DWZJ: { rounding: { completion: { decimals: 1 } } } });
    // the black list keeps its per-group sizes (not shown), the pools stay
    expect((scoring.boards as Array<{ lists: unknown; pools: unknown }>)[0]).toMatchObject({
      pools: [{ code: 'all' }],
      lists: { red: { size: 3 }, black: { sizes: { departments: 1 } } },
    });
    expect(scoring.awards).toBeUndefined();
    expect(checkRules(scoring as unknown as ScoringConfig, demoPlan, indicators)).toEqual([]);
  });

  it('patches only the indicators whose entry settings changed (issue 16 rules 10–11)', () => {
    const form = rulesForm(configured, indicators);
    expect(indicatorPatches(form, indicators)).toEqual([]);
    form.indicators[1]!.entryMode = 'ytd';
    form.indicators[0]!.reportFrequency = 'quarterly';
    expect(indicatorPatches(form, indicators)).toEqual([
      { id: 1, code: 'QYZE', body: { version: 1, reportFrequency: 'quarterly' } },
      { id: 2, code: 'DWZJ', body: { version: 1, entryMode: 'ytd' } },
    ]);
  });

  it('names a bad rule as the API does, and places it on its row', () => {
    const form = rulesForm(configured, indicators);
    form.boards[0]!.redSize = 0;
    form.tieBreaks[0]!.indicator = '';
    const problems = checkRules(rulesScoring(configured, form), demoPlan, indicators);
    const fields = problems.map((p) => p.field);
    expect(fields).toContain('scoring.boards.0.lists.red.size');
    expect(fields.some((f) => f.startsWith('scoring.tieBreaks.0'))).toBe(true);
    const messages = messagesOf(problems);
    expect(rowMessages(messages, 'scoring.boards.0.', ['scoring.boards.0.lists.red.size'])).toEqual([]);
    expect(rowMessages(messages, 'scoring.tieBreaks.0.').length).toBeGreaterThan(0);
  });
});

describe('the 排名与榜单规则 dialog', () => {
  let patches: Array<Record<string, unknown>>;
  let answer: (() => Response) | null;
  beforeEach(() => {
    patches = [];
    answer = null;
    i18n.global.locale.value = 'zh-CN';
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => {
        const body = JSON.parse(String(init?.body ?? '{}'));
        patches.push(body);
        if (answer) return answer();
        return new Response(JSON.stringify({ ...demoPlan, scoring: body.scoring, version: 2 }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      }),
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  /** Promises, then a macrotask: the form items render their messages a tick after the answer. */
  const settle = async () => {
    await flushPromises();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await flushPromises();
  };
  /** The dialog is teleported to the body: its inputs are found there. */
  const typeInto = async (testId: string, value: string) => {
    const input = document.querySelector<HTMLInputElement>(
      `[data-test="${testId}"] input, input[data-test="${testId}"]`,
    )!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('change'));
    await flushPromises();
  };
  const open = async (plan: PlanRow) => {
    const wrapper = mount(ScoringRulesEditor, {
      props: { plan, indicators, visible: true },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    await flushPromises();
    return wrapper;
  };

  it('should put the API’s refusal beside the field it names', async () => {
    answer = () =>
      new Response(
        JSON.stringify({
          code: 'VALIDATION_FAILED',
          message: '请求参数有误',
          messageEn: 'invalid',
          details: [
            {
              field: 'scoring.boards.0.lists.red.size',
              code: 'isInt',
              message: 'scoring.boards.0.lists.red.size：名额须是1–100的整数',
              messageEn: 'size',
            },
            {
              field: 'scoring.awards.0.count',
              code: 'isInt',
              message: '名额须是1–100的整数',
              messageEn: 'count',
            },
          ],
        }),
        { status: 400, headers: { 'content-type': 'application/json' } },
      );
    await open({ ...demoPlan, scoring: configured });
    document.querySelector<HTMLElement>('[data-test="rules-save"]')!.click();
    await settle();
    expect(patches).toHaveLength(1);
    await vi.waitFor(() => {
      const board = document.querySelector('[data-test="rules-board-0"]')!;
      expect(board.querySelector('.el-form-item__error')?.textContent).toContain('名额须是1–100的整数');
      const award = document.querySelector('[data-test="rules-award-0"]')!;
      expect(award.querySelector('.el-form-item__error')?.textContent).toContain('名额须是1–100的整数');
    });
  }, 60_000);

  it('should check an award without gates before sending, then save a tie-break chain with the plan’s version', async () => {
    await open(demoPlan);
    document.querySelector<HTMLElement>('[data-test="rules-add-tie-break"]')!.click();
    document.querySelector<HTMLElement>('[data-test="rules-add-award"]')!.click();
    await flushPromises();
    await typeInto('rules-award-name-0', '流动红旗');
    document.querySelector<HTMLElement>('[data-test="rules-save"]')!.click();
    await settle();
    // the shared validator refuses an award without gates: nothing sent, the message on the gates field
    expect(patches).toEqual([]);
    await vi.waitFor(() => {
      const award = document.querySelector('[data-test="rules-award-0"]')!;
      expect(award.querySelector('.el-form-item__error')?.textContent).toContain('scoring.awards.0.gates');
    });
    // without the award the chain saves
    document.querySelector<HTMLElement>('[data-test="rules-award-0"] button')!.click();
    await flushPromises();
    document.querySelector<HTMLElement>('[data-test="rules-save"]')!.click();
    await settle();
    expect(patches).toHaveLength(1);
    expect(patches[0]).toMatchObject({
      version: 1,
      scoring: { items: demoPlan.scoring.items, tieBreaks: [{ by: 'completion', indicator: 'QYZE' }] },
    });
    expect((patches[0]!.scoring as Record<string, unknown>).awards).toBeUndefined();
  }, 60_000);
});
