import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rankings (DESIGN.md §2 RankingSnapshot, docs/scoring.md):
 * - `ranking_snapshot`: the frozen ranking of a plan for a month, written at month close, so that history and rank
 *   movement never change when later data arrives. One header row per (plan, month) holding what the whole month
 *   needs (groups with their lists, indicator and item columns, warnings), and one row per scored unit holding its
 *   scorecard and cells, so a scorecard, the previous month's ranks or the county's trend are read by key.
 *   A re-close replaces the rows; the audit event keeps the old content.
 * - `scoring_manual_entry`: counts or points the office records by hand against a scoring item (弄虚作假…), with a
 *   reason, counted from their month on; soft-deleted with a reason.
 */
export class Rankings1764600000000 implements MigrationInterface {
  name = 'Rankings1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ranking_snapshot (
        id              serial PRIMARY KEY,
        plan_id         integer NOT NULL REFERENCES plan(id),
        month           char(7) NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        computed_at     timestamptz NOT NULL,
        computed_by     integer REFERENCES app_user(id),
        reason          text CHECK (length(reason) <= 500),
        engine_version  text NOT NULL,
        data            jsonb NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        version         integer NOT NULL DEFAULT 1,
        UNIQUE (plan_id, month)
      )`);
    await q.query(`
      CREATE TABLE ranking_snapshot_unit (
        snapshot_id  integer NOT NULL REFERENCES ranking_snapshot(id) ON DELETE CASCADE,
        unit_id      integer NOT NULL REFERENCES unit(id),
        position     integer NOT NULL,
        group_code   text,
        rank         integer CHECK (rank >= 1),
        list         text CHECK (list IN ('red','black')),
        total        numeric(30,12) NOT NULL,
        scorecard    jsonb NOT NULL,
        cells        jsonb NOT NULL,
        PRIMARY KEY (snapshot_id, unit_id),
        CHECK ((group_code IS NULL) = (rank IS NULL))
      )`);
    await q.query(`CREATE INDEX ranking_snapshot_unit_unit_idx ON ranking_snapshot_unit (unit_id)`);

    await q.query(`
      CREATE TABLE scoring_manual_entry (
        id              serial PRIMARY KEY,
        plan_id         integer NOT NULL REFERENCES plan(id),
        unit_id         integer NOT NULL REFERENCES unit(id),
        item_code       text NOT NULL CHECK (item_code ~ '^[A-Za-z][A-Za-z0-9_-]{0,39}$'),
        month           char(7) NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        counter         text CHECK (counter ~ '^[A-Za-z][A-Za-z0-9_.-]{0,39}$'),
        count           numeric(12,4) CHECK (count > 0),
        points          numeric(12,4) CHECK (points > 0),
        reason          text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 500),
        created_by      integer REFERENCES app_user(id),
        created_at      timestamptz NOT NULL DEFAULT now(),
        deleted_at      timestamptz,
        deleted_by      integer REFERENCES app_user(id),
        deleted_reason  text,
        CHECK ((counter IS NULL) = (count IS NULL)),
        CHECK (count IS NOT NULL OR points IS NOT NULL),
        CHECK (deleted_at IS NULL OR length(btrim(coalesce(deleted_reason, ''))) > 0)
      )`);
    await q.query(
      `CREATE INDEX scoring_manual_entry_plan_idx ON scoring_manual_entry (plan_id, month) WHERE deleted_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE scoring_manual_entry');
    await q.query('DROP TABLE ranking_snapshot_unit');
    await q.query('DROP TABLE ranking_snapshot');
  }
}
