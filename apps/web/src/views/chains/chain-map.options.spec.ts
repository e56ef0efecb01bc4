import { describe, expect, it } from 'vitest';

import type { ChainMapLink, ChainMapResponse, ChainStageFigure } from '@pacer/shared';

import {
  type ChainMapLabels,
  type ChainTreeNode,
  chainTreeOption,
  leafCount,
  linkProjects,
  panoramaTree,
  STATE_COLORS,
  stateCounts,
  statusTree,
} from './chain-map.options';

const LABELS: ChainMapLabels = {
  segments: { upstream: '上游', midstream: '中游', downstream: '下游' },
  states: { producing: '已投产', started: '在建', signed: '已签约', negotiating: '在谈', gap: '空白' },
  unlinked: '未归链环节',
  projects: (count, amount) => `${count} 个项目 ${amount}亿元`,
  leads: (count, negotiating) => `线索 ${count} 条（洽谈中 ${negotiating} 条）`,
  targets: (count) => `目标企业 ${count} 家`,
  hasProject: '已有项目',
  hasLead: '已有线索',
};

const none = (): ChainStageFigure => ({ count: 0, agreedWan: '0', fundsWan: '0' });
const figure = (count: number, agreedWan: string, fundsWan = '0'): ChainStageFigure => ({ count, agreedWan, fundsWan });

function link(extra: Partial<ChainMapLink> & Pick<ChainMapLink, 'linkId' | 'name'>): ChainMapLink {
  return {
    segment: 'midstream',
    producing: none(),
    started: none(),
    signed: none(),
    negotiating: none(),
    leadsNegotiating: 0,
    leadsOpen: 0,
    targets: [],
    state: 'gap',
    ...extra,
  };
}

/** 新能源: 电芯 producing + started, 储能系统 signed, 锂电材料 in talks (a lead), 充换电设施 a gap, one project on no link. */
const MAP: ChainMapResponse = {
  chain: { id: 1, name: '新能源', leaderName: '王建军', leaderTitle: '县委常委、常务副县长' },
  links: [
    link({
      linkId: 11,
      segment: 'upstream',
      name: '锂电材料',
      leadsNegotiating: 1,
      leadsOpen: 2,
      state: 'negotiating',
      targets: [
        { id: 1, companyName: '江源锂业科技有限公司', investorId: 5, note: null, hasLead: true, hasProject: false },
        { id: 2, companyName: '华瑞新材料股份有限公司', investorId: 6, note: '链主企业', hasLead: false, hasProject: false },
      ],
    }),
    link({
      linkId: 12,
      name: '电芯',
      producing: figure(1, '80000.5', '5000.25'),
      started: figure(1, '50000', '1500'),
      state: 'producing',
      targets: [{ id: 3, companyName: '远景动力电池有限公司', investorId: 7, note: null, hasLead: false, hasProject: true }],
    }),
    link({ linkId: 13, name: '储能系统', signed: figure(1, '30000'), negotiating: figure(1, '12000'), state: 'signed' }),
    link({ linkId: 14, segment: 'downstream', name: '充换电设施', leadsOpen: 1 }),
  ],
  unlinked: link({ linkId: null, segment: null, name: '未归链环节', signed: figure(1, '20000'), state: 'signed' }),
  gaps: ['充换电设施'],
  projects: [],
  leads: [],
  activities: [],
};

const names = (node: ChainTreeNode): string[] => (node.children ?? []).map((c) => c.name);

