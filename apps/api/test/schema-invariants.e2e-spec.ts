import { DataSource } from 'typeorm';

import { buildDataSourceOptions, runMigrationsLocked } from '../src/database/data-source';
import { createTestDatabase } from './create-test-app';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { insertUser } from './factories/user.factory';
import { insertIndicators, insertPlan, insertProject, insertTarget } from './factories/report.factory';

/**
 * DATA-1, DATA-2, DATA-4 read off the migrated schema itself (information_schema / pg_catalog), and the database
 * made to refuse bad rows written straight in SQL as the test's superuser: no application check in between.
 */
describe('schema invariants after the migrations (e2e)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: DataSource;
  let units: Record<string, number>;
  let planId: number;
  let indicators: Record<string, number>;
  let projectId: number;
  let reportId: number;

  interface Column {
    table: string;
    column: string;
    type: string;
    nullable: boolean;
  }
  let columns: Column[];

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource(buildDataSourceOptions(database.url, { logging: false }));
    await db.initialize();
    await runMigrationsLocked(db);
    columns = (
      await db.query(
        `SELECT c.table_name AS "table", c.column_name AS "column", c.data_type AS type, c.is_nullable = 'YES' AS nullable
           FROM information_schema.columns c
           JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
          WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
          ORDER BY 1, 2`,
      )
    ).map((c: Column) => ({ ...c, nullable: !!c.nullable }));

    units = await insertUnits(db, SMALL_COUNTY);
    await insertUser(db, { username: 'rep_t01', roles: ['reporter'], unitIds: [units.T01!], displayName: '城关镇填报员' });
    planId = await insertPlan(db, { rootUnitId: units.XIAN! });
    indicators = await insertIndicators(db, planId);
    await insertTarget(db, planId, units.T01!, indicators.DWZJ!, '12000.0000');
    projectId = await insertProject(db, {
      code: 'XM-2026-0001',
      name: '城关镇新能源电池材料产业园',
      investorName: '福建宁德新材料科技有限公司',
      unitId: units.T01!,
      agreedWan: '350000',
      stage: 'signed',
      signedDate: '2026-03-18',
    });
    const [report] = await db.query(
      `INSERT INTO monthly_report (plan_id, unit_id, month) VALUES ($1, $2, '2026-03') RETURNING id`,
      [planId, units.T01],
    );
    reportId = report.id;
    await db.query(`INSERT INTO report_value (report_id, indicator_id, value) VALUES ($1, $2, '860.5000')`, [
      reportId,
      indicators.DWZJ,
    ]);
  });

  afterAll(async () => {
    if (db?.isInitialized) await db.destroy();
    await database?.drop();
  });

  /** Runs a statement in its own savepoint-free transaction and answers the SQLSTATE it failed with (or 'ok'). */
  async function sqlState(sql: string, params: unknown[] = []): Promise<string> {
    const runner = db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(sql, params);
      return 'ok';
    } catch (error) {
      return String((error as { code?: string }).code ?? (error as Error).message);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  it('should keep every money column numeric, and have no float column at all (DATA-1)', () => {
    // named like an amount but not money: a setting's JSON value
    const notMoney = new Set(['app_setting.value']);
    const looksLikeMoney = columns.filter(
      (c) =>
        /(_wan$|amount|investment|^value$|^numerator$|^denominator$|^points$|^total$)/.test(c.column) &&
        !/(^|_)(id|at|date|month|no|text|reason|kind)$/.test(c.column) &&
        !notMoney.has(`${c.table}.${c.column}`),
    );
    const names = looksLikeMoney.map((c) => `${c.table}.${c.column}`);
    // the list is derived from the schema; these must be in it or the pattern has gone blind
    expect(names).toEqual(
      expect.arrayContaining([
        'project.agreed_investment_wan',
        'project_fund.amount_wan',
        'target.value',
        'report_value.value',
        'ytd_summary.value',
      ]),
    );
    const notNumeric = looksLikeMoney.filter((c) => c.type !== 'numeric').map((c) => `${c.table}.${c.column}: ${c.type}`);
    expect(notNumeric).toEqual([]);
    const floats = columns
      .filter((c) => c.type === 'real' || c.type === 'double precision' || c.type === 'money')
      .map((c) => `${c.table}.${c.column}: ${c.type}`);
    expect(floats).toEqual([]);
  });

  it('should store every timestamp as timestamptz, never timestamp without time zone (DATA-4)', () => {
    const stamps = columns.filter((c) => c.type.startsWith('timestamp'));
    expect(stamps.length).toBeGreaterThan(20);
    expect(stamps.filter((c) => c.type !== 'timestamp with time zone').map((c) => `${c.table}.${c.column}: ${c.type}`)).toEqual(
      [],
    );
    // a time of day without a zone would be as ambiguous
    expect(columns.filter((c) => c.type === 'time without time zone').map((c) => `${c.table}.${c.column}`)).toEqual([]);
  });

  it('should declare UNIQUE (plan, unit, month) on reports and (plan, unit, indicator) on targets (DATA-2)', async () => {
    const uniques: Array<{ table: string; columns: string[] }> = await db.query(
      `SELECT i.indrelid::regclass::text AS "table",
              array_agg(a.attname::text ORDER BY k.ord) AS columns
         FROM pg_index i
         CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
        WHERE i.indisunique AND i.indpred IS NULL AND i.indrelid::regclass::text IN ('monthly_report', 'target')
        GROUP BY i.indexrelid, i.indrelid`,
    );
    const keys = uniques.map((u) => `${u.table}(${[...u.columns].sort().join(',')})`);
    expect(keys).toEqual(
      expect.arrayContaining(['monthly_report(month,plan_id,unit_id)', 'target(indicator_id,plan_id,unit_id)']),
    );
  });

  it('should have the database refuse a second report of the same plan, unit and month', async () => {
    expect(
      await sqlState(`INSERT INTO monthly_report (plan_id, unit_id, month) VALUES ($1, $2, '2026-03')`, [planId, units.T01]),
    ).toBe('23505');
    // the same month of another unit is fine: the key is the triple
    expect(
      await sqlState(`INSERT INTO monthly_report (plan_id, unit_id, month) VALUES ($1, $2, '2026-03')`, [planId, units.T02]),
    ).toBe('ok');
  });

  it('should have the database refuse a second target of the same plan, unit and indicator', async () => {
    expect(
      await sqlState('INSERT INTO target (plan_id, unit_id, indicator_id, value) VALUES ($1, $2, $3, $4)', [
        planId,
        units.T01,
        indicators.DWZJ,
        '9000',
      ]),
    ).toBe('23505');
  });

  it.each([
    ['a negative target', 'UPDATE target SET value = -1 WHERE plan_id = $1', () => [planId]],
    ['a negative reported figure', 'UPDATE report_value SET value = -0.0001 WHERE report_id = $1', () => [reportId]],
    ['a negative agreed investment', 'UPDATE project SET agreed_investment_wan = -100 WHERE id = $1', () => [projectId]],
    [
      'negative funds in place',
      `INSERT INTO project_fund (project_id, month, amount_wan) VALUES ($1, '2026-04', -5)`,
      () => [projectId],
    ],
  ])('should have the database refuse %s with its CHECK (amount ≥ 0)', async (_name, sql, params) => {
    expect(await sqlState(sql, params())).toBe('23514');
  });

  it('should have the database refuse NULL in every NOT NULL business column', async () => {
    for (const [table, column, where, param] of [
      ['target', 'value', 'plan_id = $1', () => planId],
      ['report_value', 'value', 'report_id = $1', () => reportId],
      ['project', 'name', 'id = $1', () => projectId],
      ['project', 'agreed_investment_wan', 'id = $1', () => projectId],
      ['monthly_report', 'status', 'id = $1', () => reportId],
      ['monthly_report', 'month', 'id = $1', () => reportId],
    ] as const) {
      expect({ column: `${table}.${column}`, state: await sqlState(`UPDATE ${table} SET ${column} = NULL WHERE ${where}`, [param()]) }).toEqual({
        column: `${table}.${column}`,
        state: '23502',
      });
    }
    // and the schema agrees with what the test tried
    const nullable = columns.filter(
      (c) =>
        c.nullable &&
        ['target.value', 'report_value.value', 'project.name', 'project.agreed_investment_wan', 'monthly_report.status'].includes(
          `${c.table}.${c.column}`,
        ),
    );
    expect(nullable).toEqual([]);
  });

  it('should have the database refuse rows pointing at nothing (foreign keys)', async () => {
    expect(
      await sqlState('INSERT INTO target (plan_id, unit_id, indicator_id, value) VALUES ($1, 987654, $2, 1)', [
        planId,
        indicators.DWZJ,
      ]),
    ).toBe('23503');
    expect(
      await sqlState(`INSERT INTO monthly_report (plan_id, unit_id, month) VALUES (987654, $1, '2026-05')`, [units.T01]),
    ).toBe('23503');
    expect(await sqlState(`INSERT INTO project_fund (project_id, month, amount_wan) VALUES (987654, '2026-05', 1)`)).toBe(
      '23503',
    );
    expect(await sqlState('INSERT INTO report_value (report_id, indicator_id, value) VALUES (987654, $1, 1)', [indicators.DWZJ])).toBe(
      '23503',
    );
    // a referenced unit cannot disappear from under its reports and targets
    expect(await sqlState('DELETE FROM unit WHERE id = $1', [units.T01])).toBe('23503');
  });

  it('should back every *_id column of a business table with a foreign key', async () => {
    const fks: Array<{ table: string; column: string }> = await db.query(
      `SELECT c.conrelid::regclass::text AS "table", a.attname AS column
         FROM pg_constraint c
         CROSS JOIN LATERAL unnest(c.conkey) AS k(attnum)
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
        WHERE c.contype = 'f'`,
    );
    const withFk = new Set(fks.map((f) => `${f.table}.${f.column}`));
    // ids that name no row on purpose: the audit log outlives what it names (and a purge record names purged
    // rows), tokens group by a random family id, and ytd_summary is derived data rebuilt from the tables that
    // do hold the keys (its foreign keys were dropped in YtdSummaryDerived1765100000000 for write speed)
    const free = new Set([
      'audit_event.user_id',
      'audit_event.object_id',
      'audit_event.request_id',
      'audit_purge.through_id',
      'refresh_token.family_id',
      // the login id a failed login named, which need not be an account (AUTH-3: unknown ids lock like known ones)
      'login_throttle.login_id',
      // vendor identifiers (企业微信/钉钉 agentid and a person's account id), not references to our rows
      'notification_channel.agent_id',
      'user_channel_account.account_id',
      // 钉钉's task id of an accepted 工作通知 (its receipt is asked for with it)
      'notification_delivery.vendor_task_id',
      'ytd_summary.plan_id',
      'ytd_summary.unit_id',
      'ytd_summary.indicator_id',
    ]);
    const missing = columns
      .filter((c) => /_id$/.test(c.column) && !free.has(`${c.table}.${c.column}`) && !withFk.has(`${c.table}.${c.column}`))
      .map((c) => `${c.table}.${c.column}`);
    expect(missing).toEqual([]);
  });
});
