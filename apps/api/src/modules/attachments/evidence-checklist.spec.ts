import { evidenceChecklist } from './evidence-checklist';

describe('evidenceChecklist', () => {
  const project = { signedDate: '2026-03-20', startedDate: null, producingDate: null, registeredDate: null };
  const events = [
    { id: 11, stage: 'negotiating' as const },
    { id: 12, stage: 'signed' as const },
  ];
  const required = {
    signed: ['contract' as const],
    started: ['permit' as const, 'startPhoto' as const],
    fund: ['fundVoucher' as const],
  };
  const live = (
    kind: 'contract' | 'fundVoucher' | 'other',
    eventId: number | null = null,
    fundMonth: string | null = null,
  ) => ({
    kind,
    eventId,
    fundMonth,
    removedAt: null,
  });

  it('should list only the steps reached, and months with funds above 0', () => {
    const funds = [
      { month: '2026-04', amountWan: '3500' },
      { month: '2026-05', amountWan: '0' },
    ];
    expect(evidenceChecklist(project, events, funds, [], required)).toEqual([
      { step: 'signed', kinds: ['contract'], eventId: 12, fundMonth: null, isMet: false },
      { step: 'fund', kinds: ['fundVoucher'], eventId: null, fundMonth: '2026-04', isMet: false },
    ]);
  });

  it('should count a contract on the event or on the project, not one on another event, a fund month or removed', () => {
    const signed = (attachments: Parameters<typeof evidenceChecklist>[3]) =>
      evidenceChecklist(project, events, [], attachments, required)[0]!.isMet;
    expect(signed([live('contract', 12)])).toBe(true);
    expect(signed([live('contract')])).toBe(true);
    expect(signed([live('contract', 11)])).toBe(false);
    expect(signed([live('contract', null, '2026-04')])).toBe(false);
    expect(signed([live('other', 12)])).toBe(false);
    expect(signed([{ ...live('contract', 12), removedAt: '2026-05-01T00:00:00.000Z' }])).toBe(false);
  });

  it('should need nothing for a step the plan leaves out', () => {
    expect(evidenceChecklist(project, events, [], [], {})).toEqual([]);
  });
});
