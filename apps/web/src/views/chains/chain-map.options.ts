import { CHAIN_SEGMENTS, Dec } from '@pacer/shared';
import type { ChainLinkState, ChainMapLink, ChainMapResponse, ChainSegment, ChainStageFigure } from '@pacer/shared';

import type { ECTreeOption } from '@/plugins/echarts-tree';
import { amountYi } from '@/utils/format';

/** 已投产 / 在建 / 已签约 / 在谈 / 空白: greens for what runs, blue for what is signed, amber for talks, red for gaps. */
export const STATE_COLORS: Readonly<Record<ChainLinkState, string>> = {
  producing: '#15803d',
  started: '#65a30d',
  signed: '#2563eb',
  negotiating: '#d97706',
  gap: '#dc2626',
};

const NEUTRAL = '#64748b';
const TARGET_COLOR = '#94a3b8';

/** The words the trees are drawn with (the page passes them translated). */
export interface ChainMapLabels {
  segments: Readonly<Record<ChainSegment, string>>;
  states: Readonly<Record<ChainLinkState, string>>;
  unlinked: string;
  /** A link's projects: how many and their agreed investment in 亿元 (already formatted). */
  projects: (count: number, amountYi: string) => string;
  leads: (count: number, negotiating: number) => string;
  targets: (count: number) => string;
  hasProject: string;
  hasLead: string;
}

export type ChainNodeKind = 'chain' | 'segment' | 'link' | 'target';

