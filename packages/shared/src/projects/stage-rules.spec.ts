import { applyStageEvent, initialStageState, latestPathDate, type StageState } from './stage-rules.js';

function signedProject(): StageState {
  const s = initialStageState('lead', '2026-01-05');
  return { stage: 'signed', dates: { ...s.dates, negotiating: '2026-02-10', signed: '2026-03-18' } };
}

describe('stage-rules', () => {
  it('should start a project at any path stage with only that date', () => {
    const s = initialStageState('signed', '2026-03-01');
    expect(s.stage).toBe('signed');
    expect(Object.entries(s.dates).filter(([, d]) => d !== null)).toEqual([['signed', '2026-03-01']]);
  });

  it('should move forward, skipping stages, on or after the latest date without being a correction', () => {
    const out = applyStageEvent(signedProject(), 'producing', '2026-03-18');
    expect(out.isCorrection).toBe(false);
    expect(out.next.stage).toBe('producing');
    expect(out.next.dates).toMatchObject({ signed: '2026-03-18', started: null, producing: '2026-03-18' });
  });

  it('should treat an earlier date as a correction, even going forward', () => {
    expect(applyStageEvent(signedProject(), 'started', '2026-03-17').isCorrection).toBe(true);
    expect(applyStageEvent(signedProject(), 'signed', '2026-03-01').isCorrection).toBe(true);
    // the same stage again with a later date is just a later date
    expect(applyStageEvent(signedProject(), 'signed', '2026-03-20').isCorrection).toBe(false);
  });

  it('should treat a step back as a correction and clear the later stages', () => {
    const started = applyStageEvent(signedProject(), 'started', '2026-04-01').next;
    const out = applyStageEvent(started, 'negotiating', '2026-04-02');
    expect(out.isCorrection).toBe(true);
    expect(out.next.stage).toBe('negotiating');
    expect(out.next.dates).toMatchObject({
      lead: '2026-01-05',
      negotiating: '2026-04-02',
      signed: null,
      started: null,
    });
  });

  it('should drop at any time and count leaving dropped as a correction', () => {
    const dropped = applyStageEvent(signedProject(), 'dropped', '2026-05-01');
    expect(dropped.isCorrection).toBe(false);
    expect(dropped.next).toMatchObject({
      stage: 'dropped',
      dates: { signed: '2026-03-18', dropped: '2026-05-01' },
    });
    expect(latestPathDate(dropped.next)).toBe('2026-05-01');
    expect(applyStageEvent(signedProject(), 'dropped', '2026-03-01').isCorrection).toBe(true);
    const revived = applyStageEvent(dropped.next, 'started', '2026-06-01');
    expect(revived.isCorrection).toBe(true);
    expect(revived.next).toMatchObject({ stage: 'started', dates: { dropped: null, started: '2026-06-01' } });
  });

  it('should keep registered apart from the stage and the path dates', () => {
    const first = applyStageEvent(signedProject(), 'registered', '2026-01-01');
    expect(first.isCorrection).toBe(false);
    expect(first.next.stage).toBe('signed');
    expect(latestPathDate(first.next)).toBe('2026-03-18');
    expect(applyStageEvent(first.next, 'registered', '2026-02-01').isCorrection).toBe(false);
    expect(applyStageEvent(first.next, 'registered', '2025-12-31').isCorrection).toBe(true);
  });
});
