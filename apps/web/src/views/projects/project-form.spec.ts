import { describe, expect, it } from 'vitest';

import type { ProjectRow } from '@pacer/shared';
import { withCreditCodeCheckChar } from '@pacer/shared';

import {
  createRequest,
  creditCodeProblem,
  duplicatesQuery,
  emptyProjectForm,
  formFromProject,
  isLikelyCorrection,
  mergeAfterConflict,
  responsibleRemainder,
  shareLineProblems,
  updatePatch,
} from './project-form';

const CONFIRMED = {
  status: 'confirmed',
  proposedByName: null,
  proposedAt: null,
  decidedByName: null,
  decidedAt: null,
  declineReason: null,
} as const;

function project(extra: Partial<ProjectRow> = {}): ProjectRow {
  return {
    id: 15,
    code: 'XM2026-000015',
    name: '精密零部件加工项目',
    investorName: '苏州博远精密机械有限公司',
    investorCreditCode: '91320506508991212H',
    origin: 'out_of_province',
    industryChain: '智能制造',
    chainLinkId: null,
    chainLinkName: null,
    agreedInvestmentWan: '12000',
    fortune500Kind: null,
    isChainLeader: false,
    isSpecialized: false,
    unitId: 4,
    unitName: '桥头镇',
    shares: [
      { unitId: 4, unitName: '桥头镇', sharePct: '60', ...CONFIRMED },
      { unitId: 13, unitName: '县工信局', sharePct: '40', ...CONFIRMED },
    ],
    stage: 'signed',
    leadDate: '2026-02-01',
    negotiatingDate: '2026-03-01',
    signedDate: '2026-05-10',
    startedDate: null,
    producingDate: null,
    registeredDate: null,
    droppedDate: null,
    isExcluded: false,
    excludedReason: null,
    description: null,
    contact: null,
    createdAt: '',
    updatedAt: '',
    version: 3,
    ...extra,
  };
}

describe('responsibleRemainder (shared credit)', () => {
  it('should give the responsible unit 100 − the co-credited shares, exactly', () => {
    expect(responsibleRemainder([])).toEqual({ responsiblePct: '100', isExhausted: false });
    expect(responsibleRemainder([{ unitId: 2, sharePct: '40' }])).toEqual({
      responsiblePct: '60',
      isExhausted: false,
    });
    expect(
      responsibleRemainder([
        { unitId: 2, sharePct: '33.3333' },
        { unitId: 3, sharePct: '33.3333' },
      ]).responsiblePct,
    ).toBe('33.3334');
    // A line still being typed counts as nothing yet.
    expect(responsibleRemainder([{ unitId: 2, sharePct: '' }]).responsiblePct).toBe('100');
  });

  it('should flag shares that leave the responsible unit nothing', () => {
    expect(responsibleRemainder([{ unitId: 2, sharePct: '100' }]).isExhausted).toBe(true);
    expect(
      responsibleRemainder([
        { unitId: 2, sharePct: '60' },
        { unitId: 3, sharePct: '40' },
      ]),
    ).toEqual({
      responsiblePct: '0',
      isExhausted: true,
    });
    expect(
      responsibleRemainder([
        { unitId: 2, sharePct: '70' },
        { unitId: 3, sharePct: '40' },
      ]).responsiblePct,
    ).toBe('-10');
    expect(responsibleRemainder([{ unitId: 2, sharePct: '4o' }]).responsiblePct).toBeNull();
  });

  it('should check each co-credited line', () => {
    expect(
      shareLineProblems(
        [
          { unitId: null, sharePct: '10' },
          { unitId: 4, sharePct: '10' },
          { unitId: 5, sharePct: '10' },
          { unitId: 5, sharePct: '10' },
          { unitId: 6, sharePct: '1.23456' },
          { unitId: 7, sharePct: '0' },
          { unitId: 8, sharePct: '100' },
          { unitId: 9, sharePct: '12.5' },
        ],
        4,
      ),
    ).toEqual(['unitRequired', 'isResponsible', null, 'duplicateUnit', 'format', 'range', 'range', null]);
  });
});

describe('creditCodeProblem (统一社会信用代码, GB 32100-2015)', () => {
  it('should accept a blank or a valid code, in any case', () => {
    expect(creditCodeProblem('')).toBeNull();
    expect(creditCodeProblem('91320506508991212H')).toBeNull();
    expect(creditCodeProblem(' 91320506508991212h ')).toBeNull();
    expect(creditCodeProblem(withCreditCodeCheckChar('91350900587527783'))).toBeNull();
  });

  it('should tell a wrong layout from a wrong check character', () => {
    expect(creditCodeProblem('91320506508991212')).toBe('format');
    expect(creditCodeProblem('9132050650899121IH')).toBe('format');
    expect(creditCodeProblem('91320506508991212J')).toBe('checksum');
  });
});

