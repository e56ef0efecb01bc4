import { Injectable } from '@nestjs/common';
import type { DecompositionRow, TargetRow } from '@pacer/shared';
import { DataSource, type EntityManager } from 'typeorm';

/** A requested unit as the plan sees it. */
export interface RequestedUnit {
  unitId: number;
  /** null when the unit does not exist. */
  name: string | null;
  isKnown: boolean;
  isInTree: boolean;
  isActive: boolean;
}

/** A target row before or after a write, for the audit log. */
export interface TargetValueRow {
  unitId: number;
  indicatorId: number;
  value: string;
  version: number;
}

/** A row of a versioned update: whether its value (and so its version) changed. */
export interface VersionedWriteRow extends TargetValueRow {
  isChanged: boolean;
}

@Injectable()
export class TargetsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The plan's targets (a scoped principal: of its units only), in tree and catalogue order. */
  async listByPlan(planId: number, scope: number[] | null): Promise<TargetRow[]> {
    return this.dataSource.query(
      `SELECT t.unit_id AS "unitId", t.indicator_id AS "indicatorId", trim_scale(t.value)::text AS value, t.version
         FROM target t JOIN unit u ON u.id = t.unit_id JOIN indicator i ON i.id = t.indicator_id
        WHERE t.plan_id = $1 AND ($2::int[] IS NULL OR t.unit_id = ANY($2::int[]))
        ORDER BY u.sort_order, u.id, i.sort_order, i.id`,
      [planId, scope],
    );
  }

  /**
   * 分解不足 in one statement: for every unit of the plan's tree that has children, and every indicator where it or
   * a direct child has a target, the parent's target against the sum of its direct children's.
   */
  async decomposition(
    planId: number,
    rootUnitId: number,
    scope: number[] | null,
  ): Promise<DecompositionRow[]> {
    return this.dataSource.query(
      `WITH tree AS (
         SELECT u.id, u.parent_id, c.depth, u.sort_order FROM unit_closure c JOIN unit u ON u.id = c.descendant_id
          WHERE c.ancestor_id = $2
       ),
       parents AS (SELECT DISTINCT parent_id AS id FROM tree WHERE depth > 0),
       parent_targets AS (
         SELECT t.unit_id, t.indicator_id, t.value FROM target t JOIN parents p ON p.id = t.unit_id WHERE t.plan_id = $1
       ),
       child_sums AS (
         SELECT tr.parent_id, t.indicator_id, sum(t.value) AS total, count(*)::int AS n
           FROM target t JOIN tree tr ON tr.id = t.unit_id AND tr.depth > 0
          WHERE t.plan_id = $1
          GROUP BY tr.parent_id, t.indicator_id
       ),
       pairs AS (
         SELECT coalesce(pt.unit_id, cs.parent_id) AS parent_id, coalesce(pt.indicator_id, cs.indicator_id) AS indicator_id,
                pt.value AS parent_value, coalesce(cs.total, 0) AS children_sum, coalesce(cs.n, 0) AS child_count
           FROM parent_targets pt
           FULL JOIN child_sums cs ON cs.parent_id = pt.unit_id AND cs.indicator_id = pt.indicator_id
       )
       SELECT r.parent_id AS "parentUnitId", r.indicator_id AS "indicatorId",
              trim_scale(r.parent_value)::text AS "parentValue", trim_scale(r.children_sum)::text AS "childrenSum",
              r.child_count AS "childCount",
              CASE WHEN r.parent_value > r.children_sum THEN trim_scale(r.parent_value - r.children_sum)::text END AS shortfall
         FROM pairs r JOIN tree tr ON tr.id = r.parent_id JOIN indicator i ON i.id = r.indicator_id
        WHERE $3::int[] IS NULL OR r.parent_id = ANY($3::int[])
        ORDER BY tr.depth, tr.sort_order, tr.id, i.sort_order, i.id`,
      [planId, rootUnitId, scope],
    );
  }

  /** Whether each requested unit exists, lies in the plan's root subtree and is active. */
  async describeUnits(
    manager: EntityManager,
    rootUnitId: number,
    unitIds: number[],
  ): Promise<RequestedUnit[]> {
    return manager.query(
      `SELECT r.id AS "unitId", u.name, u.id IS NOT NULL AS "isKnown", c.descendant_id IS NOT NULL AS "isInTree",
              coalesce(u.is_active, false) AS "isActive"
         FROM unnest($2::int[]) AS r(id)
         LEFT JOIN unit u ON u.id = r.id
         LEFT JOIN unit_closure c ON c.ancestor_id = $1 AND c.descendant_id = r.id`,
      [rootUnitId, unitIds],
    );
  }

  /** The stored targets of the requested pairs, locked until the write commits. */
  async lockExisting(
    manager: EntityManager,
    planId: number,
    unitIds: number[],
    indicatorIds: number[],
  ): Promise<TargetValueRow[]> {
    return manager.query(
      `SELECT t.unit_id AS "unitId", t.indicator_id AS "indicatorId", trim_scale(t.value)::text AS value, t.version
         FROM target t
         JOIN unnest($2::int[], $3::int[]) AS r(unit_id, indicator_id) ON t.unit_id = r.unit_id AND t.indicator_id = r.indicator_id
        WHERE t.plan_id = $1
        FOR UPDATE OF t`,
      [planId, unitIds, indicatorIds],
    );
  }

  /**
   * Optimistic locking, set-based (REL-1): updates the stored targets whose (unit, indicator, version) is the one
   * sent, in one statement. A row at another version (or gone) is not matched, so fewer rows come back than were
   * sent: the caller answers 409 and rolls back. A matched row with an equal value keeps its value and version.
   */
  async updateAtVersions(
    manager: EntityManager,
    planId: number,
    rows: { unitIds: number[]; indicatorIds: number[]; values: string[]; versions: number[] },
  ): Promise<VersionedWriteRow[]> {
    // pg answers an UPDATE … RETURNING through TypeORM as [rows, affected count]
    const [updated] = await manager.query(
      `UPDATE target AS t
          SET value = CASE WHEN t.value IS DISTINCT FROM r.value THEN r.value ELSE t.value END,
              version = CASE WHEN t.value IS DISTINCT FROM r.value THEN t.version + 1 ELSE t.version END,
              updated_at = CASE WHEN t.value IS DISTINCT FROM r.value THEN now() ELSE t.updated_at END
         FROM unnest($2::int[], $3::int[], $4::numeric[], $5::int[]) AS r(unit_id, indicator_id, value, version)
        WHERE t.plan_id = $1 AND (t.unit_id, t.indicator_id, t.version) = (r.unit_id, r.indicator_id, r.version)
       RETURNING t.unit_id AS "unitId", t.indicator_id AS "indicatorId", trim_scale(t.value)::text AS value, t.version,
                 t.version <> r.version AS "isChanged"`,
      [planId, rows.unitIds, rows.indicatorIds, rows.values, rows.versions],
    );
    return updated;
  }

  /**
   * Inserts targets sent as new, in one statement; a pair that exists by now (created meanwhile) is skipped, so fewer
   * rows come back than were sent: the caller answers 409 and rolls back.
   */
  async insertNew(
    manager: EntityManager,
    planId: number,
    rows: { unitIds: number[]; indicatorIds: number[]; values: string[] },
  ): Promise<TargetValueRow[]> {
    return manager.query(
      `INSERT INTO target AS t (plan_id, unit_id, indicator_id, value)
       SELECT $1, r.unit_id, r.indicator_id, r.value
         FROM unnest($2::int[], $3::int[], $4::numeric[]) AS r(unit_id, indicator_id, value)
       ON CONFLICT (plan_id, unit_id, indicator_id) DO NOTHING
       RETURNING t.unit_id AS "unitId", t.indicator_id AS "indicatorId", trim_scale(t.value)::text AS value, t.version`,
      [planId, rows.unitIds, rows.indicatorIds, rows.values],
    );
  }
}
