import { JOBS_CONFIG, type JobsConfig } from '../src/config/jobs.config';
import { AuditRetentionCron } from '../src/modules/audit/audit-retention.cron';
import { AuditService, hashOf } from '../src/modules/audit/audit.service';
import { createTestApp, type TestApp } from './create-test-app';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers, TEST_PASSWORD } from './factories/user.factory';

const jobs: JobsConfig = { enabled: false, remindDays: 2, webhookUrl: null, webhookTimeoutMs: 3000, auditRetentionDays: 180 };
const actor = { principal: null, ip: '10.20.30.40', requestId: 'aud4-test', userAgent: null };

// AUD-4 (tamper evidence, append-only, least privilege) and AUD-6 (no secrets, nothing else hidden).
describe('audit log integrity (e2e)', () => {
  let t: TestApp;
  let audit: AuditService;
  let auditor: string;

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: JOBS_CONFIG, useValue: jobs }] });
    audit = t.app.get(AuditService);
    const units = await insertUnits(t.dataSource, SMALL_COUNTY);
    await insertStandardUsers(t.dataSource, units);
    auditor = await bearer(t.http, 'auditor');
  });
  afterAll(() => t.close());

  const verify = async () => (await t.http.get('/api/v1/audit/verify').set('Authorization', auditor).expect(200)).body;
  const count = async () => (await t.dataSource.query('SELECT count(*)::int AS n FROM audit_event'))[0].n as number;

  it('should keep the chain whole over lone surrogates, NUL, astral characters and emoji (AUD-4)', async () => {
    // the anonymous login of the issue: whatever the edge answers, the chain must stay verifiable
    const login = await t.http
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username":"\\ud800","password":"x"}');
    expect([400, 401]).toContain(login.status);
    const strange = {
      lone: '\ud800',
      lowAlone: 'a\udc00b',
      nul: '城关\u0000镇',
      astral: '𠀀𠀁 湖北',
      emoji: '招商👍🏽🇨🇳',
      nested: [{ '\ud83d键': '值\u0000', ok: '𠮷野家' }],
    };
    await audit.recordStandalone(actor, { action: 'auth.login', objectType: 'user', username: '\ud800', result: 'failure' });
    await audit.recordStandalone(actor, { action: 'auth.login', objectType: 'user', username: 'ab\u0000cd', result: 'failure' });
    await audit.recordStandalone(actor, {
      action: 'project.update',
      objectType: 'project',
      objectId: '项目\udfff',
      before: { name: '𠀀科技园\ud800', stage: 'lead' },
      after: strange,
      detail: { note: '😀\u0000' },
    });
    await audit.recordStandalone({ ...actor, ip: '\u0000::1' }, { action: 'export.audit', objectType: 'audit_event' });

    const result = await verify();
    expect(result).toEqual({ checked: await count(), firstBrokenId: null, brokenRows: 0, broken: [], isTruncated: false });
    // what is stored: the lone surrogates and NULs as U+FFFD, the astral characters and emoji unchanged
    const rows = await t.dataSource.query(
      `SELECT username, object_id AS "objectId", before, after, detail, ip FROM audit_event WHERE request_id = 'aud4-test' ORDER BY id`,
    );
    expect(rows.map((r: { username: string }) => r.username)).toEqual(['\ufffd', 'ab\ufffdcd', null, null]);
    expect(rows[2].objectId).toBe('项目\ufffd');
    expect(rows[2].before).toEqual({ name: '𠀀科技园\ufffd', stage: 'lead' });
    expect(rows[2].after).toEqual({
      lone: '\ufffd',
      lowAlone: 'a\ufffdb',
      nul: '城关\ufffd镇',
      astral: '𠀀𠀁 湖北',
      emoji: '招商👍🏽🇨🇳',
      nested: [{ '\ufffd键': '值\ufffd', ok: '𠮷野家' }],
    });
    expect(rows[2].detail).toEqual({ note: '😀\ufffd' });
    expect(rows[3].ip).toBe('\ufffd::1');
  });

  it('should report every broken row and go on verifying the rows after them (AUD-4)', async () => {
    for (const username of ['admin', 'leader', 'rep_t01', 'rep_t02', 'admin', 'leader'])
      await t.http.post('/api/v1/auth/login').send({ username, password: TEST_PASSWORD }).expect(200);
    const ids: string[] = (await t.dataSource.query('SELECT id::text AS id FROM audit_event ORDER BY audit_event.id')).map(
      (r: { id: string }) => r.id,
    );
    const total = ids.length;
    const [changed, rewritten, deleted] = [ids[total - 9]!, ids[total - 6]!, ids[total - 3]!];
    // as the database superuser, behind the trigger's back: one row's content changed; another's content changed
    // and its hash recomputed; a third deleted
    await t.ownerDataSource.transaction(async (m) => {
      await m.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update');
      await m.query(`UPDATE audit_event SET ip = '10.66.66.66' WHERE id = $1`, [changed]);
      const [row] = await m.query('SELECT * FROM audit_event WHERE id = $1', [rewritten]);
      const forged = { ...row, username: '伪造者' };
      const hash = hashOf(row.prev_hash, {
        at: new Date(forged.at).toISOString(),
        user_id: forged.user_id,
        username: forged.username,
        roles: forged.roles,
        unit_ids: forged.unit_ids,
        ip: forged.ip,
        action: forged.action,
        object_type: forged.object_type,
        object_id: forged.object_id,
        result: forged.result,
        request_id: forged.request_id,
        before: forged.before,
        after: forged.after,
        detail: forged.detail,
      });
      await m.query('UPDATE audit_event SET username = $1, hash = $2 WHERE id = $3', ['伪造者', hash, rewritten]);
      await m.query('DELETE FROM audit_event WHERE id = $1', [deleted]);
      await m.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update');
    });
    const next = (id: string) => ids[ids.indexOf(id) + 1]!;
    const result = await verify();
    expect(result).toEqual({
      checked: total - 1,
      firstBrokenId: changed,
      brokenRows: 3,
      broken: [
        // its content no longer matches its hash; the next row still names the stored hash and verifies
        { fromId: changed, toId: changed, rows: 1, reason: 'row' },
        // a rewritten row verifies by itself, but the row after it names the hash it had
        { fromId: next(rewritten), toId: next(rewritten), rows: 1, reason: 'link' },
        // the row after a deleted one names a hash no longer there
        { fromId: next(deleted), toId: next(deleted), rows: 1, reason: 'link' },
      ],
      isTruncated: false,
    });
  });

  it('should refuse TRUNCATE of the audit tables, even to the owner (AUD-4)', async () => {
    const before = await count();
    await expect(t.ownerDataSource.query('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
    await expect(t.ownerDataSource.query('TRUNCATE audit_purge')).rejects.toThrow(/append-only/);
    await expect(t.ownerDataSource.query('TRUNCATE audit_event, audit_purge CASCADE')).rejects.toThrow(/append-only/);
    expect(await count()).toBe(before);
  });

  it('should serve requests as a runtime role that cannot change the audit log or the schema, yet purge (AUD-4, AUD-5)', async () => {
    const [role] = await t.dataSource.query(
      'SELECT current_user AS name, rolsuper AS "isSuper" FROM pg_roles WHERE rolname = current_user',
    );
    expect(role).toEqual({ name: 'pacer_app', isSuper: false });
    const before = await count();
    for (const sql of [
      `UPDATE audit_event SET username = '篡改' WHERE id = (SELECT max(id) FROM audit_event)`,
      'DELETE FROM audit_event',
      'TRUNCATE audit_event',
      'DELETE FROM audit_purge',
      `INSERT INTO audit_purge (cutoff, through_id, through_hash, row_count) VALUES (now() - interval '1 year', 1, '${'0'.repeat(64)}', 1)`,
      'CREATE TABLE shadow_log (id int)',
      'ALTER TABLE unit ADD COLUMN shadow text',
      'DROP TABLE notification',
      `CREATE FUNCTION shadow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`,
      `DELETE FROM migrations`,
    ]) {
      await expect(t.dataSource.query(sql)).rejects.toThrow(/permission denied|must be owner/);
    }
    // a purge not recorded first is refused by the purge function itself
    await expect(
      t.dataSource.query(`SELECT audit_purge_through(now() - interval '1 year', 1)`),
    ).rejects.toThrow(/must be recorded|not older|does not exist/);
    expect(await count()).toBe(before);
    // DML on business tables works (the whole e2e suite runs as this role)
    await t.dataSource.query(`UPDATE unit SET name = '城关镇' WHERE code = 'T01'`);

    // the retention purge still works through the owner's function: last year's events go, as a prefix
    await t.ownerDataSource.transaction(async (m) => {
      await m.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update');
      // age the oldest rows (those before the tampering above) by a year, hashes and all untouched but `at`
      await m.query(`UPDATE audit_event SET at = at - interval '400 days' WHERE id <= (SELECT min(id) + 4 FROM audit_event)`);
      await m.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update');
    });
    const purged = await t.app.get(AuditRetentionCron).purge();
    expect(purged?.purged).toBe(5);
    const [anchor] = await t.dataSource.query('SELECT row_count::int AS n FROM audit_purge');
    expect(anchor).toEqual({ n: 5 });
    const [last] = await t.dataSource.query(`SELECT action FROM audit_event ORDER BY id DESC LIMIT 1`);
    expect(last.action).toBe('audit.purge');
  });

  it('should redact secrets by exact name only, keeping mustChangePassword and codes (AUD-6)', async () => {
    const sys = await bearer(t.http, 'sysadmin');
    const created = await t.http
      .post('/api/v1/users')
      .set('Authorization', sys)
      .send({ username: 'wangfang', displayName: '王芳', roles: ['leader'], password: 'Chushi#2026x' })
      .expect(201);
    const [event] = await t.dataSource.query(
      `SELECT after FROM audit_event WHERE action = 'user.create' AND object_id = $1`,
      [String(created.body.id)],
    );
    expect(event.after.mustChangePassword).toBe(true);
    expect(JSON.stringify(event.after)).not.toContain('Chushi#2026x');

    await audit.recordStandalone(actor, {
      action: 'user.update',
      objectType: 'user',
      objectId: 1,
      before: { mustChangePassword: true, passwordChangedAt: '2026-03-01', code: 'T01' },
      after: {
        password: 'Kaohe#2026',
        currentPassword: 'Old#2025ab',
        new_password: 'New#2026ab',
        passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$abc',
        refreshToken: 'rt-abc',
        accessToken: 'at-abc',
        totpCode: '123456',
        recoveryCodes: ['aaaa-bbbb', 'cccc-dddd'],
        secret: 'JBSWY3DPEHPK3PXP',
        mustChangePassword: false,
        unitCode: 'T01',
        indicators: [{ code: 'XSLS', name: '项目线索' }],
      },
    });
    const [row] = await t.dataSource.query(
      `SELECT before, after FROM audit_event WHERE action = 'user.update' AND request_id = 'aud4-test'`,
    );
    expect(row.before).toEqual({ mustChangePassword: true, passwordChangedAt: '2026-03-01', code: 'T01' });
    expect(row.after).toEqual({
      password: '[redacted]',
      currentPassword: '[redacted]',
      new_password: '[redacted]',
      passwordHash: '[redacted]',
      refreshToken: '[redacted]',
      accessToken: '[redacted]',
      totpCode: '[redacted]',
      recoveryCodes: '[redacted]',
      secret: '[redacted]',
      mustChangePassword: false,
      unitCode: 'T01',
      indicators: [{ code: 'XSLS', name: '项目线索' }],
    });
  });
});
