import {
  type ChainLinkState,
  type ChainMapLink,
  type ChainMapTarget,
  type ChainSegment,
  type ChainStageFigure,
  Dec,
} from '@pacer/shared';

import type { LinkLeadRow, LinkStageRow } from './chains.repository';

const NONE: ChainStageFigure = { count: 0, agreedWan: '0', fundsWan: '0' };

/**
 * How far the county is on a link: the best stage any of its projects reached (已投产 > 在建 > 已签约), 在谈 when a
 * project is at 洽谈/线索 or a lead is 洽谈中, else 空白. A new lead alone does not fill a gap: nobody is talking yet.
 */
export function linkState(link: Pick<ChainMapLink, 'producing' | 'started' | 'signed' | 'negotiating' | 'leadsNegotiating'>): ChainLinkState {
  if (link.producing.count > 0) return 'producing';
  if (link.started.count > 0) return 'started';
  if (link.signed.count > 0) return 'signed';
  if (link.negotiating.count > 0 || link.leadsNegotiating > 0) return 'negotiating';
  return 'gap';
}

/**
 * The map's links from the SQL rows: one entry per live link in order, plus 未归链环节 (projects of the chain on no link)
 * when there are any. Figures are exact decimals summed in SQL; nothing is added here but zeros for absent buckets.
 */
export function buildMapLinks(
  links: ReadonlyArray<{ id: number; segment: ChainSegment; name: string }>,
  stages: readonly LinkStageRow[],
  leads: readonly LinkLeadRow[],
  targets: ReadonlyArray<ChainMapTarget & { linkId: number }>,
): { links: ChainMapLink[]; unlinked: ChainMapLink | null } {
  const figure = (linkId: number | null, bucket: LinkStageRow['bucket']): ChainStageFigure => {
    const row = stages.find((s) => s.linkId === linkId && s.bucket === bucket);
    return row ? { count: row.count, agreedWan: new Dec(row.agreedWan).toFixed(), fundsWan: new Dec(row.fundsWan).toFixed() } : { ...NONE };
  };
  const entry = (linkId: number | null, segment: ChainSegment | null, name: string): ChainMapLink => {
    const lead = linkId === null ? undefined : leads.find((l) => l.linkId === linkId);
    const partial = {
      linkId,
      segment,
      name,
      producing: figure(linkId, 'producing'),
      started: figure(linkId, 'started'),
      signed: figure(linkId, 'signed'),
      negotiating: figure(linkId, 'negotiating'),
      leadsNegotiating: lead?.negotiating ?? 0,
      leadsOpen: lead?.open ?? 0,
      targets: targets.filter((t) => t.linkId === linkId).map(({ linkId: _linkId, ...t }) => t),
    };
    return { ...partial, state: linkState(partial) };
  };
  const mapped = links.map((l) => entry(l.id, l.segment, l.name));
  const hasUnlinked = stages.some((s) => s.linkId === null && s.count > 0);
  return { links: mapped, unlinked: hasUnlinked ? entry(null, null, '未归链环节') : null };
}
