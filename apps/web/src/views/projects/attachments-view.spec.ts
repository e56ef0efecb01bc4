import { describe, expect, it } from 'vitest';

import type { ProjectDetail } from '@pacer/shared';

import {
  ATTACHMENT_ACCEPT,
  checklistTags,
  defaultKind,
  formatBytes,
  isThumbnail,
  missingCount,
  sizeProblem,
  supportOptions,
  targetOf,
  uploadFields,
} from './attachments-view';

const project: Pick<ProjectDetail, 'events' | 'funds'> = {
  events: [
    {
      id: 1,
      stage: 'negotiating',
      eventDate: '2026-02-10',
      isCorrection: false,
      reason: null,
      createdBy: '青山镇填报员',
      createdAt: '2026-02-10T02:00:00.000Z',
    },
    {
      id: 2,
      stage: 'signed',
      eventDate: '2026-03-20',
      isCorrection: false,
      reason: null,
      createdBy: '青山镇填报员',
      createdAt: '2026-03-20T02:00:00.000Z',
    },
    {
      id: 3,
      stage: 'started',
      eventDate: '2026-06-18',
      isCorrection: false,
      reason: null,
      createdBy: '青山镇填报员',
      createdAt: '2026-06-18T02:00:00.000Z',
    },
  ],
  funds: [
    { month: '2026-04', amountWan: '3500', note: null, version: 1 } as ProjectDetail['funds'][number],
    { month: '2026-07', amountWan: '5000', note: null, version: 1 } as ProjectDetail['funds'][number],
  ],
};

describe('attachments-view', () => {
  it('should offer the project, its counting events newest first, then its fund months newest first', () => {
    expect(supportOptions(project).map((o) => o.value)).toEqual([
      'project',
      'event:3',
      'event:2',
      'fund:2026-07',
      'fund:2026-04',
    ]);
    expect(supportOptions(project)[1]!.params).toEqual({ stage: 'started', date: '2026-06-18' });
  });

  it('should suggest the kind the target usually needs', () => {
    expect(defaultKind('event:2', project)).toBe('contract');
    expect(defaultKind('event:3', project)).toBe('startPhoto');
    expect(defaultKind('fund:2026-04', project)).toBe('fundVoucher');
    expect(defaultKind('project', project)).toBe('contract');
  });

  it('should turn the form into the upload fields and back', () => {
    expect(uploadFields('contract', 'event:2', '  双方盖章版 ')).toEqual({
      kind: 'contract',
      eventId: 2,
      note: '双方盖章版',
    });
    expect(uploadFields('fundVoucher', 'fund:2026-07', '')).toEqual({
      kind: 'fundVoucher',
      fundMonth: '2026-07',
    });
    expect(uploadFields('other', 'project', ' ')).toEqual({ kind: 'other' });
    expect(targetOf({ eventId: 2, fundMonth: null })).toBe('event:2');
    expect(targetOf({ eventId: null, fundMonth: '2026-07' })).toBe('fund:2026-07');
    expect(targetOf({ eventId: null, fundMonth: null })).toBe('project');
  });

  it('should accept the phone’s HEIC photos and Office files, and no executables', () => {
    expect(ATTACHMENT_ACCEPT.split(',')).toEqual(
      expect.arrayContaining(['.pdf', '.heic', '.docx', 'image/jpeg']),
    );
    expect(ATTACHMENT_ACCEPT).not.toMatch(/exe|zip|html/);
  });

  it('should format sizes and flag files over the limits before uploading', () => {
    expect(formatBytes(20 * 1024 * 1024)).toBe('20.0 MB');
    expect(formatBytes(1536)).toBe('2 KB');
    expect(formatBytes(512)).toBe('512 B');
    const limits = { maxFileBytes: 1000, maxProjectBytes: 5000, usedBytes: 4500 };
    expect(sizeProblem({ size: 1001 }, limits)).toBe('tooLarge');
    expect(sizeProblem({ size: 600 }, limits)).toBe('projectFull');
    expect(sizeProblem({ size: 500 }, limits)).toBeNull();
  });

  it('should show thumbnails for JPEG and PNG only, and count the missing evidence', () => {
    expect([
      isThumbnail({ type: 'png' }),
      isThumbnail({ type: 'heic' }),
      isThumbnail({ type: 'pdf' }),
    ]).toEqual([true, false, false]);
    const check = (isMet: boolean) => ({
      step: 'signed' as const,
      kinds: ['contract' as const],
      eventId: null,
      fundMonth: null,
      isMet,
    });
    expect(missingCount([check(true), check(false), check(false)])).toBe(2);
  });

  it('should fold the fund months into one checklist tag with the months still missing', () => {
    const c = (step: 'signed' | 'fund', isMet: boolean, fundMonth: string | null = null) => ({
      step,
      kinds: step === 'fund' ? (['fundVoucher'] as const) : (['contract'] as const),
      eventId: null,
      fundMonth,
      isMet,
    });
    const tags = checklistTags(
      [
        c('signed', true),
        c('fund', true, '2026-04'),
        c('fund', false, '2026-05'),
        c('fund', false, '2026-06'),
      ].map((x) => ({ ...x, kinds: [...x.kinds] })),
    );
    expect(tags).toEqual([
      { step: 'signed', kinds: ['contract'], isMet: true, months: null },
      {
        step: 'fund',
        kinds: ['fundVoucher'],
        isMet: false,
        months: { met: 1, total: 3, missing: ['2026-05', '2026-06'] },
      },
    ]);
    expect(checklistTags([c('signed', false)].map((x) => ({ ...x, kinds: [...x.kinds] })))).toHaveLength(1);
  });
});
