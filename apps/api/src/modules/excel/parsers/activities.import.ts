import { Injectable } from '@nestjs/common';
import {
  ACTIVITY_KIND_LABELS,
  type ActivityKind,
  type ActivityRow,
  type ImportPreviewRow,
} from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import { type ActivityFields, ActivitiesService } from '../../activities/activities.service';
import {
  emptySummary,
  type ImportCheck,
  type ImportContext,
  type ImportKindHandler,
  resolveUnit,
  UnitLookup,
} from './import-kind';
import {
  cellText,
  columnLetter,
  dataRows,
  dataSheet,
  type HeaderSpec,
  headerColumns,
  ProblemList,
  readDate,
  type WorkbookCells,
} from './sheet-reader';

export const ACTIVITIES_SHEET = '招商活动';

export const ACTIVITY_COLUMNS = [
  { key: 'unit', header: '组织单位', isRequired: true, width: 18 },
  { key: 'kind', header: '活动类型', isRequired: true, width: 12 },
  { key: 'title', header: '活动名称', isRequired: true, width: 32 },
  { key: 'start', header: '开始日期', isRequired: true, width: 12 },
  { key: 'end', header: '结束日期', width: 12 },
  { key: 'place', header: '地点', isRequired: true, width: 18 },
  { key: 'official', header: '带队领导', isRequired: true, width: 12 },
  { key: 'officialTitle', header: '职务', width: 20 },
  { key: 'led', header: '县领导带队', width: 10 },
  { key: 'partners', header: '参与单位', width: 24 },
  { key: 'people', header: '参加人员', width: 30 },
  { key: 'companies', header: '对接企业', width: 40 },
  { key: 'outcome', header: '活动成果', width: 40 },
] as const satisfies ReadonlyArray<HeaderSpec<string> & { width: number }>;
export type ActivityColumnKey = (typeof ACTIVITY_COLUMNS)[number]['key'];
export const ACTIVITY_HEADER_OF = Object.fromEntries(
  ACTIVITY_COLUMNS.map((c) => [c.key, c.header]),
) as Record<ActivityColumnKey, string>;

/** A row, normalised: the activity's fields and lists (a list cell separated by 、，, ; or new lines). */
export interface ActivityImportRow {
  row: number;
  columns: Partial<Record<ActivityColumnKey, string>>;
  unitName: string;
  fields: Omit<ActivityFields, 'chainId'>;
  participantUnitIds: number[];
  companies: string[];
}

const KINDS = new Map<string, ActivityKind>(
  Object.entries(ACTIVITY_KIND_LABELS).flatMap(([k, v]) => [
    [v, k as ActivityKind],
    [k, k as ActivityKind],
  ]),
);
const BOOLEAN = new Map<string, boolean>([
  ['是', true],
  ['否', false],
]);

function splitList(text: string | null): string[] {
  if (text === null) return [];
  return [
    ...new Set(
      text
        .split(/[、，,;；\n]+/)
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    ),
  ];
}

const keyOf = (unitId: number, startDate: string, title: string) =>
  `${unitId}\u0000${startDate}\u0000${title}`;

