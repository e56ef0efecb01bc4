import { movementLabel, type RankingResponse } from '@pacer/shared';

import { type ExportCell, type ExportColumn, num } from './export-sheet';
import { FORMAT } from './workbook';

const LIST_LABELS: Record<string, string> = { red: '红榜', black: '黑榜' };

/** Excel number format of scores shown with the plan's decimals (2 → 0.00). */
export function scoreFormat(decimals: number): string {
  return decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0';
}

/**
 * The ranking table (GET /plans/:id/ranking) as sheet columns and rows, group by group in the API's order: rank,
 * unit, total and each item's points as numbers (exact values, shown with the plan's decimals), the previous rank,
 * the movement (↑2 ↓1 — 新) and the list. An item that does not apply or is not scored is empty.
 */
export function rankingTable(ranking: RankingResponse): { columns: ExportColumn[]; rows: ExportCell[][] } {
  const score = scoreFormat(ranking.displayDecimals);
  const groupNames = new Map(ranking.groups.map((g) => [g.code, g.name]));
  const columns: ExportColumn[] = [
    { header: '考核分组', width: 18 },
    { header: '名次', width: 8, numFmt: FORMAT.count },
    { header: '单位名称', width: 24 },
    { header: '单位编码', width: 12 },
    { header: '综合得分', width: 12, numFmt: score },
    { header: '上月名次', width: 10, numFmt: FORMAT.count },
    { header: '较上月', width: 10 },
    { header: '红黑榜', width: 10 },
    ...ranking.columns.map((c) => ({ header: c.name, width: 14, numFmt: score })),
  ];
  const rows = ranking.rows.map((r) => {
    const items = new Map(r.items.map((i) => [i.code, i]));
    return [
      groupNames.get(r.group) ?? r.group,
      r.rank,
      r.unitName,
      r.unitCode,
      num(r.total),
      r.previousRank,
      movementLabel(r.movement).text,
      r.list ? LIST_LABELS[r.list]! : null,
      ...ranking.columns.map((c) => {
        const item = items.get(c.code);
        return item && item.isScored ? num(item.points) : null;
      }),
    ];
  });
  return { columns, rows };
}
