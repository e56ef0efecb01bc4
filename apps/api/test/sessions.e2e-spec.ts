import type { UserSession } from '@pacer/shared';

import { createTestApp, type TestApp } from './create-test-app';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers, insertUser, TEST_PASSWORD } from './factories/user.factory';

// SES-5: an administrator lists a user's live sessions and ends one or all of them; 三员分立 (AC-6) gives the ending to
// the system administrator (users.write) and the looking to whoever reads the accounts (users.read).

const OFFICE = { ip: '203.0.113.21', ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36' };
const PHONE = {
  ip: '198.51.100.35',
  ua: 'Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36 MicroMessenger/8.0.50',
};

interface Session {
  auth: string;
  refreshToken: string;
  familyId: string;
}

describe('sessions (e2e)', () => {
  let t: TestApp;
  let units: Record<string, number>;
  let users: Awaited<ReturnType<typeof insertStandardUsers>>;
  const auth: Record<string, string> = {};

  /** A login of `username` from an address and a browser (X-Forwarded-For is trusted from loopback here: PACER_TRUSTED_PROXIES). */
  async function login(username: string, from: { ip: string; ua: string } = OFFICE): Promise<Session> {
    const res = await t.http
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', from.ip)
      .set('User-Agent', from.ua)
      .send({ username, password: TEST_PASSWORD })
      .expect(200);
    const claims = JSON.parse(Buffer.from(res.body.accessToken.split('.')[1], 'base64url').toString());
    return { auth: `Bearer ${res.body.accessToken}`, refreshToken: res.body.refreshToken, familyId: claims.fam };
  }

  const sessionsOf = async (userId: number, as = auth.sysadmin!): Promise<UserSession[]> =>
    (await t.http.get(`/api/v1/users/${userId}/sessions`).set('Authorization', as).expect(200)).body.items;
  const me = (session: Session) => t.http.get('/api/v1/auth/me').set('Authorization', session.auth);
  const refresh = (session: Session) => t.http.post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken });
  const auditOf = (action: string) =>
    t.dataSource.query(
      `SELECT username, roles, object_type AS "objectType", object_id AS "objectId", result, before, after, detail
         FROM audit_event WHERE action = $1 ORDER BY id`,
      [action],
    );

  beforeAll(async () => {
    t = await createTestApp({ trustedProxies: 'loopback' });
    units = await insertUnits(t.dataSource, SMALL_COUNTY);
    users = await insertStandardUsers(t.dataSource, units);
    for (const name of ['sysadmin', 'admin', 'auditor', 'leader', 'rep_t01']) auth[name] = await bearer(t.http, name);
  });
  afterAll(() => t.close());

  it("should list a user's live sessions with their addresses, browsers and limits, most recent first", async () => {
    const wang = await insertUser(t.dataSource, {
      username: 'wanghf',
      roles: ['reporter'],
      displayName: '王海峰',
      unitIds: [units.T02!],
    });
    const office = await login('wanghf', OFFICE);
    const phone = await login('wanghf', PHONE);
    const items = await sessionsOf(wang);
    expect(items.map((s) => [s.familyId, s.ip, s.userAgent, s.isCurrent])).toEqual([
      [phone.familyId, PHONE.ip, PHONE.ua, false],
      [office.familyId, OFFICE.ip, OFFICE.ua, false],
    ]);
    for (const s of items) {
      // idle (30 min) comes before the absolute lifetime (12 h) for a fresh login
      expect(new Date(s.expiresAt).getTime() - new Date(s.lastUsedAt).getTime()).toBe(30 * 60_000);
    }
    // the phone has been quiet for 10 minutes: the office comes first; a refresh brings the phone back on top, from
    // its new address
    await t.dataSource.query(`UPDATE refresh_token SET last_used_at = now() - interval '10 minutes' WHERE family_id = $1`, [
      phone.familyId,
    ]);
    expect((await sessionsOf(wang)).map((s) => s.familyId)).toEqual([office.familyId, phone.familyId]);
    const rotated = await t.http
      .post('/api/v1/auth/refresh')
      .set('X-Forwarded-For', '198.51.100.36')
      .set('User-Agent', PHONE.ua)
      .send({ refreshToken: phone.refreshToken })
      .expect(200);
    expect(rotated.body.refreshToken).not.toBe(phone.refreshToken);
    const after = await sessionsOf(wang);
    expect(after.map((s) => [s.familyId, s.ip])).toEqual([
      [phone.familyId, '198.51.100.36'],
      [office.familyId, OFFICE.ip],
    ]);
    expect(after[0]!.startedAt).toBe(items[0]!.startedAt);
  });

  it("should mark the caller's own current session", async () => {
    const own = await login('sysadmin');
    const items = await sessionsOf(users.sysadmin, own.auth);
    expect(items.filter((s) => s.isCurrent).map((s) => s.familyId)).toEqual([own.familyId]);
    expect(items.length).toBeGreaterThanOrEqual(2);
  });

  it('should leave out sessions past their idle timeout or absolute lifetime, as the refresh refuses them', async () => {
    const zhao = await insertUser(t.dataSource, { username: 'zhaomin', roles: ['leader'], displayName: '赵敏' });
    const idle = await login('zhaomin');
    const old = await login('zhaomin', PHONE);
    const live = await login('zhaomin');
    await t.dataSource.query(`UPDATE refresh_token SET last_used_at = now() - interval '31 minutes' WHERE family_id = $1`, [
      idle.familyId,
    ]);
    await t.dataSource.query(
      `UPDATE refresh_token SET family_started_at = now() - interval '12 hours 5 minutes' WHERE family_id = $1`,
      [old.familyId],
    );
    expect((await sessionsOf(zhao)).map((s) => s.familyId)).toEqual([live.familyId]);
    await refresh(idle).expect(401);
    await refresh(old).expect(401);
    await refresh(live).expect(200);
  });

  it('should end one session: its access token gets 401 at once, its refresh token is refused, the other goes on', async () => {
    const li = await insertUser(t.dataSource, { username: 'lina', roles: ['leader'], displayName: '李娜' });
    const office = await login('lina', OFFICE);
    const phone = await login('lina', PHONE);
    await me(phone).expect(200);

    await t.http
      .delete(`/api/v1/users/${li}/sessions/${phone.familyId}`)
      .set('Authorization', auth.sysadmin!)
      .expect(204);
    const refused = await me(phone).expect(401);
    expect(refused.body.code).toBe('UNAUTHENTICATED');
    expect((await refresh(phone).expect(401)).body.code).toBe('INVALID_REFRESH_TOKEN');
    await me(office).expect(200);
    await refresh(office).expect(200);
    expect((await sessionsOf(li)).map((s) => s.familyId)).toEqual([office.familyId]);

    const revoked = await t.dataSource.query(
      `SELECT DISTINCT revoked_reason AS reason FROM refresh_token WHERE family_id = $1`,
      [phone.familyId],
    );
    expect(revoked).toEqual([{ reason: 'ended_by_admin' }]);
    const events = (await auditOf('auth.session.end')).filter((e: { objectId: string }) => e.objectId === String(li));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      username: 'sysadmin',
      roles: ['sysadmin'],
      objectType: 'user',
      result: 'success',
      before: { familyId: phone.familyId, ip: PHONE.ip, userAgent: PHONE.ua, live: true },
      after: { familyId: phone.familyId, live: false, revokedReason: 'ended_by_admin' },
      detail: { familyId: phone.familyId, own: false },
    });
    // nothing secret in the event (AUD-6)
    expect(JSON.stringify(events[0])).not.toContain(phone.refreshToken);

    // ended already: 404, and nothing more audited
    const again = await t.http
      .delete(`/api/v1/users/${li}/sessions/${phone.familyId}`)
      .set('Authorization', auth.sysadmin!)
      .expect(404);
    expect(again.body.message).toBe('会话不存在或已结束');
    expect((await auditOf('auth.session.end')).filter((e: { objectId: string }) => e.objectId === String(li))).toHaveLength(1);
  });

  it("should end all of a user's sessions and audit them in one event", async () => {
    const he = await insertUser(t.dataSource, { username: 'hewei', roles: ['admin'], displayName: '何伟' });
    const sessions = [await login('hewei', OFFICE), await login('hewei', PHONE), await login('hewei', OFFICE)];
    const other = await login('leader');

    const res = await t.http
      .post(`/api/v1/users/${he}/sessions/end-all`)
      .set('Authorization', auth.sysadmin!)
      .send({})
      .expect(200);
    expect(res.body).toEqual({ ended: 3 });
    for (const s of sessions) {
      await me(s).expect(401);
      await refresh(s).expect(401);
    }
    await me(other).expect(200);
    expect(await sessionsOf(he)).toEqual([]);

    const [event] = (await auditOf('auth.session.end_all')).filter((e: { objectId: string }) => e.objectId === String(he));
    expect(event).toMatchObject({ username: 'sysadmin', objectType: 'user', after: { sessions: [] }, detail: { ended: 3 } });
    expect(event.before.sessions.map((s: { familyId: string }) => s.familyId).sort()).toEqual(
      sessions.map((s) => s.familyId).sort(),
    );

    // nothing left to end: still an answer, and still audited
    await t.http.post(`/api/v1/users/${he}/sessions/end-all`).set('Authorization', auth.sysadmin!).expect(200, { ended: 0 });
    expect((await auditOf('auth.session.end_all')).filter((e: { objectId: string }) => e.objectId === String(he))).toHaveLength(2);
  });

  it("should end the caller's own session too when a sysadmin ends it", async () => {
    const own = await login('sysadmin');
    await t.http
      .delete(`/api/v1/users/${users.sysadmin}/sessions/${own.familyId}`)
      .set('Authorization', own.auth)
      .expect(204);
    await me(own).expect(401);
    const events = await auditOf('auth.session.end');
    expect(events.at(-1)).toMatchObject({ objectId: String(users.sysadmin), detail: { familyId: own.familyId, own: true } });
  });

  it('should let readers of the accounts look but only the system administrator end (三员分立, AC-6)', async () => {
    const guo = await insertUser(t.dataSource, { username: 'guoxue', roles: ['reporter'], displayName: '郭雪' });
    const target = await login('guoxue');
    const denied = async () =>
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'auth.denied'`))[0].n as number;

    // users.read: the business admin and the auditor see the sessions; the leader and a reporter do not
    expect((await sessionsOf(guo, auth.admin)).map((s) => s.familyId)).toEqual([target.familyId]);
    expect((await sessionsOf(guo, auth.auditor)).map((s) => s.familyId)).toEqual([target.familyId]);
    for (const who of ['leader', 'rep_t01']) {
      const res = await t.http.get(`/api/v1/users/${guo}/sessions`).set('Authorization', auth[who]!).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    // users.write: the sysadmin alone ends sessions
    const deniedBefore = await denied();
    for (const who of ['admin', 'auditor', 'leader', 'rep_t01']) {
      await t.http
        .delete(`/api/v1/users/${guo}/sessions/${target.familyId}`)
        .set('Authorization', auth[who]!)
        .expect(403);
      await t.http.post(`/api/v1/users/${guo}/sessions/end-all`).set('Authorization', auth[who]!).expect(403);
    }
    expect(await denied()).toBe(deniedBefore + 8);
    await me(target).expect(200);
    const ended = await auditOf('auth.session.end');
    expect(ended.filter((e: { objectId: string }) => e.objectId === String(guo))).toEqual([]);
  });

  it("should answer 404 for an unknown user or another user's session, and 400 for a malformed one", async () => {
    const lin = await insertUser(t.dataSource, { username: 'linxd', roles: ['leader'], displayName: '林晓东' });
    const luo = await insertUser(t.dataSource, { username: 'luogang', roles: ['leader'], displayName: '罗刚' });
    const linSession = await login('linxd');

    for (const request of [
      t.http.get('/api/v1/users/999999/sessions'),
      t.http.delete(`/api/v1/users/999999/sessions/${linSession.familyId}`),
      t.http.post('/api/v1/users/999999/sessions/end-all'),
    ]) {
      const res = await request.set('Authorization', auth.sysadmin!).expect(404);
      expect(res.body.message).toBe('用户不存在');
    }
    // 林晓东's session named under 罗刚's account: not found, and it lives on
    await t.http
      .delete(`/api/v1/users/${luo}/sessions/${linSession.familyId}`)
      .set('Authorization', auth.sysadmin!)
      .expect(404);
    await t.http
      .delete(`/api/v1/users/${lin}/sessions/0b7e4c1a-6f0d-4d55-9a43-5b0e2c9d1f00`)
      .set('Authorization', auth.sysadmin!)
      .expect(404);
    await me(linSession).expect(200);

    const bad = await t.http.delete(`/api/v1/users/${lin}/sessions/not-a-session`).set('Authorization', auth.sysadmin!).expect(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'familyId', code: 'isUuid' });
    await t.http.get('/api/v1/users/abc/sessions').set('Authorization', auth.sysadmin!).expect(400);
  });

  it('should keep the session when its audit event cannot be written (one transaction, AUD-3)', async () => {
    const ma = await insertUser(t.dataSource, { username: 'majun', roles: ['leader'], displayName: '马俊' });
    const session = await login('majun');
    await t.ownerDataSource.query(`
      CREATE FUNCTION fail_session_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$`);
    await t.ownerDataSource.query(`
      CREATE TRIGGER fail_session_audit BEFORE INSERT ON audit_event
      FOR EACH ROW WHEN (NEW.action LIKE 'auth.session.%') EXECUTE FUNCTION fail_session_audit()`);
    try {
      await t.http.delete(`/api/v1/users/${ma}/sessions/${session.familyId}`).set('Authorization', auth.sysadmin!).expect(500);
      await t.http.post(`/api/v1/users/${ma}/sessions/end-all`).set('Authorization', auth.sysadmin!).expect(500);
    } finally {
      await t.ownerDataSource.query('DROP TRIGGER fail_session_audit ON audit_event');
      await t.ownerDataSource.query('DROP FUNCTION fail_session_audit()');
    }
    await me(session).expect(200);
    expect((await sessionsOf(ma)).map((s) => s.familyId)).toEqual([session.familyId]);
  });
});
