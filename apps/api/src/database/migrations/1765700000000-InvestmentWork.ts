import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 招商工作 (issue 17): the county's 客商库 (investors and their contacts), 产业链 (chains, their links and the target
 * companies per link), 线索 (leads with an owner, a 专班, a trail of follow-ups) and 招商活动 (campaigns and visits with
 * the units taking part, the companies met and the leads they created or advanced). One schema for the three parts so
 * that they land in any order; each part's module owns its tables:
 * - investors: `investor`, `investor_contact`, `project.investor_id`;
 * - chains: `industry_chain`, `chain_link`, `chain_target_company`, `project.chain_link_id`;
 * - leads: `lead`, `lead_status_change`, `lead_follow_up`;
 * - activities: `activity`, `activity_unit`, `activity_company`, `activity_lead`.
 * Rows are never deleted: a lead is 已搁置, an activity or a chain removed softly with a reason (the audit trail stays).
 */
export class InvestmentWork1765700000000 implements MigrationInterface {
  name = 'InvestmentWork1765700000000';

  async up(q: QueryRunner): Promise<void> {
    // ---------- 客商库 ----------
    await q.query(`
      CREATE TABLE investor (
        id            serial PRIMARY KEY,
        name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        credit_code   text CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
        origin        text CHECK (origin IN ('local','in_province','out_of_province','overseas')),
        industry      text CHECK (length(industry) <= 100),
        address       text CHECK (length(address) <= 200),
        fortune500_kind text CHECK (fortune500_kind IN ('world','china','china_private')),
        note          text CHECK (length(note) <= 2000),
        created_by    integer REFERENCES app_user(id),
        updated_by    integer REFERENCES app_user(id),
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        version       integer NOT NULL DEFAULT 1
      )`);
    // one company once: by credit code when known, else by its name (case- and space-insensitive)
    await q.query(
      `CREATE UNIQUE INDEX investor_credit_code_key ON investor (credit_code) WHERE credit_code IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX investor_name_key ON investor (lower(regexp_replace(name, '\\s', '', 'g'))) WHERE credit_code IS NULL`,
    );
    await q.query(`CREATE INDEX investor_name_idx ON investor (lower(name))`);
    await q.query(`
      CREATE TABLE investor_contact (
        id            serial PRIMARY KEY,
        investor_id   integer NOT NULL REFERENCES investor(id),
        name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
        title         text CHECK (length(title) <= 50),
        phone         text CHECK (length(phone) <= 30),
        email         text CHECK (length(email) <= 100),
        note          text CHECK (length(note) <= 500),
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX investor_contact_investor_idx ON investor_contact (investor_id)`);

    // ---------- 产业链 ----------
    await q.query(`
      CREATE TABLE industry_chain (
        id                  serial PRIMARY KEY,
        name                text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
        description         text CHECK (length(description) <= 2000),
        leader_name         text CHECK (length(leader_name) <= 50),
        leader_title        text CHECK (length(leader_title) <= 50),
        lead_unit_id        integer REFERENCES unit(id),
        task_force_unit_id  integer REFERENCES unit(id),
        sort_order          integer NOT NULL DEFAULT 0,
        removed_at          timestamptz,
        removed_reason      text,
        created_by          integer REFERENCES app_user(id),
        updated_by          integer REFERENCES app_user(id),
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        version             integer NOT NULL DEFAULT 1,
        CHECK (removed_at IS NULL OR length(coalesce(removed_reason, '')) > 0)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX industry_chain_name_key ON industry_chain (name) WHERE removed_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE chain_link (
        id              serial PRIMARY KEY,
        chain_id        integer NOT NULL REFERENCES industry_chain(id),
        segment         text NOT NULL CHECK (segment IN ('upstream','midstream','downstream')),
        name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
        parent_link_id  integer REFERENCES chain_link(id),
        description     text CHECK (length(description) <= 500),
        sort_order      integer NOT NULL DEFAULT 0,
        removed_at      timestamptz,
        UNIQUE (chain_id, name)
      )`);
    await q.query(`CREATE INDEX chain_link_chain_idx ON chain_link (chain_id, sort_order)`);
    await q.query(`
      CREATE TABLE chain_target_company (
        id            serial PRIMARY KEY,
        link_id       integer NOT NULL REFERENCES chain_link(id),
        company_name  text NOT NULL CHECK (length(company_name) BETWEEN 1 AND 200),
        investor_id   integer REFERENCES investor(id),
        note          text CHECK (length(note) <= 500),
        sort_order    integer NOT NULL DEFAULT 0,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX chain_target_company_link_idx ON chain_target_company (link_id)`);

    // a ledger project's company and chain link (the text columns investor_name and industry_chain stay)
    await q.query(`ALTER TABLE project ADD COLUMN investor_id integer REFERENCES investor(id)`);
    await q.query(`ALTER TABLE project ADD COLUMN chain_link_id integer REFERENCES chain_link(id)`);
    await q.query(
      `CREATE INDEX project_investor_id_idx ON project (investor_id) WHERE investor_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX project_chain_link_idx ON project (chain_link_id) WHERE chain_link_id IS NOT NULL`,
    );

    // ---------- 线索 ----------
    await q.query(`
      CREATE TABLE lead (
        id                     serial PRIMARY KEY,
        code                   text NOT NULL UNIQUE,
        title                  text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        unit_id                integer NOT NULL REFERENCES unit(id),
        owner_user_id          integer REFERENCES app_user(id),
        owner_name             text NOT NULL CHECK (length(owner_name) BETWEEN 1 AND 50),
        task_force_unit_id     integer REFERENCES unit(id),
        investor_id            integer NOT NULL REFERENCES investor(id),
        chain_link_id          integer REFERENCES chain_link(id),
        intended_investment_wan numeric(20,4) CHECK (intended_investment_wan >= 0),
        source                 text NOT NULL
                               CHECK (source IN ('outbound','visit','expo','business_referral','agency','online','other')),
        status                 text NOT NULL DEFAULT 'new' CHECK (status IN ('new','negotiating','signed','shelved')),
        shelved_reason         text CHECK (length(shelved_reason) <= 500),
        project_id             integer REFERENCES project(id),
        found_on               date NOT NULL,
        status_changed_on      date NOT NULL,
        last_follow_up_on      date,
        next_step              text CHECK (length(next_step) <= 500),
        next_step_due          date,
        next_step_reminded_on  date,
        description            text CHECK (length(description) <= 2000),
        created_by             integer REFERENCES app_user(id),
        updated_by             integer REFERENCES app_user(id),
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        version                integer NOT NULL DEFAULT 1,
        CHECK (status <> 'shelved' OR length(coalesce(shelved_reason, '')) > 0),
        CHECK (status <> 'signed' OR project_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX lead_unit_idx ON lead (unit_id, status)`);
    await q.query(`CREATE INDEX lead_investor_idx ON lead (investor_id)`);
    await q.query(`CREATE INDEX lead_chain_link_idx ON lead (chain_link_id) WHERE chain_link_id IS NOT NULL`);
    // every status a lead passed through, with its day: 在谈项目个数 at a month's end is read from here
    await q.query(`
      CREATE TABLE lead_status_change (
        id           serial PRIMARY KEY,
        lead_id      integer NOT NULL REFERENCES lead(id),
        from_status  text CHECK (from_status IN ('new','negotiating','signed','shelved')),
        to_status    text NOT NULL CHECK (to_status IN ('new','negotiating','signed','shelved')),
        changed_on   date NOT NULL,
        reason       text CHECK (length(reason) <= 500),
        changed_by   integer REFERENCES app_user(id),
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX lead_status_change_lead_idx ON lead_status_change (lead_id, changed_on, id)`);
    await q.query(
      `CREATE INDEX lead_next_step_due_idx ON lead (next_step_due) WHERE status IN ('new','negotiating')`,
    );
    await q.query(`
      CREATE TABLE lead_follow_up (
        id             serial PRIMARY KEY,
        lead_id        integer NOT NULL REFERENCES lead(id),
        followed_on    date NOT NULL,
        way            text NOT NULL CHECK (way IN ('visit','reception','call','meeting','online','other')),
        people         text NOT NULL CHECK (length(people) BETWEEN 1 AND 200),
        agreed         text NOT NULL CHECK (length(agreed) BETWEEN 1 AND 2000),
        next_step      text CHECK (length(next_step) <= 500),
        next_step_due  date,
        activity_id    integer,
        created_by     integer REFERENCES app_user(id),
        created_at     timestamptz NOT NULL DEFAULT now(),
        CHECK (next_step_due IS NULL OR length(coalesce(next_step, '')) > 0)
      )`);
    await q.query(`CREATE INDEX lead_follow_up_lead_idx ON lead_follow_up (lead_id, followed_on)`);

    // ---------- 招商活动 ----------
    await q.query(`
      CREATE TABLE activity (
        id                    serial PRIMARY KEY,
        code                  text NOT NULL UNIQUE,
        kind                  text NOT NULL CHECK (kind IN ('outbound','reception','expo','online')),
        title                 text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        unit_id               integer NOT NULL REFERENCES unit(id),
        start_date            date NOT NULL,
        end_date              date NOT NULL,
        place                 text NOT NULL CHECK (length(place) BETWEEN 1 AND 100),
        leading_official      text NOT NULL CHECK (length(leading_official) BETWEEN 1 AND 50),
        leading_official_title text CHECK (length(leading_official_title) <= 50),
        led_by_county_leader  boolean NOT NULL DEFAULT false,
        participants          text[] NOT NULL DEFAULT '{}',
        outcome               text CHECK (length(outcome) <= 2000),
        chain_id              integer REFERENCES industry_chain(id),
        removed_at            timestamptz,
        removed_reason        text,
        created_by            integer REFERENCES app_user(id),
        updated_by            integer REFERENCES app_user(id),
        created_at            timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NOT NULL DEFAULT now(),
        version               integer NOT NULL DEFAULT 1,
        CHECK (end_date >= start_date),
        CHECK (removed_at IS NULL OR length(coalesce(removed_reason, '')) > 0)
      )`);
    await q.query(
      `CREATE INDEX activity_unit_idx ON activity (unit_id, start_date) WHERE removed_at IS NULL`,
    );
    await q.query(`CREATE INDEX activity_start_idx ON activity (start_date) WHERE removed_at IS NULL`);
    // the units taking part beside the organising unit (each is credited with the activity where a plan says so)
    await q.query(`
      CREATE TABLE activity_unit (
        activity_id  integer NOT NULL REFERENCES activity(id),
        unit_id      integer NOT NULL REFERENCES unit(id),
        PRIMARY KEY (activity_id, unit_id)
      )`);
    await q.query(`CREATE INDEX activity_unit_unit_idx ON activity_unit (unit_id)`);
    await q.query(`
      CREATE TABLE activity_company (
        id            serial PRIMARY KEY,
        activity_id   integer NOT NULL REFERENCES activity(id),
        investor_id   integer NOT NULL REFERENCES investor(id),
        note          text CHECK (length(note) <= 500),
        UNIQUE (activity_id, investor_id)
      )`);
    await q.query(`CREATE INDEX activity_company_investor_idx ON activity_company (investor_id)`);
    await q.query(`
      CREATE TABLE activity_lead (
        activity_id  integer NOT NULL REFERENCES activity(id),
        lead_id      integer NOT NULL REFERENCES lead(id),
        relation     text NOT NULL CHECK (relation IN ('created','advanced')),
        PRIMARY KEY (activity_id, lead_id)
      )`);
    await q.query(`CREATE INDEX activity_lead_lead_idx ON activity_lead (lead_id)`);
    await q.query(
      `ALTER TABLE lead_follow_up ADD CONSTRAINT lead_follow_up_activity_fkey FOREIGN KEY (activity_id) REFERENCES activity(id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE lead_follow_up DROP CONSTRAINT lead_follow_up_activity_fkey');
    for (const table of [
      'activity_lead',
      'activity_company',
      'activity_unit',
      'activity',
      'lead_follow_up',
      'lead_status_change',
      'lead',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query('ALTER TABLE project DROP COLUMN chain_link_id');
    await q.query('ALTER TABLE project DROP COLUMN investor_id');
    for (const table of [
      'chain_target_company',
      'chain_link',
      'industry_chain',
      'investor_contact',
      'investor',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
