import { JOBS_CONFIG, type JobsConfig } from '../src/config/jobs.config';
import { AuditRetentionCron } from '../src/modules/audit/audit-retention.cron';
import { AuditService, hashOf } from '../src/modules/audit/audit.service';
import { createTestApp, type TestApp } from './create-test-app';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { insertStandardUsers, TEST_PASSWORD } from './factories/user.factory';

const DAY_MS = 24 * 60 * 60 * 1000;
const jobs: JobsConfig = {
  enabled: false,
  remindDays: 2,
  webhookUrl: null,
  webhookTimeoutMs: 3000,
  auditRetentionDays: 180,
};

// AUD-5 and DATA-3: audit events are kept at least 180 days, then purged by the retention job only, as a prefix of
// the hash chain whose verifier still passes.
describe('audit retention (e2e)', () => {
  let t: TestApp;
  let audit: AuditService;

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: JOBS_CONFIG, useValue: jobs }] });
    audit = t.app.get(AuditService);
    const units = await insertUnits(t.dataSource, SMALL_COUNTY);
    await insertStandardUsers(t.dataSource, units);
  });
  afterAll(() => t.close());

  /** Appends an event dated `daysAgo` to the chain, as the service would have written it then. */
  const appendDated = async (daysAgo: number, action: string, objectId: string) => {
    const [last] = await t.dataSource.query('SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1');
    const prev: string = last?.hash ?? '0'.repeat(64);
    const row = {
      at: new Date(Date.now() - daysAgo * DAY_MS).toISOString(),
      user_id: null,
      username: 'admin',
      roles: ['admin'],
      unit_ids: [],
      ip: '10.12.3.4',
      action,
      object_type: 'monthly_report',
      object_id: objectId,
      result: 'success' as const,
      request_id: `old-${objectId}`,
      before: { status: 'submitted' },
      after: { status: 'approved' },
      detail: null,
    };
    await t.dataSource.query(
      `INSERT INTO audit_event (at, user_id, username, roles, unit_ids, ip, action, object_type, object_id, result,
                                request_id, before, after, detail, prev_hash, hash)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)`,
      [
        row.at,
        row.user_id,
        row.username,
        row.roles,
        row.unit_ids,
        row.ip,
        row.action,
        row.object_type,
        row.object_id,
        row.result,
        row.request_id,
        JSON.stringify(row.before),
        JSON.stringify(row.after),
        null,
        prev,
        hashOf(prev, row),
      ],
    );
  };
  const count = async (where = 'true') =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE ${where}`))[0].n as number;

  it('should purge the events older than the retention as a prefix of the chain, which still verifies', async () => {
    expect(await count()).toBe(0);
    // last year's approvals (400, 300 and 200 days ago), then this morning's logins
    await appendDated(400, 'report.approve', '101');
    await appendDated(300, 'report.approve', '102');
    await appendDated(200, 'report.approve', '103');
    for (const username of ['admin', 'leader'])
      await t.http.post('/api/v1/auth/login').send({ username, password: TEST_PASSWORD }).expect(200);
    expect(await audit.verifyChain()).toMatchObject({ checked: 5, firstBrokenId: null, broken: [] });

    const result = await t.app.get(AuditRetentionCron).purge();
    expect(result).toMatchObject({ purged: 3 });
    expect(await count(`action = 'report.approve'`)).toBe(0);
    expect(await count(`action = 'auth.login'`)).toBe(2);
    const [purge] = await t.dataSource.query(
      `SELECT username, object_id AS "objectId", detail FROM audit_event WHERE action = 'audit.purge'`,
    );
    expect(purge.username).toBe('system');
    expect(purge.detail).toMatchObject({ rows: 3, throughId: result!.throughId });
    const [anchor] = await t.dataSource.query(
      'SELECT through_id::text AS id, row_count::int AS n FROM audit_purge',
    );
    expect(anchor).toEqual({ id: result!.throughId, n: 3 });
    // the two logins and the purge's own event, picked up from the anchor
    expect(await audit.verifyChain()).toMatchObject({ checked: 3, firstBrokenId: null, broken: [] });
    // a second run (another replica, the next day) finds nothing older left
    expect(await t.app.get(AuditRetentionCron).purge()).toEqual({ purged: 0, throughId: null });
  });

  it('should let the database refuse to delete a younger event, or any event outside the purge', async () => {
    const [young] = await t.dataSource.query(
      `SELECT id FROM audit_event WHERE action = 'auth.login' LIMIT 1`,
    );
    // the app's runtime role may not delete at all; the owner (checked here) is held by the trigger
    await expect(
      t.ownerDataSource.transaction(async (m) => {
        await m.query(`SELECT set_config('pacer.audit_purge', 'on', true)`);
        await m.query('DELETE FROM audit_event WHERE id = $1', [young.id]);
      }),
    ).rejects.toThrow(/append-only/);
    // an old event at the tail of the chain: without the purge's setting it cannot go either
    await appendDated(250, 'report.unlock', '104');
    await expect(
      t.ownerDataSource.query(`DELETE FROM audit_event WHERE action = 'report.unlock'`),
    ).rejects.toThrow(/append-only/);
    await expect(t.ownerDataSource.query('UPDATE audit_event SET username = $1', ['someone'])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.ownerDataSource.query('DELETE FROM audit_purge')).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query('DELETE FROM audit_purge')).rejects.toThrow(/permission denied/);
    expect(await count()).toBe(4);
    expect(await audit.verifyChain()).toMatchObject({ checked: 4, firstBrokenId: null, broken: [] });
  });

  it('should refuse a cutoff younger than 180 days', async () => {
    await expect(
      audit.purgeBefore(
        { principal: null, ip: null, requestId: 'r', userAgent: null, systemName: 'system' },
        new Date(Date.now() - 90 * DAY_MS),
      ),
    ).rejects.toThrow(/at least 180 days/);
  });
});