/** Reads the activities sheet: every cell checked on its own; rows with a problem are left out. */
export function parseActivitySheet(ctx: ImportContext, workbook: WorkbookCells) {
  const problems = new ProblemList(ACTIVITIES_SHEET);
  const sheet = dataSheet(workbook, ACTIVITIES_SHEET, problems);
  if (!sheet) return { rows: [] as ActivityImportRow[], problems: problems.items };
  const cols = headerColumns(sheet, ACTIVITY_COLUMNS, problems);
  if (problems.items.length > 0) return { rows: [], problems: problems.items };
  const lookup = new UnitLookup(ctx.units);
  const firstRowOf = new Map<string, number>();
  const rows: ActivityImportRow[] = [];
  for (const r of dataRows(sheet)) {
    const before = problems.items.length;
    const columns: ActivityImportRow['columns'] = {};
    const text = (k: ActivityColumnKey) => {
      const col = cols.get(k);
      if (!col) return null;
      columns[k] = columnLetter(col);
      return cellText(r.get(col));
    };
    const raw = (k: ActivityColumnKey) => (cols.get(k) ? r.get(cols.get(k)!) : null);
    const bad = (k: ActivityColumnKey, zh: string, en: string) =>
      problems.add(r.row, columns[k] ?? null, ACTIVITY_HEADER_OF[k], zh, en);
    const required = (k: ActivityColumnKey, max: number): string => {
      const value = text(k);
      if (value === null) bad(k, '不能为空', 'is required');
      else if (value.length > max) bad(k, `不能超过${max}字`, `at most ${max} characters`);
      return value ?? '';
    };
    const optional = (k: ActivityColumnKey, max: number): string | null => {
      const value = text(k);
      if (value !== null && value.length > max) bad(k, `不能超过${max}字`, `at most ${max} characters`);
      return value;
    };
    const day = (k: ActivityColumnKey): string | null => {
      if (text(k) === null) return null;
      const read = readDate(raw(k));
      if ('error' in read) {
        bad(k, read.error[0], read.error[1]);
        return null;
      }
      if (read.value > ctx.today) bad(k, `日期 ${read.value} 晚于今天`, 'the date is in the future');
      return read.value;
    };

    const unit = resolveUnit(
      lookup,
      text('unit'),
      { problems, row: r.row, column: columns.unit ?? 'A', field: ACTIVITY_HEADER_OF.unit },
      { scope: ctx.principal.scopeUnitIds },
    );
    const kindText = text('kind');
    const kind = kindText === null ? undefined : KINDS.get(kindText);
    if (kindText === null) bad('kind', '不能为空', 'is required');
    else if (!kind)
      bad('kind', `“${kindText.slice(0, 20)}”不是有效的活动类型，请从下拉列表选择`, 'not a valid kind');
    const title = required('title', 200);
    const start = text('start') === null ? (bad('start', '不能为空', 'is required'), null) : day('start');
    const end = day('end');
    if (start && end && end < start) bad('end', '结束日期不能早于开始日期', 'the end is before the start');
    const ledText = text('led');
    const led = ledText === null ? false : BOOLEAN.get(ledText);
    if (led === undefined) bad('led', '请填写“是”或“否”', 'must be 是 or 否');
    const partnerIds: number[] = [];
    for (const name of splitList(text('partners'))) {
      const partner = lookup.find(name);
      if (partner === undefined || partner === 'ambiguous') {
        bad('partners', `未知或重名的参与单位“${name.slice(0, 30)}”`, `unknown unit "${name}"`);
      } else if (!partner.isActive) bad('partners', `参与单位“${partner.name}”已停用`, 'inactive unit');
      else if (partner.id === unit?.id)
        bad('partners', '组织单位不必列入参与单位', 'the organiser is listed');
      else partnerIds.push(partner.id);
    }
    const people = splitList(text('people'));
    if (people.some((p) => p.length > 50)) bad('people', '每位参加人员不能超过50字', 'a name is too long');
    const companies = splitList(text('companies'));
    if (companies.some((c) => c.length > 200))
      bad('companies', '企业名称不能超过200字', 'a name is too long');
    const item: ActivityImportRow = {
      row: r.row,
      columns,
      unitName: unit?.name ?? '',
      fields: {
        kind: kind ?? 'outbound',
        title,
        unitId: unit?.id ?? 0,
        startDate: start ?? '',
        endDate: end ?? start ?? '',
        place: required('place', 100),
        leadingOfficial: required('official', 50),
        leadingOfficialTitle: optional('officialTitle', 50),
        ledByCountyLeader: led ?? false,
        participants: people,
        outcome: optional('outcome', 2000),
      },
      participantUnitIds: partnerIds,
      companies,
    };
    if (unit && title && start) {
      const key = keyOf(unit.id, start, title);
      const first = firstRowOf.get(key);
      if (first !== undefined)
        bad('title', `与第${first}行重复（组织单位、开始日期、活动名称均相同）`, `duplicates row ${first}`);
      else firstRowOf.set(key, r.row);
    }
    if (problems.items.length === before && unit) rows.push(item);
  }
  return { rows, problems: problems.items };
}