/** A node of the ECharts tree: its name, what it is, its colour and its tooltip (HTML-escaped text lines). */
export interface ChainTreeNode {
  name: string;
  kind: ChainNodeKind;
  state?: ChainLinkState;
  linkId?: number | null;
  tip: string[];
  itemStyle: { color: string; borderColor: string };
  label?: { color?: string; fontWeight?: 'bold' | 'normal' };
  children?: ChainTreeNode[];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The projects of a link that the county has or is talking about: count and agreed investment (exact decimals). */
export function linkProjects(link: Pick<ChainMapLink, 'producing' | 'started' | 'signed' | 'negotiating'>): ChainStageFigure {
  const figures = [link.producing, link.started, link.signed, link.negotiating];
  return {
    count: figures.reduce((n, f) => n + f.count, 0),
    agreedWan: figures.reduce((sum, f) => sum.plus(f.agreedWan), new Dec(0)).toFixed(),
    fundsWan: figures.reduce((sum, f) => sum.plus(f.fundsWan), new Dec(0)).toFixed(),
  };
}

function segmentsOf(map: ChainMapResponse): ChainSegment[] {
  return CHAIN_SEGMENTS.filter((s) => map.links.some((l) => l.segment === s));
}

/**
 * 全景图: the chain, its 上/中/下游, every link and every target company (a target already with a project or a lead
 * says so in its colour and tooltip). Neutral colours: this is the chain as planned, not the county's state.
 */
export function panoramaTree(map: ChainMapResponse, labels: ChainMapLabels): ChainTreeNode {
  return {
    name: map.chain.name,
    kind: 'chain',
    tip: [escapeHtml(map.chain.name), ...(map.chain.leaderName ? [escapeHtml(`${map.chain.leaderTitle ?? ''} ${map.chain.leaderName}`.trim())] : [])],
    itemStyle: { color: '#1e3a8a', borderColor: '#1e3a8a' },
    label: { fontWeight: 'bold' },
    children: segmentsOf(map).map((segment) => ({
      name: labels.segments[segment],
      kind: 'segment' as const,
      tip: [labels.segments[segment]],
      itemStyle: { color: NEUTRAL, borderColor: NEUTRAL },
      children: map.links
        .filter((l) => l.segment === segment)
        .map((link) => ({
          name: link.name,
          kind: 'link' as const,
          linkId: link.linkId,
          tip: [escapeHtml(link.name), labels.targets(link.targets.length)],
          itemStyle: { color: '#ffffff', borderColor: NEUTRAL },
          children: link.targets.map((target) => {
            const marks = [target.hasProject ? labels.hasProject : null, target.hasLead ? labels.hasLead : null].filter(
              (m): m is string => m !== null,
            );
            const color = target.hasProject ? STATE_COLORS.signed : target.hasLead ? STATE_COLORS.negotiating : TARGET_COLOR;
            return {
              name: target.companyName,
              kind: 'target' as const,
              tip: [escapeHtml(target.companyName), ...marks, ...(target.note ? [escapeHtml(target.note)] : [])],
              itemStyle: { color, borderColor: color },
              label: { color: target.hasProject || target.hasLead ? color : '#475569' },
            };
          }),
        })),
    })),
  };
}

function statusLink(link: ChainMapLink, labels: ChainMapLabels): ChainTreeNode {
  const color = STATE_COLORS[link.state];
  const projects = linkProjects(link);
  const stateLine =
    link.state === 'gap'
      ? labels.states.gap
      : `${labels.states[link.state]} · ${labels.projects(projects.count, amountYi(projects.agreedWan))}`;
  return {
    name: `${link.name}\n${stateLine}`,
    kind: 'link',
    state: link.state,
    linkId: link.linkId,
    tip: [
      escapeHtml(link.name),
      (['producing', 'started', 'signed', 'negotiating'] as const)
        .map((s) => `${labels.states[s]} ${link[s].count}`)
        .join(' · '),
      labels.projects(projects.count, amountYi(projects.agreedWan)),
      labels.leads(link.leadsOpen, link.leadsNegotiating),
    ],
    itemStyle: { color: link.state === 'gap' ? '#ffffff' : color, borderColor: color },
    label: { color },
  };
}

/**
 * 现状图: the chain, its 上/中/下游 and every link coloured by what the county has there (已投产 > 在建 > 已签约 > 在谈 >
 * 空白), with the count and agreed investment of its projects; projects of the chain on no link hang from the chain
 * as 未归链环节.
 */
export function statusTree(map: ChainMapResponse, labels: ChainMapLabels): ChainTreeNode {
  const segments: ChainTreeNode[] = segmentsOf(map).map((segment) => ({
    name: labels.segments[segment],
    kind: 'segment',
    tip: [labels.segments[segment]],
    itemStyle: { color: NEUTRAL, borderColor: NEUTRAL },
    children: map.links.filter((l) => l.segment === segment).map((l) => statusLink(l, labels)),
  }));
  if (map.unlinked) segments.push({ ...statusLink({ ...map.unlinked, name: labels.unlinked }, labels), kind: 'segment' });
  return {
    name: map.chain.name,
    kind: 'chain',
    tip: [escapeHtml(map.chain.name)],
    itemStyle: { color: '#1e3a8a', borderColor: '#1e3a8a' },
    label: { fontWeight: 'bold' },
    children: segments,
  };
}

/** How many leaves the tree has (the chart's height follows them). */
export function leafCount(node: ChainTreeNode): number {
  return node.children?.length ? node.children.reduce((n, c) => n + leafCount(c), 0) : 1;
}

/** Links per state, gaps included, in the legend's order. */
export function stateCounts(map: ChainMapResponse): Record<ChainLinkState, number> {
  const counts: Record<ChainLinkState, number> = { producing: 0, started: 0, signed: 0, negotiating: 0, gap: 0 };
  for (const link of map.links) counts[link.state] += 1;
  return counts;
}

/**
 * The tree drawn left to right (chain → 上中下游 → links → targets), every level open, tooltips from the nodes.
 * `compact` (a phone): narrower margins and smaller labels.
 */
export function chainTreeOption(root: ChainTreeNode, options: { animation?: boolean; compact?: boolean } = {}): ECTreeOption {
  const compact = options.compact ?? false;
  return {
    animation: options.animation ?? true,
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => ((params as { data?: ChainTreeNode }).data?.tip ?? []).join('<br/>'),
    },
    series: [
      {
        type: 'tree',
        data: [root as never],
        orient: 'LR',
        layout: 'orthogonal',
        left: compact ? 50 : 90,
        right: compact ? 172 : 260,
        top: 16,
        bottom: 16,
        symbol: 'circle',
        symbolSize: 11,
        initialTreeDepth: -1,
        expandAndCollapse: false,
        roam: false,
        lineStyle: { color: '#cbd5e1', width: 1.2, curveness: 0.5 },
        label: { position: 'left', verticalAlign: 'middle', align: 'right', fontSize: compact ? 11 : 13, lineHeight: compact ? 14 : 17 },
        leaves: { label: { position: 'right', verticalAlign: 'middle', align: 'left' } },
        emphasis: { focus: 'descendant' },
      },
    ],
  };
}
