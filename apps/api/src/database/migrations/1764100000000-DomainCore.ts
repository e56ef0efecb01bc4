import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The domain core (DESIGN.md §2): accounts, the unit tree, plans, indicators, targets, the project ledger,
 * monthly reports, the maintained year-to-date summary and the audit log.
 * Money is numeric in 万元; months of a plan are 1..12 of its year; timestamps are timestamptz.
 */
export class DomainCore1764100000000 implements MigrationInterface {
  name = 'DomainCore1764100000000';

  async up(q: QueryRunner): Promise<void> {
    // ---------- units ----------
    await q.query(`
      CREATE TABLE unit (
        id          serial PRIMARY KEY,
        code        text NOT NULL CHECK (code ~ '^[A-Za-z0-9_.-]{1,40}$'),
        name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        short_name  text CHECK (length(short_name) <= 40),
        category    text NOT NULL CHECK (category ~ '^[a-z][a-z0-9_]{0,39}$'),
        parent_id   integer REFERENCES unit(id),
        sort_order  integer NOT NULL DEFAULT 0,
        is_active   boolean NOT NULL DEFAULT true,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        version     integer NOT NULL DEFAULT 1,
        CHECK (parent_id IS NULL OR parent_id <> id)
      )`);
    await q.query(`CREATE UNIQUE INDEX unit_code_key ON unit (lower(code))`);
    await q.query(`CREATE INDEX unit_parent_idx ON unit (parent_id, sort_order)`);
    // every (ancestor, descendant) pair including (u, u) at depth 0: roll-ups are one join
    await q.query(`
      CREATE TABLE unit_closure (
        ancestor_id   integer NOT NULL REFERENCES unit(id),
        descendant_id integer NOT NULL REFERENCES unit(id),
        depth         integer NOT NULL CHECK (depth >= 0),
        PRIMARY KEY (ancestor_id, descendant_id)
      )`);
    await q.query(`CREATE INDEX unit_closure_descendant_idx ON unit_closure (descendant_id, ancestor_id)`);

    // ---------- accounts ----------
    await q.query(`
      CREATE TABLE app_user (
        id                    serial PRIMARY KEY,
        username              text NOT NULL CHECK (username ~ '^[A-Za-z0-9_.@-]{2,64}$'),
        display_name          text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
        password_hash         text NOT NULL,
        roles                 text[] NOT NULL CHECK (roles <@ ARRAY['admin','reporter','leader','sysadmin','auditor']::text[]
                                                     AND cardinality(roles) >= 1),
        is_active             boolean NOT NULL DEFAULT true,
        must_change_password  boolean NOT NULL DEFAULT false,
        password_changed_at   timestamptz NOT NULL DEFAULT now(),
        failed_logins         integer NOT NULL DEFAULT 0,
        locked_until          timestamptz,
        last_login_at         timestamptz,
        created_at            timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NOT NULL DEFAULT now(),
        version               integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE UNIQUE INDEX app_user_username_key ON app_user (lower(username))`);
    await q.query(`
      CREATE TABLE user_unit (
        user_id integer NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        unit_id integer NOT NULL REFERENCES unit(id),
        PRIMARY KEY (user_id, unit_id)
      )`);
    await q.query(`
      CREATE TABLE password_history (
        id            serial PRIMARY KEY,
        user_id       integer NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        password_hash text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX password_history_user_idx ON password_history (user_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE refresh_token (
        id               uuid PRIMARY KEY,
        user_id          integer NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        family_id        uuid NOT NULL,
        token_hash       text NOT NULL UNIQUE,
        family_started_at timestamptz NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        last_used_at     timestamptz NOT NULL DEFAULT now(),
        expires_at       timestamptz NOT NULL,
        used_at          timestamptz,
        revoked_at       timestamptz,
        revoked_reason   text,
        ip               text,
        user_agent       text
      )`);
    await q.query(`CREATE INDEX refresh_token_family_idx ON refresh_token (family_id)`);
    await q.query(`CREATE INDEX refresh_token_user_idx ON refresh_token (user_id) WHERE revoked_at IS NULL`);

    // ---------- plans and indicators ----------
    await q.query(`
      CREATE TABLE plan (
        id                   serial PRIMARY KEY,
        year                 integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        root_unit_id         integer NOT NULL REFERENCES unit(id),
        name                 text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        status               text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published','closed')),
        curve                jsonb,
        report_deadline_day  integer NOT NULL DEFAULT 5 CHECK (report_deadline_day BETWEEN 1 AND 28),
        month_close_day      integer NOT NULL DEFAULT 10 CHECK (month_close_day BETWEEN 1 AND 28),
        yellow_band          numeric(6,2) NOT NULL DEFAULT 10 CHECK (yellow_band >= 0 AND yellow_band <= 100),
        ranking_groups       jsonb NOT NULL DEFAULT '[]',
        display_decimals     integer NOT NULL DEFAULT 2 CHECK (display_decimals BETWEEN 0 AND 6),
        count_credit         text NOT NULL DEFAULT 'responsible' CHECK (count_credit IN ('responsible','share')),
        industry_chains      text[] NOT NULL DEFAULT '{}',
        scoring              jsonb NOT NULL DEFAULT '{"items":[]}',
        published_at         timestamptz,
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        version              integer NOT NULL DEFAULT 1,
        UNIQUE (year, root_unit_id)
      )`);
    await q.query(`
      CREATE TABLE indicator (
        id           serial PRIMARY KEY,
        plan_id      integer NOT NULL REFERENCES plan(id),
        code         text NOT NULL CHECK (code ~ '^[A-Za-z][A-Za-z0-9_]{0,39}$'),
        name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        measure      text NOT NULL CHECK (measure IN ('亿元','万元','个','%','次','条')),
        kind         text NOT NULL CHECK (kind IN ('amount','count','ratio')),
        source       text NOT NULL CHECK (source IN ('reported','ledger','formula')),
        ledger_rule  jsonb,
        formula      jsonb,
        weight       numeric(8,2) NOT NULL DEFAULT 0 CHECK (weight >= 0),
        cap          numeric(8,4) CHECK (cap IS NULL OR cap > 0),
        is_scored    boolean NOT NULL DEFAULT true,
        is_headline  boolean NOT NULL DEFAULT false,
        sort_order   integer NOT NULL DEFAULT 0,
        description  text,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        version      integer NOT NULL DEFAULT 1,
        UNIQUE (plan_id, code),
        CHECK ((source = 'ledger') = (ledger_rule IS NOT NULL)),
        CHECK ((source = 'formula') = (formula IS NOT NULL))
      )`);

    // ---------- targets ----------
    await q.query(`
      CREATE TABLE target (
        id            serial PRIMARY KEY,
        plan_id       integer NOT NULL REFERENCES plan(id),
        unit_id       integer NOT NULL REFERENCES unit(id),
        indicator_id  integer NOT NULL REFERENCES indicator(id),
        value         numeric(20,4) NOT NULL CHECK (value >= 0),
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        version       integer NOT NULL DEFAULT 1,
        UNIQUE (plan_id, unit_id, indicator_id)
      )`);
    await q.query(`CREATE INDEX target_plan_indicator_idx ON target (plan_id, indicator_id)`);

    // ---------- project ledger ----------
    await q.query(`
      CREATE TABLE project (
        id                     serial PRIMARY KEY,
        code                   text NOT NULL UNIQUE,
        name                   text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        investor_name          text NOT NULL CHECK (length(investor_name) BETWEEN 1 AND 200),
        investor_credit_code   text CHECK (investor_credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
        origin                 text NOT NULL CHECK (origin IN ('local','in_province','out_of_province','overseas')),
        industry_chain         text CHECK (length(industry_chain) <= 50),
        agreed_investment_wan  numeric(20,4) NOT NULL CHECK (agreed_investment_wan >= 0),
        fortune500_kind        text CHECK (fortune500_kind IN ('world','china','china_private')),
        is_chain_leader        boolean NOT NULL DEFAULT false,
        is_specialized         boolean NOT NULL DEFAULT false,
        unit_id                integer NOT NULL REFERENCES unit(id),
        stage                  text NOT NULL DEFAULT 'lead'
                               CHECK (stage IN ('lead','negotiating','signed','started','producing','dropped')),
        lead_date              date,
        negotiating_date       date,
        signed_date            date,
        started_date           date,
        producing_date         date,
        registered_date        date,
        dropped_date           date,
        is_excluded            boolean NOT NULL DEFAULT false,
        excluded_reason        text,
        description            text CHECK (length(description) <= 2000),
        contact                text CHECK (length(contact) <= 100),
        created_by             integer REFERENCES app_user(id),
        updated_by             integer REFERENCES app_user(id),
        deleted_at             timestamptz,
        deleted_by             integer REFERENCES app_user(id),
        deleted_reason         text,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        version                integer NOT NULL DEFAULT 1,
        CHECK (NOT is_excluded OR length(coalesce(excluded_reason, '')) > 0),
        CHECK (deleted_at IS NULL OR length(coalesce(deleted_reason, '')) > 0)
      )`);
    await q.query(`CREATE INDEX project_unit_idx ON project (unit_id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX project_credit_code_idx ON project (investor_credit_code) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX project_investor_idx ON project (lower(investor_name)) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX project_signed_idx ON project (signed_date) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX project_started_idx ON project (started_date) WHERE deleted_at IS NULL`);
    // credit: the responsible unit and co-introducing units, shares in percent summing to 100
    await q.query(`
      CREATE TABLE project_share (
        project_id  integer NOT NULL REFERENCES project(id),
        unit_id     integer NOT NULL REFERENCES unit(id),
        share_pct   numeric(7,4) NOT NULL CHECK (share_pct > 0 AND share_pct <= 100),
        PRIMARY KEY (project_id, unit_id)
      )`);
    await q.query(`CREATE INDEX project_share_unit_idx ON project_share (unit_id)`);
    await q.query(`
      CREATE TABLE project_event (
        id             serial PRIMARY KEY,
        project_id     integer NOT NULL REFERENCES project(id),
        stage          text NOT NULL CHECK (stage IN ('lead','negotiating','signed','started','producing','dropped','registered')),
        event_date     date NOT NULL,
        is_correction  boolean NOT NULL DEFAULT false,
        reason         text,
        created_by     integer REFERENCES app_user(id),
        created_at     timestamptz NOT NULL DEFAULT now(),
        CHECK (NOT is_correction OR length(coalesce(reason, '')) > 0)
      )`);
    await q.query(`CREATE INDEX project_event_project_idx ON project_event (project_id, id)`);
    await q.query(`
      CREATE TABLE project_fund (
        project_id   integer NOT NULL REFERENCES project(id),
        month        char(7) NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        amount_wan   numeric(20,4) NOT NULL CHECK (amount_wan >= 0),
        note         text CHECK (length(note) <= 500),
        updated_by   integer REFERENCES app_user(id),
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        version      integer NOT NULL DEFAULT 1,
        PRIMARY KEY (project_id, month)
      )`);
    await q.query(`CREATE INDEX project_fund_month_idx ON project_fund (month)`);

    // ---------- monthly reports ----------
    await q.query(`
      CREATE TABLE monthly_report (
        id              serial PRIMARY KEY,
        plan_id         integer NOT NULL REFERENCES plan(id),
        unit_id         integer NOT NULL REFERENCES unit(id),
        month           char(7) NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','approved','returned')),
        is_late         boolean NOT NULL DEFAULT false,
        progress_text   text NOT NULL DEFAULT '' CHECK (length(progress_text) <= 5000),
        problems_text   text NOT NULL DEFAULT '' CHECK (length(problems_text) <= 5000),
        next_plan_text  text NOT NULL DEFAULT '' CHECK (length(next_plan_text) <= 5000),
        submitted_at    timestamptz,
        submitted_by    integer REFERENCES app_user(id),
        approved_at     timestamptz,
        approved_by     integer REFERENCES app_user(id),
        returned_reason text,
        updated_by      integer REFERENCES app_user(id),
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        version         integer NOT NULL DEFAULT 1,
        UNIQUE (plan_id, unit_id, month)
      )`);
    await q.query(`CREATE INDEX monthly_report_plan_month_idx ON monthly_report (plan_id, month, status)`);
    await q.query(`
      CREATE TABLE report_value (
        report_id     integer NOT NULL REFERENCES monthly_report(id),
        indicator_id  integer NOT NULL REFERENCES indicator(id),
        value         numeric(20,4) NOT NULL CHECK (value >= 0),
        PRIMARY KEY (report_id, indicator_id)
      )`);
    await q.query(`
      CREATE TABLE report_status_history (
        id           serial PRIMARY KEY,
        report_id    integer NOT NULL REFERENCES monthly_report(id),
        from_status  text,
        to_status    text NOT NULL,
        action       text NOT NULL,
        reason       text,
        user_id      integer REFERENCES app_user(id),
        at           timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX report_status_history_report_idx ON report_status_history (report_id, id)`);

    // ---------- the maintained year-to-date summary (DESIGN.md §4) ----------
    // value = year-to-date actual of the unit and all its descendants by the end of month m of the plan's year
    await q.query(`
      CREATE TABLE ytd_summary (
        plan_id       integer NOT NULL REFERENCES plan(id),
        unit_id       integer NOT NULL REFERENCES unit(id),
        indicator_id  integer NOT NULL REFERENCES indicator(id),
        month_no      smallint NOT NULL CHECK (month_no BETWEEN 1 AND 12),
        value         numeric(24,8) NOT NULL,
        numerator     numeric(24,8),
        denominator   numeric(24,8),
        PRIMARY KEY (plan_id, month_no, unit_id, indicator_id)
      )`);

    // ---------- audit (append-only, hash-chained) ----------
    await q.query(`
      CREATE TABLE audit_event (
        id           bigserial PRIMARY KEY,
        at           timestamptz NOT NULL DEFAULT now(),
        user_id      integer,
        username     text,
        roles        text[] NOT NULL DEFAULT '{}',
        unit_ids     integer[] NOT NULL DEFAULT '{}',
        ip           text,
        action       text NOT NULL,
        object_type  text NOT NULL,
        object_id    text,
        result       text NOT NULL DEFAULT 'success' CHECK (result IN ('success','failure','denied')),
        request_id   text,
        before       jsonb,
        after        jsonb,
        detail       jsonb,
        prev_hash    text NOT NULL,
        hash         text NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX audit_event_at_idx ON audit_event (at DESC)`);
    await q.query(`CREATE INDEX audit_event_object_idx ON audit_event (object_type, object_id)`);
    await q.query(`CREATE INDEX audit_event_user_idx ON audit_event (user_id, at DESC)`);
    // append-only: updates and deletes are refused by the database itself (the retention purge is a later migration)
    await q.query(`
      CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'audit_event',
      'ytd_summary',
      'report_status_history',
      'report_value',
      'monthly_report',
      'project_fund',
      'project_event',
      'project_share',
      'project',
      'target',
      'indicator',
      'plan',
      'refresh_token',
      'password_history',
      'user_unit',
      'app_user',
      'unit_closure',
      'unit',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query('DROP FUNCTION audit_event_append_only()');
  }
}
