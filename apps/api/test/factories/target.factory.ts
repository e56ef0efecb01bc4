import type { DataSource } from 'typeorm';

export interface TargetSpec {
  unitId: number;
  indicatorId: number;
  value: string;
}

/** Inserts (or overwrites) targets of a plan directly, in one statement. */
export async function insertTargets(
  dataSource: DataSource,
  planId: number,
  targets: TargetSpec[],
): Promise<void> {
  await dataSource.query(
    `INSERT INTO target (plan_id, unit_id, indicator_id, value)
     SELECT $1, r.unit_id, r.indicator_id, r.value FROM unnest($2::int[], $3::int[], $4::numeric[]) AS r(unit_id, indicator_id, value)
     ON CONFLICT (plan_id, unit_id, indicator_id) DO UPDATE SET value = EXCLUDED.value`,
    [planId, targets.map((t) => t.unitId), targets.map((t) => t.indicatorId), targets.map((t) => t.value)],
  );
}

/** A snapshot of a plan's targets as `unitId:indicatorId → value@version`, to prove nothing changed. */
export async function targetSnapshot(
  dataSource: DataSource,
  planId: number,
): Promise<Record<string, string>> {
  const rows: Array<{ k: string; v: string }> = await dataSource.query(
    `SELECT unit_id || ':' || indicator_id AS k, trim_scale(value)::text || '@' || version AS v FROM target WHERE plan_id = $1`,
    [planId],
  );
  return Object.fromEntries(rows.map((r) => [r.k, r.v]));
}
