import { describe, expect, it } from 'vitest';

import type { ChainListItem } from '@pacer/shared';

import {
  amountText,
  chainLinkOptions,
  emptyFollowUp,
  followUpProblems,
  followUpRequest,
  leadFlags,
  moveNeeds,
  nextStatuses,
} from './lead-view';

describe('lead-view', () => {
  it('should show 逾期 before 沉睡 and nothing for a lead followed up on time', () => {
    expect(leadFlags({ isDormant: true, isOverdue: true })).toEqual(['overdue', 'dormant']);
    expect(leadFlags({ isDormant: true, isOverdue: false })).toEqual(['dormant']);
    expect(leadFlags({ isDormant: false, isOverdue: false })).toEqual([]);
  });

  it('should offer the moves of 新线索 → 洽谈中 → 已签约 | 已搁置 and none from 已签约', () => {
    expect(nextStatuses('new')).toEqual(['negotiating', 'signed', 'shelved']);
    expect(nextStatuses('negotiating')).toEqual(['signed', 'shelved']);
    expect(nextStatuses('signed')).toEqual([]);
    expect(nextStatuses('shelved')).toEqual(['new', 'negotiating']);
  });

  it('should ask a reason to shelve or take up again, and a project to sign', () => {
    expect(moveNeeds('negotiating', 'shelved')).toEqual({ reason: true, project: false });
    expect(moveNeeds('shelved', 'negotiating')).toEqual({ reason: true, project: false });
    expect(moveNeeds('negotiating', 'signed')).toEqual({ reason: false, project: true });
    expect(moveNeeds('new', 'negotiating')).toEqual({ reason: false, project: false });
  });

  it('should refuse a follow-up without people or agreement, in the future, or with a date but no next step', () => {
    const draft = emptyFollowUp('2026-12-08', '王建国');
    expect(followUpProblems(draft, '2026-12-08')).toEqual(['agreed']);
    expect(
      followUpProblems({ ...draft, agreed: '企业确认来县考察', followedOn: '2026-12-09', nextStepDue: '2026-12-20' }, '2026-12-08'),
    ).toEqual(['followedOn', 'nextStep']);
    expect(followUpProblems({ ...draft, people: ' ', agreed: '确认' }, '2026-12-08')).toEqual(['people']);
  });

  it('should send a trimmed follow-up and drop a due date without a step', () => {
    expect(
      followUpRequest({
        followedOn: '2026-12-02',
        way: 'call',
        people: ' 王建国 ',
        agreed: ' 寄送投资指南 ',
        nextStep: '  ',
        nextStepDue: '2026-12-20',
      }),
    ).toEqual({ followedOn: '2026-12-02', way: 'call', people: '王建国', agreed: '寄送投资指南', nextStep: null, nextStepDue: null });
  });

  it('should group chain links by chain and offer none without chains', () => {
    const chains = [
      {
        id: 1,
        name: '新能源汽车',
        leaderName: null,
        leaderTitle: null,
        leadUnitId: null,
        taskForceUnitId: null,
        version: 1,
        links: [{ id: 7, chainId: 1, chainName: '新能源汽车', segment: 'upstream', name: '电池材料' }],
      },
      { id: 2, name: '空链', leaderName: null, leaderTitle: null, leadUnitId: null, taskForceUnitId: null, version: 1, links: [] },
    ] satisfies ChainListItem[];
    expect(chainLinkOptions(chains)).toEqual([{ label: '新能源汽车', options: [{ value: 7, label: '新能源汽车 · 电池材料' }] }]);
    expect(chainLinkOptions(null)).toEqual([]);
  });

  it('should read an amount typed with separators or full-width digits as 万元 text', () => {
    expect(amountText('50,000')).toBe('50000');
    expect(amountText('１２００．５')).toBe('1200.5');
    expect(amountText('')).toBeNull();
    expect(amountText('5e4')).toBe('invalid');
  });
});
