import { Clock } from '../src/common/clock/clock.service';
import { samplePdf } from '../src/database/seeds/demo-county/evidence-files';
import { createTestApp, type TestApp } from './create-test-app';
import {
  insertRankingPlan,
  RANKING_COUNTY,
  RANKING_INDICATORS,
  seedJuneFigures,
} from './factories/ranking.factory';
import { insertIndicators } from './factories/report.factory';
import { insertUnits } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';
import { changedTables, tableChecksums } from './support/db-checksum';
import { registeredRoutes } from './support/routes';

const clock = { now: () => new Date('2026-07-20T02:00:00Z') };

/**
 * SES-4: no state change through GET. Every registered GET route is called with realistic parameters by each role,
 * and a fingerprint of every table (row count + md5 of the rows) is the same before and after. The audit log may
 * grow only by what reading is meant to write: refused calls (auth.denied) and exports (AUD-1).
 */
describe('GET routes change nothing (e2e, SES-4)', () => {
  let t: TestApp;
  let ctx: Record<string, string | number>;
  const auth: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: clock }] });
    const u = await insertUnits(t.dataSource, RANKING_COUNTY);
    const users = await insertStandardUsers(t.dataSource, u);
    const planId = await insertRankingPlan(t.dataSource, { rootUnitId: u.XIAN! });
    const ind = await insertIndicators(t.dataSource, planId, RANKING_INDICATORS);
    await seedJuneFigures(t, planId, u, ind);
    for (const name of ['admin', 'leader', 'sysadmin', 'auditor', 'rep_t01'])
      auth[name] = await bearer(t.http, name);
    const [project] = await t.dataSource.query(`SELECT id FROM project WHERE code = 'XM2026-0001'`);
    const [report] = await t.dataSource.query(
      `SELECT id FROM monthly_report WHERE unit_id = $1 ORDER BY id LIMIT 1`,
      [u.T01],
    );
    // an attachment of 城关镇's project, for GET /attachments/:id and GET /projects/:id/attachments
    const attachment = await t.http
      .post(`/api/v1/projects/${project.id}/attachments`)
      .set('Authorization', auth.rep_t01!)
      .field('kind', 'contract')
      .attach('file', samplePdf('投资合作协议', ['甲方：城关镇人民政府']), '投资协议.pdf')
      .expect(201);
    // a 产业链 with a link holding the project, so that the map reads real rows
    const [chain] = await t.dataSource.query(`INSERT INTO industry_chain (name) VALUES ('智能制造') RETURNING id`);
    const [link] = await t.dataSource.query(
      `INSERT INTO chain_link (chain_id, segment, name) VALUES ($1, 'midstream', '工业机器人') RETURNING id`,
      [chain.id],
    );
    await t.dataSource.query('UPDATE project SET chain_link_id = $2 WHERE id = $1', [project.id, link.id]);
    const [activity] = await t.dataSource.query(
      `INSERT INTO activity (code, kind, title, unit_id, start_date, end_date, place, leading_official)
       VALUES ('HD2026-000001', 'outbound', '赴苏州招商对接', $1, '2026-06-10', '2026-06-11', '江苏省苏州市', '王建国')
       RETURNING id`,
      [u.T01],
    );
    ctx = {
      attachmentId: attachment.body.id,
      chainId: chain.id,
      activityId: activity.id,
      planId,
      unitId: u.T01!,
      userId: users.reporterT01,
      projectId: project.id,
      reportId: report.id,
      month: '2026-06',
    };
    // a 线索 of 城关镇 and its company (issue 17)
    const [investor] = await t.dataSource.query(`INSERT INTO investor (name) VALUES ('江苏恒瑞新材料科技有限公司') RETURNING id`);
    const [lead] = await t.dataSource.query(
      `INSERT INTO lead (code, title, unit_id, owner_name, investor_id, source, found_on, status_changed_on, next_step, next_step_due)
       VALUES ('XS2026-000001', '恒瑞新材料锂电隔膜项目', $1, '王建国', $2, 'expo', '2026-04-10', '2026-04-10', '来县考察', '2026-05-01')
       RETURNING id`,
      [u.T01, investor.id],
    );
    Object.assign(ctx, { leadId: lead.id, investorId: investor.id });
  });
  afterAll(() => t.close());

  /** Realistic values for each route's params and the query it needs. */
  function realise(path: string): string {
    const id = path.startsWith('/api/v1/leads/')
      ? ctx.leadId
      : path.startsWith('/api/v1/investors/')
        ? ctx.investorId
        : path.startsWith('/api/v1/plans/')
      ? ctx.planId
      : path.startsWith('/api/v1/users/')
        ? ctx.userId
        : path.startsWith('/api/v1/projects/')
          ? ctx.projectId
          : path.startsWith('/api/v1/reports/')
            ? ctx.reportId
            : path.startsWith('/api/v1/units/')
              ? ctx.unitId
              : path.startsWith('/api/v1/attachments/')
                ? ctx.attachmentId
              : path.startsWith('/api/v1/chains/')
                ? ctx.chainId
              : path.startsWith('/api/v1/activities/')
                ? ctx.activityId
                : '00000000-0000-4000-8000-000000000000';
    const filled = path
      .replace(':unitId', String(ctx.unitId))
      .replace(':month', String(ctx.month))
      .replace(':id', String(id));
    const query = QUERIES[path] ?? '';
    return query
      ? `${filled}?${query.replace('{planId}', String(ctx.planId)).replace('{month}', String(ctx.month))}`
      : filled;
  }

  const QUERIES: Record<string, string> = {
    '/api/v1/plans/:id/reports': 'month={month}',
    '/api/v1/plans/:id/progress': 'month={month}',
    '/api/v1/plans/:id/ranking': 'month={month}',
    '/api/v1/plans/:id/scoring-input': 'month={month}',
    '/api/v1/plans/:id/dashboard': 'month={month}',
    '/api/v1/plans/:id/units/:unitId/scorecard': 'month={month}',
    '/api/v1/exports/progress.xlsx': 'planId={planId}&month={month}',
    '/api/v1/exports/ranking.xlsx': 'planId={planId}&month={month}',
    '/api/v1/exports/reports.xlsx': 'planId={planId}&month={month}',
    '/api/v1/exports/targets.xlsx': 'planId={planId}',
    '/api/v1/exports/projects.xlsx': 'planId={planId}',
    '/api/v1/templates/targets.xlsx': 'planId={planId}',
    '/api/v1/templates/reports.xlsx': 'planId={planId}&month={month}',
    '/api/v1/templates/projects.xlsx': 'planId={planId}',
    '/api/v1/templates/leads.xlsx': 'planId={planId}',
    '/api/v1/exports/leads.xlsx': 'planId={planId}',
    '/api/v1/templates/activities.xlsx': 'planId={planId}',
  };

  it('should find no write after every GET route, as each role', async () => {
    const routes = registeredRoutes(t.app).filter((r) => r.method === 'GET');
    expect(routes.length).toBeGreaterThan(30);
    const allowedAudit = "action NOT IN ('auth.denied') AND action NOT LIKE 'export%'";
    const before = await tableChecksums(t.dataSource, { where: { audit_event: allowedAudit } });
    const statuses: Record<string, Record<string, number>> = {};
    for (const who of Object.keys(auth)) {
      for (const route of routes) {
        const url = realise(route.path);
        const res = await t.http.get(url).set('Authorization', auth[who]!);
        (statuses[`GET ${route.path}`] ??= {})[who] = res.status;
        expect({ url, who, status: res.status < 500 }).toEqual({ url, who, status: true });
      }
    }
    expect(
      changedTables(before, await tableChecksums(t.dataSource, { where: { audit_event: allowedAudit } })),
    ).toEqual({});
    // the walk reached the handlers: every route answered 200 to some role (not a wall of 400s), except those whose
    // object this county does not have (no import batch, no published 通报 of the month)
    const NO_OBJECT = [
      'GET /api/v1/imports/:id',
      'GET /api/v1/plans/:id/months/:month/briefing.docx',
      'GET /api/v1/plans/:id/months/:month/briefing.xlsx',
      'GET /api/v1/notification-channels/:id/deliveries',
    ];
    const neverOk = Object.entries(statuses)
      .filter(([, byRole]) => !Object.values(byRole).includes(200))
      .map(([route, byRole]) => `${route} ${JSON.stringify(byRole)}`);
    expect(neverOk.filter((line) => !NO_OBJECT.some((r) => line.startsWith(`${r} `)))).toEqual([]);
  });
});
