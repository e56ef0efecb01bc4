import { randomUUID } from 'node:crypto';

import { loadAuditConfig } from '../src/config/audit.config';
import { createTestApp, type TestApp } from './create-test-app';
import { insertProject } from './factories/project.factory';
import { insertPlan } from './factories/report.factory';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';

// AUD-1: a refused access to another unit's object by id is an authorization failure, and is audited (one
// `auth.denied` event per refusal, capped per user and minute so probing cannot flood the table).
describe('auth.denied on scope refusals (e2e)', () => {
  let t: TestApp;
  let users: Awaited<ReturnType<typeof insertStandardUsers>>;
  let rep: string;
  const other = { report: 0, project: 0, notification: '', importId: '' };

  beforeAll(async () => {
    t = await createTestApp();
    const units = await insertUnits(t.dataSource, SMALL_COUNTY);
    users = await insertStandardUsers(t.dataSource, units);
    const planId = await insertPlan(t.dataSource, { rootUnitId: units.XIAN! });
    // 青山镇's report, project, notification and import batch
    [{ id: other.report }] = await t.dataSource.query(
      `INSERT INTO monthly_report (plan_id, unit_id, month, progress_text) VALUES ($1, $2, '2026-03', '青山镇三月招商进展')
       RETURNING id`,
      [planId, units.T02],
    );
    other.project = await insertProject(t.dataSource, { name: '青山镇新能源电池项目', unitId: units.T02! });
    [{ id: other.notification }] = await t.dataSource.query(
      `INSERT INTO notification (user_id, kind, title, body, plan_id, unit_id, month)
       VALUES ($1, 'report.remind', '青山镇催报', '请于 4 月 5 日前提交 3 月月报', $2, $3, '2026-03') RETURNING id::text`,
      [users.reporterT02, planId, units.T02],
    );
    other.importId = randomUUID();
    await t.dataSource.query(
      `INSERT INTO import_batch (id, kind, plan_id, month, file_name, content_sha256, created_by)
       VALUES ($1, 'reports', $2, '2026-03', '青山镇3月月报.xlsx', $3, $4)`,
      [other.importId, planId, 'a'.repeat(64), users.reporterT02],
    );
    rep = await bearer(t.http, 'rep_t01');
  });
  afterAll(() => t.close());

  const deniedEvents = async () =>
    (await t.dataSource.query(
      `SELECT object_type AS "objectType", object_id AS "objectId", result, username, detail
         FROM audit_event WHERE action = 'auth.denied' AND user_id = $1 ORDER BY id`,
      [users.reporterT01],
    )) as Array<{ objectType: string; objectId: string; result: string; username: string; detail: Record<string, unknown> }>;

  it("should write one auth.denied event for each refused access to another unit's report, project, notification and import", async () => {
    const attempts: Array<{ go: () => Promise<{ status: number }>; objectType: string; objectId: string; method: string }> = [
      {
        go: () => t.http.get(`/api/v1/reports/${other.report}`).set('Authorization', rep),
        objectType: 'report',
        objectId: String(other.report),
        method: 'GET',
      },
      {
        go: () =>
          t.http
            .put(`/api/v1/reports/${other.report}`)
            .set('Authorization', rep)
            .send({ version: 1, values: [], progressText: '城关镇代填' }),
        objectType: 'report',
        objectId: String(other.report),
        method: 'PUT',
      },
      {
        go: () => t.http.get(`/api/v1/projects/${other.project}`).set('Authorization', rep),
        objectType: 'project',
        objectId: String(other.project),
        method: 'GET',
      },
      {
        go: () =>
          t.http.patch(`/api/v1/projects/${other.project}`).set('Authorization', rep).send({ version: 1, name: '改名项目' }),
        objectType: 'project',
        objectId: String(other.project),
        method: 'PATCH',
      },
      {
        go: () => t.http.post(`/api/v1/notifications/${other.notification}/read`).set('Authorization', rep),
        objectType: 'notification',
        objectId: other.notification,
        method: 'POST',
      },
      {
        go: () => t.http.get(`/api/v1/imports/${other.importId}`).set('Authorization', rep),
        objectType: 'import_batch',
        objectId: other.importId,
        method: 'GET',
      },
      {
        go: () => t.http.post(`/api/v1/imports/${other.importId}/commit`).set('Authorization', rep),
        objectType: 'import_batch',
        objectId: other.importId,
        method: 'POST',
      },
    ];
    for (const [i, attempt] of attempts.entries()) {
      const res = await attempt.go();
      expect({ i, status: [403, 404].includes(res.status) }).toEqual({ i, status: true });
      const events = await deniedEvents();
      expect(events).toHaveLength(i + 1);
      expect(events[i]).toMatchObject({
        objectType: attempt.objectType,
        objectId: attempt.objectId,
        result: 'denied',
        username: 'rep_t01',
        detail: { method: attempt.method, status: res.status },
      });
      expect(String(events[i]!.detail.route)).toMatch(/^\/api\/v1\//);
    }
    // nothing of 青山镇's changed
    const [report] = await t.dataSource.query('SELECT progress_text FROM monthly_report WHERE id = $1', [other.report]);
    expect(report.progress_text).toBe('青山镇三月招商进展');
    const [project] = await t.dataSource.query('SELECT name FROM project WHERE id = $1', [other.project]);
    expect(project.name).toBe('青山镇新能源电池项目');
  });

  it('should not audit a 404 for an anonymous caller or a success', async () => {
    const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'auth.denied'`))[0].n;
    await t.http.get(`/api/v1/reports/${other.report}`).expect(401);
    const admin = await bearer(t.http, 'admin');
    await t.http.get(`/api/v1/reports/${other.report}`).set('Authorization', admin).expect(200);
    const after = (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'auth.denied'`))[0].n;
    expect(after).toBe(before);
  });

  it('should cap the auth.denied events of one user per minute: 200 probes write no more than the limit', async () => {
    const limit = loadAuditConfig().deniedPerMinute;
    expect(limit).toBe(20); // the default (PACER_AUDIT_DENIED_PER_MINUTE)
    for (let i = 0; i < 200; i++) {
      const res = await t.http.get(`/api/v1/projects/${other.project}`).set('Authorization', rep);
      expect([403, 404]).toContain(res.status); // every probe is still refused
    }
    const events = await deniedEvents();
    expect(events.length).toBe(limit);
    // another user's refusals are counted on their own
    const rep2 = await bearer(t.http, 'rep_t02');
    const [own] = await t.dataSource.query(
      `INSERT INTO monthly_report (plan_id, unit_id, month) SELECT plan_id, (SELECT id FROM unit WHERE code = 'T01'), '2026-04'
         FROM monthly_report WHERE id = $1 RETURNING id`,
      [other.report],
    );
    await t.http.get(`/api/v1/reports/${own.id}`).set('Authorization', rep2).expect((r) => expect([403, 404]).toContain(r.status));
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'auth.denied' AND user_id = $1`,
      [users.reporterT02],
    );
    expect(n).toBe(1);
    // the chain stays whole through all of it
    const auditor = await bearer(t.http, 'auditor');
    const verify = await t.http.get('/api/v1/audit/verify').set('Authorization', auditor).expect(200);
    expect(verify.body).toMatchObject({ firstBrokenId: null, broken: [] });
  });
});
