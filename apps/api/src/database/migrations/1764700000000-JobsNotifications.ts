import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduled jobs and the in-app inbox:
 * - `job_run`: one row per (job, plan, period) that ran to the end. It is inserted in the same transaction as the
 *   job's work, so it exists exactly when the work committed: replicas and restarts find it and do nothing.
 * - `notification`: a user's inbox (reminders, late reports); other channels push copies after commit.
 */
export class JobsNotifications1764700000000 implements MigrationInterface {
  name = 'JobsNotifications1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE job_run (
        id           serial PRIMARY KEY,
        job          text NOT NULL CHECK (job ~ '^[a-z][a-z0-9.-]{0,63}$'),
        plan_id      integer NOT NULL REFERENCES plan(id),
        period       text NOT NULL CHECK (length(period) BETWEEN 1 AND 40),
        started_at   timestamptz NOT NULL,
        finished_at  timestamptz,
        runner       text,
        result       jsonb,
        CONSTRAINT job_run_key UNIQUE (job, plan_id, period)
      )`);
    await q.query(`
      CREATE TABLE notification (
        id          bigserial PRIMARY KEY,
        user_id     integer NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        kind        text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9._-]{0,39}$'),
        title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
        body        text NOT NULL CHECK (length(body) <= 2000),
        link        text CHECK (length(link) <= 500),
        plan_id     integer REFERENCES plan(id),
        unit_id     integer REFERENCES unit(id),
        month       char(7) CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        created_at  timestamptz NOT NULL DEFAULT now(),
        read_at     timestamptz
      )`);
    await q.query(`CREATE INDEX notification_user_idx ON notification (user_id, read_at, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS notification');
    await q.query('DROP TABLE IF EXISTS job_run');
  }
}
