import type { VerificationRow } from '@pacer/shared';

/** A 青山镇 signing as the queue answers it, pending, for the specs. */
export function verificationRow(overrides: Partial<VerificationRow>): VerificationRow {
  return {
    id: 1,
    projectId: 7,
    projectCode: 'XM2026-000007',
    projectName: '青山镇年产5万吨竹木精深加工项目',
    investorName: '福建竹源新材料科技有限公司',
    unitId: 3,
    unitName: '青山镇',
    kind: 'signed',
    fundMonth: null,
    eventDate: '2026-06-10',
    amountWan: '52000',
    project: {
      stage: 'signed',
      agreedInvestmentWan: '52000',
      signedDate: '2026-06-10',
      startedDate: null,
      producingDate: null,
      registeredDate: null,
      droppedDate: null,
    },
    status: 'pending',
    reason: null,
    note: null,
    decidedBy: null,
    decidedAt: null,
    isAppealed: false,
    appealNote: null,
    appealedAt: null,
    canAppeal: false,
    reopenedAt: null,
    previousStatus: null,
    suggestedDecision: null,
    suggestedReason: null,
    duplicates: [],
    version: 1,
    updatedAt: '2026-07-01T02:00:00.000Z',
    ...overrides,
  };
}