describe('duplicatesQuery', () => {
  it('should ask with what the form has, once it has a credit code or both investor and name', () => {
    const form = { ...emptyProjectForm(4, '2026-11-25'), name: '精密', investorName: '苏州博远' };
    expect(duplicatesQuery(form, null)).toEqual({ name: '精密', investorName: '苏州博远' });
    expect(duplicatesQuery({ ...form, name: '' }, null)).toBeNull();
    expect(
      duplicatesQuery(
        { ...form, name: '', investorCreditCode: '91320506508991212h', agreedInvestmentWan: '12000.0' },
        15,
      ),
    ).toEqual({
      investorName: '苏州博远',
      investorCreditCode: '91320506508991212H',
      agreedInvestmentWan: '12000',
      excludeId: 15,
    });
    // An invalid code or amount is not asked about.
    expect(
      duplicatesQuery({ ...form, investorCreditCode: '123', agreedInvestmentWan: '1,200' }, null),
    ).toEqual({
      name: '精密',
      investorName: '苏州博远',
    });
  });
});

describe('requests', () => {
  it('should send a new project with trimmed text, exact amount, co-credited shares and the initial stage', () => {
    const form = {
      ...emptyProjectForm(4, '2026-11-25'),
      name: ' 新项目 ',
      investorName: '某公司',
      investorCreditCode: '91320506508991212h',
      origin: 'overseas' as const,
      agreedInvestmentWan: '150000.50',
      shares: [{ unitId: 9, sharePct: '40.0' }],
      stage: 'signed' as const,
      stageDate: '2026-11-20',
    };
    expect(createRequest(form)).toEqual({
      name: '新项目',
      investorName: '某公司',
      investorCreditCode: '91320506508991212H',
      origin: 'overseas',
      industryChain: null,
      chainLinkId: null,
      agreedInvestmentWan: '150000.5',
      fortune500Kind: null,
      isChainLeader: false,
      isSpecialized: false,
      unitId: 4,
      shares: [{ unitId: 9, sharePct: '40' }],
      stage: 'signed',
      stageDate: '2026-11-20',
      description: null,
      contact: null,
    });
  });

  it('should patch only what changed, with the version', () => {
    const row = project();
    const form = formFromProject(row, '2026-11-25');
    expect(form.shares).toEqual([{ unitId: 13, sharePct: '40' }]);
    expect(updatePatch(row, form)).toEqual({ version: 3 });
    expect(
      updatePatch(row, { ...form, agreedInvestmentWan: '12000.00', name: '精密零部件加工项目（一期）' }),
    ).toEqual({
      version: 3,
      name: '精密零部件加工项目（一期）',
    });
    expect(updatePatch(row, { ...form, shares: [{ unitId: 13, sharePct: '30' }] })).toEqual({
      version: 3,
      shares: [{ unitId: 13, sharePct: '30' }],
    });
  });

  it('should keep the user’s fields and take the others from the fresh row after a conflict', () => {
    const row = project();
    const fresh = project({ version: 4, contact: '张经理', name: '别人改的名称' });
    const form = { ...formFromProject(row, '2026-11-25'), name: '我改的名称' };
    const merged = mergeAfterConflict(row, fresh, form, '2026-11-25');
    expect(merged.name).toBe('我改的名称');
    expect(merged.contact).toBe('张经理');
  });
});

describe('isLikelyCorrection (the API rule for a stage event)', () => {
  const signed = project();

  it('should see a step forward on or after the latest date as a plain event', () => {
    expect(isLikelyCorrection(signed, 'started', '2026-06-01')).toBe(false);
    expect(isLikelyCorrection(signed, 'started', '2026-05-10')).toBe(false);
    expect(isLikelyCorrection(signed, 'registered', '2026-01-01')).toBe(false);
  });

  it('should see a step back, an earlier date or leaving dropped as a correction', () => {
    expect(isLikelyCorrection(signed, 'negotiating', '2026-06-01')).toBe(true);
    expect(isLikelyCorrection(signed, 'started', '2026-05-01')).toBe(true);
    expect(isLikelyCorrection(signed, 'dropped', '2026-04-01')).toBe(true);
    expect(
      isLikelyCorrection(project({ stage: 'dropped', droppedDate: '2026-06-01' }), 'signed', '2026-07-01'),
    ).toBe(true);
    expect(isLikelyCorrection(project({ registeredDate: '2026-08-01' }), 'registered', '2026-07-01')).toBe(
      true,
    );
  });
});
