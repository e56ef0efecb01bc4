import type { DataSource, EntityManager } from 'typeorm';

/**
 * What a ledger write leaves in the database, comparable across two databases or two runs: projects, their shares
 * and stage events, the project audit rows and the year-to-date summary. Ids of projects and events from `base` on
 * (the run's own) become ordinals; timestamps, chain hashes and batch ids are left out.
 */
export async function ledgerState(
  q: DataSource | EntityManager,
  base: { projectId: number; eventId: number } = { projectId: 1e9, eventId: 1e9 },
): Promise<Record<string, unknown[]>> {
  const pid = (col: string) => `(CASE WHEN ${col} >= $1 THEN 'new' || (${col} - $1) ELSE ${col}::text END)`;
  const strip = `- 'createdAt' - 'updatedAt' - 'id' - 'code'`;
  const rows = async (sql: string) =>
    ((await q.query(sql, [base.projectId, base.eventId])) as Array<{ r: unknown }>).map((x) => x.r);
  return {
    project: await rows(
      `SELECT to_jsonb(p) - 'id' - 'code' - 'created_at' - 'updated_at' || jsonb_build_object('id', ${pid('p.id')}) AS r
         FROM project p WHERE $2::int IS NOT NULL ORDER BY p.id`,
    ),
    share: await rows(
      `SELECT to_jsonb(s) - 'project_id' - 'proposed_at' - 'decided_at' || jsonb_build_object('p', ${pid('s.project_id')}) AS r
         FROM project_share s WHERE $2::int IS NOT NULL ORDER BY s.project_id, s.unit_id`,
    ),
    event: await rows(
      `SELECT to_jsonb(e) - 'id' - 'project_id' - 'created_at'
              || jsonb_build_object('p', ${pid('e.project_id')}, 'id', CASE WHEN e.id >= $2 THEN 'new' || (e.id - $2) ELSE e.id::text END) AS r
         FROM project_event e ORDER BY e.id`,
    ),
    audit: await rows(
      `SELECT jsonb_build_object('action', a.action, 'objectType', a.object_type, 'username', a.username,
                'objectId', CASE WHEN a.object_type = 'project' THEN ${pid('a.object_id::int')} ELSE NULL END,
                'before', a.before ${strip}, 'after', a.after ${strip},
                'detail', coalesce(a.detail, '{}'::jsonb) - 'importBatchId' - 'fileName' - 'contentSha256') AS r
         FROM audit_event a WHERE (a.action LIKE 'project.%' OR a.action = 'import.commit') AND $2::int IS NOT NULL
        ORDER BY a.id`,
    ),
    ytd: await rows(
      `SELECT to_jsonb(y) - 'updated_at' AS r FROM ytd_summary y WHERE $1::int IS NOT NULL AND $2::int IS NOT NULL
        ORDER BY 1`,
    ),
  };
}
