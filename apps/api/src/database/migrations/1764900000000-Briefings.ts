import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The monthly 通报 (DESIGN.md §1, §5): for a plan and a closed month, numbered versions of the generated .docx and
 * its .xlsx appendix, written from the month's frozen snapshot.
 * - At most one `draft` per (plan, month): a new generation supersedes it (its metadata stays, its files are
 *   dropped), so version numbers are never reused; `published` versions are never touched again.
 * - `snapshot_version` and `snapshot_computed_at` name the snapshot the figures come from (a re-close bumps the
 *   snapshot's version and makes the versions generated before it stale).
 */
export class Briefings1764900000000 implements MigrationInterface {
  name = 'Briefings1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE briefing (
        id                    serial PRIMARY KEY,
        plan_id               integer NOT NULL REFERENCES plan(id),
        month                 char(7) NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        version               integer NOT NULL CHECK (version >= 1),
        status                text NOT NULL CHECK (status IN ('draft','published','superseded')),
        title                 text NOT NULL CHECK (length(title) <= 200),
        summary_text          text NOT NULL,
        snapshot_version      integer NOT NULL,
        snapshot_computed_at  timestamptz NOT NULL,
        docx                  bytea,
        xlsx                  bytea,
        generated_at          timestamptz NOT NULL,
        generated_by          integer REFERENCES app_user(id),
        published_at          timestamptz,
        published_by          integer REFERENCES app_user(id),
        superseded_at         timestamptz,
        UNIQUE (plan_id, month, version),
        CHECK ((status = 'published') = (published_at IS NOT NULL)),
        CHECK ((status = 'superseded') = (superseded_at IS NOT NULL)),
        CHECK (status = 'superseded' OR (docx IS NOT NULL AND xlsx IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX briefing_one_draft_idx ON briefing (plan_id, month) WHERE status = 'draft'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE briefing');
  }
}
