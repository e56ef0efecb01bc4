import { describe, expect, it } from 'vitest';

import type { ChainDetail } from '@pacer/shared';

import { createRequest, emptyChainForm, formFromChain, moveLink, targetNames, updateRequest } from './chain-form';

const CHAIN: ChainDetail = {
  id: 3,
  name: '生物医药',
  description: '依托县高新技术产业园区，发展原料药、医疗器械和生物制品',
  leaderName: '李红梅',
  leaderTitle: '副县长',
  leadUnitId: 7,
  leadUnitName: '县卫生健康委员会',
  taskForceUnitId: 21,
  taskForceUnitName: '生物医药产业专班',
  sortOrder: 20,
  isPlanChain: true,
  projectCount: 9,
  unlinkedProjectCount: 2,
  targetCount: 2,
  updatedAt: '2026-11-02T02:00:00.000Z',
  version: 4,
  removedAt: null,
  removedReason: null,
  links: [
    {
      id: 31, chainId: 3, chainName: '生物医药', segment: 'upstream', name: '原料药及中间体', description: null, sortOrder: 10,
      targets: [{ id: 1, companyName: '康源医药化工有限公司', investorId: 40, note: '2025年赴总部对接' }],
    },
    {
      id: 32, chainId: 3, chainName: '生物医药', segment: 'midstream', name: '医疗器械', description: null, sortOrder: 20,
      targets: [{ id: 2, companyName: '安康医疗器械有限公司', investorId: 41, note: null }],
    },
  ],
};

describe('chain form', () => {
  it('should send a new chain with trimmed fields, nulls for blanks and its links in order', () => {
    const form = emptyChainForm(' 新能源 ');
    form.leaderName = '王建军';
    form.links.push({ segment: 'upstream', name: ' 锂电材料 ', targets: ['江源锂业科技有限公司', ' 江源锂业 科技有限公司', ''] });
    form.links.push({ segment: 'midstream', name: '电芯', targets: [] });
    expect(createRequest(form)).toEqual({
      name: '新能源',
      description: null,
      leaderName: '王建军',
      leaderTitle: null,
      leadUnitId: null,
      taskForceUnitId: null,
      links: [
        { segment: 'upstream', name: '锂电材料', targets: [{ name: '江源锂业科技有限公司' }] },
        { segment: 'midstream', name: '电芯', targets: [] },
      ],
    });
  });

  it('should send only the version when nothing changed', () => {
    expect(updateRequest(CHAIN, formFromChain(CHAIN))).toEqual({ version: 4 });
  });

  it('should send the whole link list, ids and known notes kept, when a link moves or a target is added', () => {
    const form = formFromChain(CHAIN);
    moveLink(form.links, 1, -1);
    form.links[1]!.targets.push('华康原料药股份有限公司');
    form.leaderTitle = '县委常委、副县长';
    expect(updateRequest(CHAIN, form)).toEqual({
      version: 4,
      leaderTitle: '县委常委、副县长',
      links: [
        { id: 32, segment: 'midstream', name: '医疗器械', targets: [{ name: '安康医疗器械有限公司' }] },
        {
          id: 31,
          segment: 'upstream',
          name: '原料药及中间体',
          targets: [{ name: '康源医药化工有限公司', note: '2025年赴总部对接' }, { name: '华康原料药股份有限公司' }],
        },
      ],
    });
  });

  it('should leave out a removed link and add a new one without an id', () => {
    const form = formFromChain(CHAIN);
    form.links.splice(0, 1);
    form.links.push({ segment: 'downstream', name: '医药流通', targets: [] });
    expect(updateRequest(CHAIN, form).links?.map((l) => [l.id, l.name])).toEqual([
      [32, '医疗器械'],
      [undefined, '医药流通'],
    ]);
  });

  it('should keep target names once, ignoring case and spaces, and move links within bounds only', () => {
    expect(targetNames(['ABC 科技', 'abc科技', ' ', '华生生物'])).toEqual(['ABC 科技', '华生生物']);
    const links = formFromChain(CHAIN).links;
    moveLink(links, 0, -1);
    moveLink(links, 1, 1);
    expect(links.map((l) => l.id)).toEqual([31, 32]);
  });
});
