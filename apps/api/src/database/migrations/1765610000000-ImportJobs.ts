import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An import's commit as a background job (issue 11 §3): the request answers 202 at once and the job's phase and rows
 * done are read here while its transaction writes. At most one running job per plan (a partial unique index: a
 * second start answers 409). The job's writes are one transaction; this row is written beside it (progress), and
 * its final state in that same transaction when it succeeds.
 */
export class ImportJobs1765610000000 implements MigrationInterface {
  name = 'ImportJobs1765610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE import_job (
        id           uuid PRIMARY KEY,
        batch_id     uuid NOT NULL REFERENCES import_batch(id),
        plan_id      integer NOT NULL REFERENCES plan(id),
        kind         text NOT NULL CHECK (kind IN ('targets', 'reports', 'projects')),
        status       text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed')),
        phase        text NOT NULL DEFAULT 'queued'
                     CHECK (phase IN ('queued', 'checking', 'writing', 'finishing', 'done')),
        rows_done    integer NOT NULL DEFAULT 0 CHECK (rows_done >= 0),
        rows_total   integer NOT NULL DEFAULT 0 CHECK (rows_total >= 0),
        result       jsonb,
        error        jsonb,
        created_by   integer NOT NULL REFERENCES app_user(id),
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        finished_at  timestamptz,
        CHECK ((status = 'running') = (finished_at IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX import_job_one_running_per_plan ON import_job (plan_id) WHERE status = 'running'`,
    );
    await q.query(`CREATE INDEX import_job_batch_idx ON import_job (batch_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE import_job');
  }
}
