import { ARGON2_OPTIONS, verifyPassword } from '../src/common/auth/passwords';
import { createTestApp, type TestApp } from './create-test-app';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers, insertUser, TEST_PASSWORD } from './factories/user.factory';

// AUTH-2 (a guessable password is refused with its reason), AUTH-5 (stored as argon2id at the configured cost) and
// AUTH-6 (a change needs the current password; a change or a reset ends the user's other sessions).

interface Session {
  auth: string;
  refreshToken: string;
}

/** `$argon2id$v=19$m=19456,t=2,p=1$salt$hash` → its parts. */
function phc(hash: string) {
  const match = /^\$(argon2(?:id|i|d))\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/.exec(hash);
  if (!match) throw new Error(`not a PHC argon2 string: ${hash.slice(0, 30)}…`);
  return { algorithm: match[1], version: Number(match[2]), m: Number(match[3]), t: Number(match[4]), p: Number(match[5]) };
}

describe('passwords (e2e)', () => {
  let t: TestApp;
  let units: Record<string, number>;
  let sysadmin: string;

  const login = async (username: string, password = TEST_PASSWORD): Promise<Session> => {
    const res = await t.http.post('/api/v1/auth/login').send({ username, password }).expect(200);
    return { auth: `Bearer ${res.body.accessToken}`, refreshToken: res.body.refreshToken };
  };
  const me = (s: Session) => t.http.get('/api/v1/auth/me').set('Authorization', s.auth);
  const refresh = (s: Session) => t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken });
  const stored = async (id: number) =>
    (await t.dataSource.query('SELECT password_hash AS hash, version FROM app_user WHERE id = $1', [id]))[0] as {
      hash: string;
      version: number;
    };
  const change = (s: Session, currentPassword: string, newPassword: string) =>
    t.http.post('/api/v1/auth/password').set('Authorization', s.auth).send({ currentPassword, newPassword });

  beforeAll(async () => {
    t = await createTestApp();
    units = await insertUnits(t.dataSource, SMALL_COUNTY);
    await insertStandardUsers(t.dataSource, units);
    sysadmin = await bearer(t.http, 'sysadmin');
  });
  afterAll(() => t.close());

  describe('AUTH-2: guessable passwords', () => {
    it.each(['Qwerty@123', 'Password1!', 'Admin@123', 'P@ssw0rd', 'zhangsan123A'])(
      'should refuse %s for a new account with its reason on the password field, and create nothing',
      async (password) => {
        const res = await t.http
          .post('/api/v1/users')
          .set('Authorization', sysadmin)
          .send({ username: 'qs_tongji', displayName: '青山镇统计员', roles: ['reporter'], unitIds: [units.T02], password })
          .expect(400);
        expect(res.body.code).toBe('PASSWORD_POLICY');
        expect(res.body.details).toEqual([expect.objectContaining({ field: 'password', code: 'weak' })]);
        expect(res.body.message).toMatch(/^密码不符合要求：.+/);
        expect(res.body.messageEn).toMatch(/^Password rejected: .+/);
        expect(await t.dataSource.query(`SELECT 1 FROM app_user WHERE username = 'qs_tongji'`)).toEqual([]);
      },
    );

    it('should refuse a guessable new password at a change and at a reset, and keep the old one', async () => {
      const id = await insertUser(t.dataSource, { username: 'lixia', roles: ['leader'], displayName: '李霞' });
      const before = await stored(id);
      const res = await change(await login('lixia'), TEST_PASSWORD, 'Qwerty@123').expect(400);
      expect(res.body.message).toBe('密码不符合要求：与常见密码过于相似（仅变换大小写、替换字母或加数字符号）');
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'newPassword', code: 'weak' })]);
      const reset = await t.http
        .post(`/api/v1/users/${id}/reset-password`)
        .set('Authorization', sysadmin)
        .send({ version: before.version, newPassword: 'zhangsan123A' })
        .expect(400);
      expect(reset.body.message).toContain('拼音');
      expect(await stored(id)).toEqual(before);
    });

    it('should accept a strong password', async () => {
      await insertUser(t.dataSource, { username: 'wugang', roles: ['leader'], displayName: '吴刚' });
      await change(await login('wugang'), TEST_PASSWORD, 'Tz9!kLm#4qRw').expect(204);
      await login('wugang', 'Tz9!kLm#4qRw');
    });
  });

  describe('AUTH-5: stored as argon2id at the configured cost', () => {
    it('should hash the configured cost, not below OWASP’s floor', () => {
      expect(ARGON2_OPTIONS).toMatchObject({ memoryCost: expect.any(Number), timeCost: expect.any(Number) });
      expect(ARGON2_OPTIONS.memoryCost).toBeGreaterThanOrEqual(19456);
      expect(ARGON2_OPTIONS.timeCost).toBeGreaterThanOrEqual(2);
    });

    it('should store a created, a changed and a reset password as argon2id v=19 with that cost', async () => {
      const expected = {
        algorithm: 'argon2id',
        version: 19,
        m: ARGON2_OPTIONS.memoryCost,
        t: ARGON2_OPTIONS.timeCost,
        p: ARGON2_OPTIONS.parallelism,
      };
      const created = await t.http
        .post('/api/v1/users')
        .set('Authorization', sysadmin)
        .send({ username: 'hejun', displayName: '何军', roles: ['leader'], password: 'Chushi#2026' })
        .expect(201);
      const id = created.body.id as number;
      const first = await stored(id);
      expect(phc(first.hash)).toEqual(expected);
      expect(first.hash).not.toContain('Chushi');

      await change(await login('hejun', 'Chushi#2026'), 'Chushi#2026', 'Xinmima#2026').expect(204);
      const changed = await stored(id);
      expect(phc(changed.hash)).toEqual(expected);
      expect(await verifyPassword(changed.hash, 'Xinmima#2026')).toBe(true);

      await t.http
        .post(`/api/v1/users/${id}/reset-password`)
        .set('Authorization', sysadmin)
        .send({ version: changed.version, newPassword: 'Chongzhi#2026' })
        .expect(201);
      const reset = await stored(id);
      expect(phc(reset.hash)).toEqual(expected);
      // the history keeps hashes only, of the same kind
      const history = await t.dataSource.query('SELECT password_hash AS hash FROM password_history WHERE user_id = $1', [id]);
      expect(history).toHaveLength(3);
      for (const row of history) expect(phc(row.hash)).toEqual(expected);
    });
  });

  describe('AUTH-6: the current password, and the other sessions', () => {
    it('should refuse a change with a wrong current password and change nothing', async () => {
      const id = await insertUser(t.dataSource, { username: 'zhoupeng', roles: ['leader'], displayName: '周鹏' });
      const before = await stored(id);
      const other = await login('zhoupeng');
      const self = await login('zhoupeng');
      const res = await change(self, 'Cuowu#2026x', 'Xinmima#2026').expect(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'currentPassword', code: 'wrong' })]);
      expect(await stored(id)).toEqual(before);
      await me(other).expect(200);
      await login('zhoupeng');
      await t.http.post('/api/v1/auth/login').send({ username: 'zhoupeng', password: 'Xinmima#2026' }).expect(401);
    });

    it('should end the other sessions at a change (refresh and access refused) and keep the one that changed it', async () => {
      await insertUser(t.dataSource, { username: 'tangli', roles: ['reporter'], unitIds: [units.T01], displayName: '唐丽' });
      const office = await login('tangli');
      const phone = await login('tangli');
      await me(phone).expect(200);

      await change(office, TEST_PASSWORD, 'Xinmima#2026').expect(204);

      await me(phone).expect(401);
      await refresh(phone).expect(401);
      await me(office).expect(200);
      const rotated = await refresh(office).expect(200);
      await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${rotated.body.accessToken}`).expect(200);
      const revoked = await t.dataSource.query(
        `SELECT revoked_reason AS reason, count(*)::int AS n FROM refresh_token t JOIN app_user u ON u.id = t.user_id
          WHERE u.username = 'tangli' AND revoked_at IS NOT NULL GROUP BY revoked_reason ORDER BY 1`,
      );
      expect(revoked).toEqual(expect.arrayContaining([{ reason: 'password_changed', n: 1 }]));
    });

    it("should end every session of the user at an administrator's reset, and none of the administrator's", async () => {
      const id = await insertUser(t.dataSource, { username: 'songtao', roles: ['leader'], displayName: '宋涛' });
      const office = await login('songtao');
      const phone = await login('songtao');
      const { version } = await stored(id);
      await t.http
        .post(`/api/v1/users/${id}/reset-password`)
        .set('Authorization', sysadmin)
        .send({ version, newPassword: 'Chongzhi#2026' })
        .expect(201);
      for (const s of [office, phone]) {
        await me(s).expect(401);
        await refresh(s).expect(401);
      }
      await t.http.get('/api/v1/users').set('Authorization', sysadmin).expect(200);
      // the new password works and must be changed first
      const fresh = await login('songtao', 'Chongzhi#2026');
      const held = await t.http.get('/api/v1/units').set('Authorization', fresh.auth).expect(403);
      expect(held.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    });
  });
});