interface ActivityChange {
  row: ActivityImportRow;
  existing: ActivityRow | null;
}

const sameList = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length &&
  [...a].map(String).sort().join('\u0000') === [...b].map(String).sort().join('\u0000');

function isUnchanged(row: ActivityImportRow, stored: ActivityRow): boolean {
  const f = row.fields;
  return (
    f.kind === stored.kind &&
    f.endDate === stored.endDate &&
    f.place === stored.place &&
    f.leadingOfficial === stored.leadingOfficial &&
    f.leadingOfficialTitle === stored.leadingOfficialTitle &&
    f.ledByCountyLeader === stored.ledByCountyLeader &&
    (f.outcome ?? null) === (stored.outcome ?? null) &&
    sameList(f.participants, stored.participants) &&
    sameList(
      row.participantUnitIds,
      stored.participantUnits.map((u) => u.unitId),
    ) &&
    sameList(
      row.companies.map((c) => c.replace(/\s/g, '').toLowerCase()),
      stored.companies.map((c) => c.name.replace(/\s/g, '').toLowerCase()),
    )
  );
}

/**
 * 招商活动: a row is an activity by its natural key (organising unit + start date + title). New keys are created as
 * the form creates them (companies found or added to the 客商库), existing ones rewritten when a cell differs (their
 * leads and chain kept). Each is audited with the batch and row; the summary is refreshed once.
 */
@Injectable()
export class ActivitiesImport implements ImportKindHandler<ActivityImportRow, ActivityChange[]> {
  readonly kind = 'activities' as const;
  readonly sheetName = ACTIVITIES_SHEET;

  constructor(private readonly activities: ActivitiesService) {}

  parse(ctx: ImportContext, workbook: WorkbookCells) {
    return parseActivitySheet(ctx, workbook);
  }

  async check(
    manager: EntityManager,
    _ctx: ImportContext,
    rows: ActivityImportRow[],
  ): Promise<ImportCheck<ActivityChange[]>> {
    const summary = emptySummary(rows.length);
    const stored = await this.activities.lockByNaturalKeys(
      manager,
      rows.map((r) => ({ unitId: r.fields.unitId, startDate: r.fields.startDate, title: r.fields.title })),
    );
    const byKey = new Map(stored.map((a) => [keyOf(a.unitId, a.startDate, a.title), a]));
    const changes: ActivityChange[] = [];
    const preview: ImportPreviewRow[] = [];
    for (const row of rows) {
      const existing = byKey.get(keyOf(row.fields.unitId, row.fields.startDate, row.fields.title)) ?? null;
      const action = !existing ? 'create' : isUnchanged(row, existing) ? 'unchanged' : 'update';
      summary[action === 'create' ? 'created' : action === 'update' ? 'updated' : 'unchanged'] += 1;
      preview.push({
        row: row.row,
        action,
        label: `${row.unitName} · ${row.fields.startDate} · ${row.fields.title}`,
        values: {
          kind: ACTIVITY_KIND_LABELS[row.fields.kind],
          place: row.fields.place,
          companies: row.companies.join('、') || null,
        },
      });
      if (action !== 'unchanged') changes.push({ row, existing });
    }
    return { problems: [], summary, preview, work: changes };
  }

  async write(manager: EntityManager, ctx: ImportContext, changes: ActivityChange[]): Promise<void> {
    await this.activities.importBatch(
      manager,
      ctx.actor,
      changes.map(({ row, existing }) => ({
        existing,
        fields: { ...row.fields, chainId: existing?.chainId ?? null },
        children: {
          participantUnitIds: row.participantUnitIds,
          companies: row.companies.map((name) => ({ name })),
          leads: existing?.leads.map((l) => ({ leadId: l.leadId, relation: l.relation })) ?? [],
        },
        detail: { importBatchId: ctx.batchId, row: row.row },
      })),
    );
  }
}