describe('chain map shaping', () => {
  it('should add a link’s projects of every stage exactly (no float sums)', () => {
    expect(linkProjects(MAP.links[1]!)).toEqual({ count: 2, agreedWan: '130000.5', fundsWan: '6500.25' });
    expect(linkProjects(MAP.links[2]!)).toEqual({ count: 2, agreedWan: '42000', fundsWan: '0' });
    expect(linkProjects(link({ linkId: 1, name: 'x', signed: figure(2, '0.1'), started: figure(1, '0.2') })).agreedWan).toBe('0.3');
  });

  it('should draw the 全景图 as chain → 上中下游 (only those with links) → links → every target', () => {
    const tree = panoramaTree(MAP, LABELS);
    expect(tree.name).toBe('新能源');
    expect(names(tree)).toEqual(['上游', '中游', '下游']);
    const upstream = tree.children![0]!;
    expect(names(upstream)).toEqual(['锂电材料']);
    expect(names(upstream.children![0]!)).toEqual(['江源锂业科技有限公司', '华瑞新材料股份有限公司']);
    // a target with a lead is orange, with a project blue, the others grey
    const [withLead, plain] = upstream.children![0]!.children!;
    expect(withLead!.itemStyle.color).toBe(STATE_COLORS.negotiating);
    expect(withLead!.tip).toContain('已有线索');
    expect(plain!.itemStyle.color).toBe('#94a3b8');
    expect(plain!.tip).toContain('链主企业');
    expect(tree.children![1]!.children![0]!.children![0]!.itemStyle.color).toBe(STATE_COLORS.signed);
    // leaves: 2 targets + 1 target + 储能系统 + 充换电设施 (links without targets are leaves themselves)
    expect(leafCount(tree)).toBe(5);
  });

  it('should colour the 现状图’s links by state, label them with count and 亿元, and hang 未归链环节 from the chain', () => {
    const tree = statusTree(MAP, LABELS);
    expect(names(tree)).toEqual(['上游', '中游', '下游', '未归链环节\n已签约 · 1 个项目 2.00亿元']);
    const [cell, storage] = tree.children![1]!.children!;
    expect(cell!.name).toBe('电芯\n已投产 · 2 个项目 13.00亿元');
    expect(cell!.itemStyle).toEqual({ color: STATE_COLORS.producing, borderColor: STATE_COLORS.producing });
    expect(storage!.state).toBe('signed');
    expect(storage!.tip).toContain('已投产 0 · 在建 0 · 已签约 1 · 在谈 1');
    const gap = tree.children![2]!.children![0]!;
    expect(gap.name).toBe('充换电设施\n空白');
    // a gap is a hollow red ring
    expect(gap.itemStyle).toEqual({ color: '#ffffff', borderColor: STATE_COLORS.gap });
    expect(tree.children![0]!.children![0]!.tip).toContain('线索 2 条（洽谈中 1 条）');
    expect(leafCount(tree)).toBe(5);
  });

  it('should count the links per state for the legend', () => {
    expect(stateCounts(MAP)).toEqual({ producing: 1, started: 0, signed: 1, negotiating: 1, gap: 1 });
  });

  it('should escape company names in tooltips (they are typed by people)', () => {
    const hostile = {
      ...MAP,
      links: [
        link({
          linkId: 1,
          name: '<img src=x onerror=alert(1)>',
          targets: [{ id: 9, companyName: '<b>某公司</b>', investorId: null, note: null, hasLead: false, hasProject: false }],
        }),
      ],
    };
    const allTips = (node: ChainTreeNode): string[] => [...node.tip, ...(node.children ?? []).flatMap(allTips)];
    const tips = JSON.stringify([panoramaTree(hostile, LABELS), statusTree(hostile, LABELS)].flatMap(allTips));
    expect(tips).not.toContain('<img');
    expect(tips).not.toContain('<b>');
    expect(tips).toContain('&#60;b&#62;某公司');
  });

  it('should build a left-to-right tree option that opens every level and reads tooltips from the nodes', () => {
    const root = statusTree(MAP, LABELS);
    const option = chainTreeOption(root, { animation: false });
    const series = (option.series as Array<Record<string, unknown>>)[0]!;
    expect(series).toMatchObject({ type: 'tree', orient: 'LR', initialTreeDepth: -1, expandAndCollapse: false });
    expect(series.data).toEqual([root]);
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(formatter({ data: root.children![1]!.children![0] })).toBe(
      '电芯<br/>已投产 1 · 在建 1 · 已签约 0 · 在谈 0<br/>2 个项目 13.00亿元<br/>线索 0 条（洽谈中 0 条）',
    );
    expect(option.animation).toBe(false);
  });
});
