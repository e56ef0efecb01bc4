import { Clock } from '../src/common/clock/clock.service';
import { MonthCloseHooks } from '../src/modules/month-close/month-close-hooks.service';
import { createTestApp, type TestApp } from './create-test-app';
import { type BriefingCounty, insertBriefingCounty } from './factories/briefing.factory';
import { bearer, insertUser } from './factories/user.factory';

// Issue 14 points 8 and 10, as a county office meets them after June is closed: 白云镇 hands its June report in late,
// and the auditor reads the log in plain words.

// mid-July 2026: June has ended (and is closed below)
const clock = { now: () => new Date('2026-07-15T02:00:00Z') };

interface AuditItem {
  action: string;
  objectType: string;
  objectId: string | null;
  objectName?: string | null;
  roles: string[];
  username: string | null;
}

describe('a late report after the close, and the audit log in plain words (e2e)', () => {
  let t: TestApp;
  let c: BriefingCounty;
  let reporterId: number;
  let reportId: number;
  const auth: Record<string, string> = {};
  const api = (who: string) => ({
    get: (path: string) => t.http.get(`/api/v1${path}`).set('Authorization', auth[who]!),
    post: (path: string, body: object = {}) =>
      t.http.post(`/api/v1${path}`).set('Authorization', auth[who]!).send(body),
    put: (path: string, body: object) => t.http.put(`/api/v1${path}`).set('Authorization', auth[who]!).send(body),
  });
  const audit = async (query: string): Promise<AuditItem[]> =>
    (await api('auditor').get(`/audit?pageSize=500&${query}`).expect(200)).body.items;

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    c = await insertBriefingCounty(t);
    reporterId = await insertUser(t.dataSource, {
      username: 'rep_t03',
      roles: ['reporter'],
      unitIds: [c.u.T03!],
      displayName: '白云镇填报员',
    });
    for (const who of ['admin', 'auditor', 'rep_t03']) auth[who] = await bearer(t.http, who);
  });
  afterAll(() => t.close());

  it('should say, in the submit answer and the reviewers\' notice, that a report of a closed month does not move its ranking', async () => {
    await api('admin').post(`/plans/${c.planId}/months/2026-06/close`, {}).expect(200);
    await t.app.get(MonthCloseHooks).idle();

    const created = await api('rep_t03').post(`/plans/${c.planId}/reports`, { unitId: c.u.T03, month: '2026-06' });
    expect(created.status).toBe(201);
    reportId = created.body.id;
    expect(created.body.monthClosedAt).toEqual(expect.any(String));
    const reported: Array<{ id: number }> = await t.dataSource.query(
      `SELECT id FROM indicator WHERE plan_id = $1 AND source = 'reported' ORDER BY id`,
      [c.planId],
    );
    const saved = await api('rep_t03')
      .put(`/reports/${reportId}`, {
        version: created.body.version,
        values: reported.map((r) => ({ indicatorId: r.id, value: '2' })),
        progressText: '补报6月份月报：新签约项目1个。',
      })
      .expect(200);
    const submitted = await api('rep_t03').post(`/reports/${reportId}/submit`, { version: saved.body.version });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', isLate: true });
    const [snapshot] = await t.dataSource.query(
      `SELECT computed_at FROM ranking_snapshot WHERE plan_id = $1 AND month = '2026-06'`,
      [c.planId],
    );
    expect(submitted.body.monthClosedAt).toBe(new Date(snapshot.computed_at).toISOString());

    const notices: Array<{ body: string }> = await t.dataSource.query(
      `SELECT body FROM notification WHERE kind = 'report.submitted' AND unit_id = $1`,
      [c.u.T03],
    );
    expect(notices.length).toBeGreaterThan(0);
    for (const n of notices)
      expect(n.body).toBe(
        '白云镇 2026年6月月报已提交（逾期报送），待审核。该月已关账，本月报审核通过后也不改变该月已冻结的排名，须重新关账后才会计入。',
      );

    // an open month says nothing of it
    const july = await api('rep_t03').post(`/plans/${c.planId}/reports`, { unitId: c.u.T03, month: '2026-07' });
    expect(july.status).toBe(201);
    expect(july.body.monthClosedAt).toBeNull();
  });

  it('should name the objects of the log in plain words, resolved for the whole page', async () => {
    const items = await audit('');
    const about = (action: string, objectId: string | number) =>
      items.find((i) => i.action === action && i.objectId === String(objectId));
    expect(about('report.submit', reportId)?.objectName).toBe('白云镇 2026年6月月报');
    expect(about('report.create', reportId)?.objectName).toBe('白云镇 2026年6月月报');
    const closed = items.find((i) => i.objectType === 'ranking_snapshot');
    expect(closed?.objectName).toBe('2026年6月排名');
    // the logins name whom they let in and with which role
    const login = items.find((i) => i.action === 'auth.login' && i.objectId === String(reporterId));
    expect(login).toMatchObject({ objectName: '白云镇填报员', roles: ['reporter'], username: 'rep_t03' });
    expect(items.find((i) => i.action === 'auth.login' && i.username === 'auditor')?.roles).toEqual(['auditor']);
  });

  it('should filter the log by unit: the unit, its reports and projects, and events that name it', async () => {
    const items = await audit(`unitId=${c.u.T03}`);
    expect(items.length).toBeGreaterThan(0);
    expect(items.map((i) => i.action)).toEqual(expect.arrayContaining(['report.create', 'report.submit']));
    for (const i of items) expect(i.objectName ?? '').not.toContain('城关镇');
    expect(items.every((i) => i.objectType !== 'report' || (i.objectName ?? '').startsWith('白云镇'))).toBe(true);
    // and by object, as before
    const one = await audit(`objectType=report&objectId=${reportId}`);
    expect(new Set(one.map((i) => i.objectName))).toEqual(new Set(['白云镇 2026年6月月报']));
    await api('auditor').get('/audit?unitId=abc').expect(400);
  });
});
