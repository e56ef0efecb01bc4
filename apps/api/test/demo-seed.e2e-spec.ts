import { isValidCreditCode } from '@pacer/shared';
import type { DataSource } from 'typeorm';

import { verifyPassword } from '../src/common/auth/passwords';
import { Clock } from '../src/common/clock/clock.service';
import { DemoSeedService, type DemoSeedResult } from '../src/database/seeds/demo-seed.service';
import { AuditService } from '../src/modules/audit/audit.service';
import { MonthCloseJobsService } from '../src/modules/month-close/month-close-jobs.service';
import { ReportsJobsService } from '../src/modules/reports/reports-jobs.service';
import { YtdSummaryService } from '../src/modules/progress/ytd-summary.service';
import { createTestApp, type TestApp } from './create-test-app';
import { bearer } from './factories/user.factory';

const DEMO_PASSWORD = 'Pacer@2026';
/** A day of the demo (the seed tells the county as of the day it runs): 25 November 2026, noon in Shanghai. */
const pinned = (instant: string) => ({ now: () => new Date(instant) });
const NOV_25 = pinned('2026-11-25T04:00:00Z');
const TABLES = [
  'unit',
  'unit_closure',
  'app_user',
  'user_unit',
  'password_history',
  'plan',
  'indicator',
  'target',
  'project',
  'project_share',
  'project_event',
  'project_fund',
  'monthly_report',
  'report_value',
  'report_status_history',
  'audit_event',
  'app_setting',
];

async function rowCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const rows: Array<{ t: string; n: number }> = await dataSource.query(
    TABLES.map((t) => `SELECT '${t}' AS t, count(*)::int AS n FROM ${t}`).join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}

/** What two seeded databases must agree on, row for row. */
async function fingerprint(dataSource: DataSource) {
  return {
    projects: await dataSource.query(
      `SELECT p.code, p.name, p.investor_name, p.investor_credit_code, p.agreed_investment_wan::text AS agreed, p.stage,
              p.signed_date, u.code AS unit
         FROM project p JOIN unit u ON u.id = p.unit_id ORDER BY p.id`,
    ),
    funds: await dataSource.query(
      `SELECT project_id, month, amount_wan::text FROM project_fund ORDER BY 1, 2`,
    ),
    attachments: await dataSource.query(
      `SELECT project_id, event_id, fund_month, kind, file_name, size_bytes::int AS size, sha256 FROM attachment ORDER BY id`,
    ),
    reports: await dataSource.query(
      `SELECT u.code, r.month, r.status, r.is_late, r.progress_text, r.submitted_at, string_agg(i.code || '=' || v.value, ',' ORDER BY i.code) AS v
         FROM monthly_report r JOIN unit u ON u.id = r.unit_id
         LEFT JOIN report_value v ON v.report_id = r.id LEFT JOIN indicator i ON i.id = v.indicator_id
        GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2`,
    ),
  };
}

describe('demo county seed', () => {
  let t: TestApp;
  let result: DemoSeedResult;
  let refreshPlan: jest.SpyInstance;

  beforeAll(async () => {
    t = await createTestApp({ overrides: [{ provide: Clock, useValue: NOV_25 }] });
    refreshPlan = jest.spyOn(t.app.get(YtdSummaryService), 'refreshPlan');
    result = await t.app.get(DemoSeedService).seed('test');
  }, 60000);

  afterAll(async () => {
    await t?.close();
  });

  it('should seed on demand only: the test app (no demo mode) started with an empty database', async () => {
    expect(result).toMatchObject({ seeded: true, counts: { units: 25, projects: expect.any(Number) } });
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'demo.seed'`,
    );
    expect(n).toBe(1);
  });

  it('should file evidence on the signed projects (contracts, site photos or permits, bank slips), a few still missing', async () => {
    const [row] = await t.dataSource.query(
      `SELECT count(*)::int AS signed,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM attachment a JOIN project_event e ON e.id = a.event_id
                                              WHERE a.project_id = p.id AND a.kind = 'contract' AND e.stage = 'signed'))::int AS contracts,
              count(*) FILTER (WHERE p.started_date IS NOT NULL)::int AS started,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM attachment a WHERE a.project_id = p.id AND a.kind IN ('permit', 'startPhoto')))::int AS photos
         FROM project p WHERE p.signed_date IS NOT NULL`,
    );
    expect(row.contracts).toBeGreaterThan(row.signed * 0.75);
    expect(row.contracts).toBeLessThan(row.signed);
    expect(row.photos).toBeGreaterThan(row.started * 0.5);
    expect(row.photos).toBeLessThan(row.started);
    expect(result).toMatchObject({ counts: { attachments: expect.any(Number) } });
    // every file's bytes are whole and match its hash; PDFs and PNGs by content
    const [check] = await t.dataSource.query(
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE encode(sha256(c.data), 'hex') = a.sha256 AND length(c.data) = a.size_bytes)::int AS whole,
              count(*) FILTER (WHERE (a.file_type = 'pdf' AND substring(c.data FROM 1 FOR 5) = '%PDF-'::bytea)
                                  OR (a.file_type = 'png' AND substring(c.data FROM 2 FOR 3) = 'PNG'::bytea))::int AS typed
         FROM attachment a JOIN attachment_chunk c ON c.attachment_id = a.id`,
    );
    expect(check.n).toBe(result.seeded ? result.counts.attachments : -1);
    expect(check.n).toBeGreaterThan(100);
    expect(check.whole).toBe(check.n);
    expect(check.typed).toBe(check.n);
  });

  it('should build 示范县 with 10 towns, 10 departments, 2 parks and 2 task forces under it', async () => {
    const rows: Array<{ category: string; n: number }> = await t.dataSource.query(
      `SELECT category, count(*)::int AS n FROM unit GROUP BY 1 ORDER BY 1`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.category, r.n]))).toEqual({
      county: 1,
      department: 10,
      park: 2,
      task_force: 2,
      town: 10,
    });
    // the closure is right: every unit sits one level under the county
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM unit_closure c JOIN unit a ON a.id = c.ancestor_id
        WHERE a.code = 'XIAN' AND c.depth = 1`,
    );
    expect(n).toBe(24);
  });

  it('should let the demo accounts log in with Pacer@2026, without a forced password change', async () => {
    for (const username of ['admin', 'leader', 'sysadmin', 'auditor', 'chengguan', 'fgj', 'jkq']) {
      const res = await t.http.post('/api/v1/auth/login').send({ username, password: DEMO_PASSWORD });
      expect({ username, status: res.status, mustChange: res.body.user?.mustChangePassword }).toEqual({
        username,
        status: 200,
        mustChange: false,
      });
    }
    const users: Array<{ username: string; hash: string; must: boolean; units: number }> =
      await t.dataSource.query(
        `SELECT u.username, u.password_hash AS hash, u.must_change_password AS must,
              (SELECT count(*)::int FROM user_unit uu WHERE uu.user_id = u.id) AS units
         FROM app_user u WHERE 'reporter' = ANY(u.roles)`,
      );
    expect(users).toHaveLength(24);
    expect(users.every((u) => u.units === 1 && !u.must)).toBe(true);
    // one hash computed once and shared: verifying it once covers every reporter
    expect(new Set(users.map((u) => u.hash)).size).toBe(1);
    expect(await verifyPassword(users[0]!.hash, DEMO_PASSWORD)).toBe(true);
  });

  it('should list the demo accounts for the login page', async () => {
    const res = await t.http.get('/api/v1/auth/demo').expect(200);
    expect(res.body.isDemo).toBe(true);
    expect(res.body.password).toBe(DEMO_PASSWORD);
    expect(res.body.accounts).toHaveLength(28);
    expect(res.body.accounts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ username: 'admin', roles: ['admin'] }),
        expect.objectContaining({ username: 'chengguan', roles: ['reporter'], unitName: '城关镇' }),
        expect.objectContaining({ username: 'fgj', unitName: '县发展和改革局' }),
      ]),
    );
  });

  it('should publish the 2026 plan with 11 indicators, 5 headline ones and scored weights summing to 100', async () => {
    const [plan] = await t.dataSource.query(
      `SELECT p.id, p.name, p.year, p.status, p.curve, p.count_credit, p.industry_chains, p.ranking_groups, p.scoring
         FROM plan p`,
    );
    expect(plan).toMatchObject({
      name: '示范县2026年度招商引资目标任务',
      year: 2026,
      status: 'published',
      curve: null,
    });
    expect(plan.industry_chains).toEqual(
      expect.arrayContaining(['生物医药', '新能源', '食品加工', '智能制造', '现代物流']),
    );
    expect(plan.ranking_groups.map((g: { categories: string[] }) => g.categories)).toEqual([
      ['town'],
      ['department'],
      ['park', 'task_force'],
    ]);
    expect(plan.scoring.items.map((i: { method: string }) => i.method)).toEqual(
      expect.arrayContaining(['completion', 'bonus', 'deduction']),
    );
    const indicators: Array<{ code: string; is_headline: boolean; is_scored: boolean; weight: string }> =
      await t.dataSource.query(
        `SELECT code, is_headline, is_scored, weight FROM indicator WHERE plan_id = $1 ORDER BY sort_order`,
        [plan.id],
      );
    expect(indicators.map((i) => i.code)).toEqual([
      'QYZE',
      'SHIYI',
      'YIYI',
      'W500',
      'DWZJ',
      'XKG',
      'RK',
      'XS',
      'PC',
      'QYXM',
      'KGL',
    ]);
    expect(indicators.filter((i) => i.is_headline).map((i) => i.code)).toEqual([
      'QYZE',
      'SHIYI',
      'YIYI',
      'W500',
      'DWZJ',
    ]);
    const [{ total }] = await t.dataSource.query(
      `SELECT sum(weight)::text AS total FROM indicator WHERE is_scored`,
    );
    expect(total).toBe('100.00');
    expect(refreshPlan).toHaveBeenCalledWith(expect.anything(), plan.id);
  });

  it('should set the county targets and leave 新引进500强项目 one short in the decomposition', async () => {
    const rows: Array<{ code: string; county: string; children: string }> = await t.dataSource.query(
      `SELECT i.code, tc.value::text AS county, sum(tu.value)::text AS children
         FROM indicator i
         JOIN target tc ON tc.indicator_id = i.id JOIN unit c ON c.id = tc.unit_id AND c.parent_id IS NULL
         JOIN target tu ON tu.indicator_id = i.id JOIN unit u ON u.id = tu.unit_id AND u.parent_id = c.id
        WHERE i.kind <> 'ratio' GROUP BY i.code, tc.value`,
    );
    const byCode = Object.fromEntries(rows.map((r) => [r.code, r]));
    expect(byCode.QYZE!.county).toBe('3000000.0000');
    expect(byCode.DWZJ!.county).toBe('1200000.0000');
    expect(byCode.SHIYI!.county).toBe('10.0000');
    expect(byCode.W500).toEqual({ code: 'W500', county: '6.0000', children: '5.0000' });
    const short = rows.filter((r) => Number(r.children) < Number(r.county)).map((r) => r.code);
    expect(short).toEqual(['W500']);
  });

  it('should keep a ledger of about 180 projects that reads like a real county', async () => {
    const projects: Array<{
      code: string;
      stage: string;
      credit: string | null;
      agreed: string;
      excluded: boolean;
      reason: string | null;
      signed: string | null;
    }> = await t.dataSource.query(
      `SELECT code, stage, investor_credit_code AS credit, agreed_investment_wan::text AS agreed, is_excluded AS excluded,
              excluded_reason AS reason, signed_date AS signed FROM project`,
    );
    expect(projects.length).toBeGreaterThanOrEqual(170);
    expect(projects.length).toBeLessThanOrEqual(190);
    expect(projects.every((p) => /^XM20(25|26)-\d{6}$/.test(p.code))).toBe(true);
    const withCode = projects.filter((p) => p.credit !== null);
    expect(withCode.length / projects.length).toBeGreaterThan(0.65);
    expect(withCode.every((p) => isValidCreditCode(p.credit))).toBe(true);
    const amounts = projects.map((p) => Number(p.agreed));
    expect(Math.min(...amounts)).toBeGreaterThanOrEqual(2000);
    expect(Math.max(...amounts)).toBeLessThanOrEqual(600000);
    expect(amounts.filter((a) => a >= 100000).length).toBeGreaterThanOrEqual(12);
    expect(amounts.filter((a) => a >= 500000).length).toBeGreaterThanOrEqual(3);
    const byStage = projects.reduce<Record<string, number>>(
      (m, p) => ({ ...m, [p.stage]: (m[p.stage] ?? 0) + 1 }),
      {},
    );
    expect(byStage.dropped).toBe(5);
    expect((byStage.lead ?? 0) + (byStage.negotiating ?? 0)).toBeGreaterThanOrEqual(20);
    expect(projects.filter((p) => p.excluded).map((p) => p.reason)).toEqual(
      expect.arrayContaining(['本地企业迁建，不计入考核']),
    );
    expect(projects.filter((p) => p.signed?.startsWith('2025')).length).toBeGreaterThanOrEqual(3);

    // counted 2026 signings: about 300亿 in the ledger, a little behind time progress
    const [{ signed }] = await t.dataSource.query(
      `SELECT sum(agreed_investment_wan)::text AS signed FROM project
        WHERE signed_date BETWEEN '2026-01-01' AND '2026-11-25' AND stage <> 'dropped' AND NOT is_excluded`,
    );
    expect(Number(signed)).toBeGreaterThan(2400000);
    expect(Number(signed)).toBeLessThan(3000000 * (11 / 12));
  });

  it('should credit every project 100% (15 shared 60/40) and flag two duplicate pairs across units and one 跨年重签', async () => {
    const shares: Array<{ total: string; n: number; responsible: boolean }> = await t.dataSource.query(
      `SELECT sum(s.share_pct)::text AS total, count(*)::int AS n, bool_or(s.unit_id = p.unit_id) AS responsible
         FROM project p JOIN project_share s ON s.project_id = p.id GROUP BY p.id`,
    );
    const [{ projects }] = await t.dataSource.query('SELECT count(*)::int AS projects FROM project');
    expect(shares).toHaveLength(projects);
    expect(shares.every((s) => s.total === '100.0000' && s.responsible)).toBe(true);
    expect(shares.filter((s) => s.n === 2)).toHaveLength(15);
    const dupes = await t.dataSource.query(
      `SELECT investor_credit_code FROM project WHERE investor_credit_code IS NOT NULL
        GROUP BY 1 HAVING count(DISTINCT unit_id) > 1`,
    );
    // the two pairs, and 跨年重签: 青山镇's 2026 signing of an investor 龙泉镇 signed with in 2025
    expect(dupes).toHaveLength(3);
  });

  it('should leave a realistic 认定 queue: earlier months verified, recent ones pending, two rejected, one appeal, one re-signing', async () => {
    const rows: Array<{ status: string; appealed: boolean; early: boolean; n: number }> = await t.dataSource.query(
      `SELECT v.status, v.is_appealed AS appealed, v.event_date < '2026-11-01' AS early, count(*)::int AS n
         FROM verification v GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    );
    const count = (status: string, early: boolean, appealed = false) =>
      rows.find((r) => r.status === status && r.early === early && r.appealed === appealed)?.n ?? 0;
    expect(count('verified', true)).toBeGreaterThan(200);
    expect(count('verified', false)).toBe(0);
    expect(count('pending', false)).toBeGreaterThan(10);
    expect(count('pending', true, true)).toBe(1);
    const rejected = await t.dataSource.query(
      `SELECT v.kind, v.reason FROM verification v WHERE v.status = 'rejected' ORDER BY v.kind`,
    );
    expect(rejected).toEqual([
      { kind: 'fund', reason: '佐证不足' },
      { kind: 'signed', reason: '重复统计' },
    ]);
    // the re-signing waits for the office, which the queue tells to refuse it (跨年重签)
    const [resign] = await t.dataSource.query(
      `SELECT v.id, v.status FROM verification v JOIN project p ON p.id = v.project_id
        WHERE v.kind = 'signed' AND p.name = '年产30万吨农产品精深加工项目'`,
    );
    expect(resign.status).toBe('pending');
    const admin = await bearer(t.http, 'admin', DEMO_PASSWORD);
    const res = await t.http
      .get('/api/v1/verifications?status=pending&kind=signed&pageSize=200')
      .set('Authorization', admin)
      .expect(200);
    const row = res.body.items.find((v: { id: number }) => v.id === resign.id);
    expect(row).toMatchObject({ suggestedDecision: 'rejected', suggestedReason: '跨年重签' });
    expect(row.duplicates[0]).toMatchObject({ unitName: '龙泉镇', rules: ['other_unit', 'resigned_cross_year'] });
  });

  it('should seed the 3 产业链 of chains.data.ts and put each placed project on a link of its own chain', async () => {
    const chains = await t.dataSource.query(
      `SELECT c.name, u.code AS lead, count(DISTINCT l.id)::int AS links, count(t.id)::int AS targets
         FROM industry_chain c JOIN unit u ON u.id = c.lead_unit_id
         JOIN chain_link l ON l.chain_id = c.id LEFT JOIN chain_target_company t ON t.link_id = l.id
        GROUP BY c.id, u.code ORDER BY c.sort_order`,
    );
    expect(chains).toEqual([
      { name: '新能源', lead: 'D01', links: 7, targets: 9 },
      { name: '生物医药', lead: 'D04', links: 5, targets: 5 },
      { name: '智能制造', lead: 'D03', links: 5, targets: 5 },
    ]);
    const [placed] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE p.chain_link_id IS NOT NULL)::int AS linked,
              count(*) FILTER (WHERE p.chain_link_id IS NULL)::int AS unlinked,
              count(*) FILTER (WHERE c.name IS DISTINCT FROM p.industry_chain AND p.chain_link_id IS NOT NULL)::int AS astray
         FROM project p LEFT JOIN chain_link l ON l.id = p.chain_link_id LEFT JOIN industry_chain c ON c.id = l.chain_id
        WHERE p.industry_chain IN ('新能源', '生物医药', '智能制造')`,
    );
    // most of the chains' projects sit on a link; some (光伏, 中药饮片, 智能家电…) stay 未归链环节, none on another chain
    expect(placed.astray).toBe(0);
    expect(placed.linked).toBeGreaterThan(placed.unlinked);
    expect(placed.unlinked).toBeGreaterThan(0);
  });

  it('should record stage events that match the stage dates, and nothing after 2026-11-25', async () => {
    const [mismatch] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM project p, LATERAL (VALUES ('lead', p.lead_date), ('negotiating', p.negotiating_date),
              ('signed', p.signed_date), ('started', p.started_date), ('producing', p.producing_date),
              ('registered', p.registered_date), ('dropped', p.dropped_date)) AS d(stage, day)
        WHERE d.day IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM project_event e WHERE e.project_id = p.id AND e.stage = d.stage AND e.event_date = d.day)`,
    );
    expect(mismatch.n).toBe(0);
    const [{ latest }] = await t.dataSource.query(
      `SELECT greatest((SELECT max(event_date) FROM project_event), (SELECT max(at)::date FROM report_status_history),
                       (SELECT max(updated_at)::date FROM project_fund))::text AS latest`,
    );
    expect(latest <= '2026-11-25').toBe(true);
    const [{ orphans }] = await t.dataSource.query(
      `SELECT count(*)::int AS orphans FROM project_fund f JOIN project p ON p.id = f.project_id WHERE p.signed_date IS NULL`,
    );
    expect(orphans).toBe(0);
  });

  it('should approve January–October for every reporting unit and leave November, the month in progress, mixed', async () => {
    const rows: Array<{ month: string; status: string; late: number; n: number }> = await t.dataSource.query(
      `SELECT month, status, count(*) FILTER (WHERE is_late)::int AS late, count(*)::int AS n
         FROM monthly_report GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    for (let m = 1; m <= 10; m++) {
      const month = `2026-${String(m).padStart(2, '0')}`;
      expect(rows.filter((r) => r.month === month)).toEqual([
        expect.objectContaining({ status: 'approved', n: 24 }),
      ]);
    }
    expect(rows.find((r) => r.month === '2026-10')!.late).toBeGreaterThanOrEqual(2);
    const november = Object.fromEntries(
      rows.filter((r) => r.month === '2026-11').map((r) => [r.status, r.n]),
    );
    // after October's close (the 10th): a few write as they go, a few handed in early, one sent back, none approved
    expect(november).toEqual({ submitted: 5, returned: 1, draft: 6 });
    const [{ reasons }] = await t.dataSource.query(
      `SELECT count(*)::int AS reasons FROM monthly_report WHERE status = 'returned' AND length(returned_reason) > 0`,
    );
    expect(reasons).toBe(1);
    // every approved report went create → submit → approve (perhaps via a return), each step after the last
    const [{ bad }] = await t.dataSource.query(
      `SELECT count(*)::int AS bad FROM monthly_report r
        WHERE r.status = 'approved' AND (
          (SELECT array_agg(h.action ORDER BY h.id) FROM report_status_history h WHERE h.report_id = r.id)
            NOT IN (ARRAY['create','submit','approve'], ARRAY['create','submit','return','save','submit','approve'])
          OR EXISTS (SELECT 1 FROM report_status_history h1 JOIN report_status_history h2
                       ON h2.report_id = h1.report_id AND h2.id > h1.id AND h2.at < h1.at WHERE h1.report_id = r.id)
          OR r.submitted_at >= r.approved_at)`,
    );
    expect(bad).toBe(0);
    const [{ values }] = await t.dataSource.query(
      `SELECT count(*)::int AS values FROM report_value v JOIN monthly_report r ON r.id = v.report_id WHERE r.status = 'approved'`,
    );
    expect(values).toBe(240 * 2);
  });

  it('should log 招商活动 for most units up to the day before seeding, some led by a county leader (issue 17)', async () => {
    const [row] = await t.dataSource.query(
      `SELECT count(*)::int AS n, count(DISTINCT unit_id)::int AS units,
              count(*) FILTER (WHERE led_by_county_leader)::int AS led,
              min(start_date)::text AS first, max(end_date)::text AS last,
              (SELECT count(*)::int FROM activity_company) AS companies,
              (SELECT count(*)::int FROM activity_unit) AS partners,
              count(*) FILTER (WHERE kind = 'outbound')::int AS trips
         FROM activity`,
    );
    expect(row.units).toBeGreaterThanOrEqual(18);
    expect(row.n).toBeGreaterThan(200);
    expect(row.led).toBeGreaterThan(10);
    expect(row.trips).toBeGreaterThan(row.n / 4);
    expect(row.companies).toBeGreaterThanOrEqual(row.n);
    expect(row.partners).toBeGreaterThan(0);
    expect(row.first >= '2026-01-01').toBe(true);
    expect(row.last < '2026-11-25').toBe(true);
  });

  it('should keep the audit chain intact with its one demo.seed event', async () => {
    expect(await t.app.get(AuditService).verifyChain()).toEqual({
      checked: expect.any(Number),
      firstBrokenId: null,
      brokenRows: 0,
      broken: [],
      isTruncated: false,
    });
  });

  it('should give most units 线索 with mixed statuses, follow-ups, a few 沉睡 and overdue, nothing after the day', async () => {
    const [row] = await t.dataSource.query(
      `SELECT count(*)::int AS leads, count(DISTINCT unit_id)::int AS units,
              count(*) FILTER (WHERE status = 'new')::int AS "new", count(*) FILTER (WHERE status = 'negotiating')::int AS negotiating,
              count(*) FILTER (WHERE status = 'signed')::int AS signed, count(*) FILTER (WHERE status = 'shelved')::int AS shelved,
              count(*) FILTER (WHERE status IN ('new','negotiating') AND next_step_due < '2026-11-25')::int AS overdue,
              count(*) FILTER (WHERE status IN ('new','negotiating')
                                 AND DATE '2026-11-25' - coalesce(last_follow_up_on, found_on) >= 30)::int AS dormant,
              max(greatest(found_on, status_changed_on, last_follow_up_on))::text AS latest,
              count(*) FILTER (WHERE chain_link_id IS NOT NULL)::int AS linked
         FROM lead`,
    );
    expect(row.leads).toBeGreaterThanOrEqual(40);
    expect(row.units).toBeGreaterThanOrEqual(20);
    for (const status of ['new', 'negotiating', 'signed', 'shelved']) expect(row[status]).toBeGreaterThan(0);
    expect(row.overdue).toBeGreaterThan(0);
    expect(row.dormant).toBeGreaterThan(0);
    expect(row.latest < '2026-11-25').toBe(true);
    // a signed lead links a live project of its own unit; every lead's trail starts at 新线索 on its found day
    const [bad] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE l.status = 'signed' AND (p.unit_id IS DISTINCT FROM l.unit_id OR p.deleted_at IS NOT NULL))::int AS signed,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM lead_status_change c WHERE c.lead_id = l.id AND c.from_status IS NULL
                                                   AND c.to_status = 'new' AND c.changed_on = l.found_on))::int AS trail,
              count(*) FILTER (WHERE l.last_follow_up_on IS DISTINCT FROM
                                     (SELECT max(f.followed_on) FROM lead_follow_up f WHERE f.lead_id = l.id))::int AS follow_up
         FROM lead l LEFT JOIN project p ON p.id = l.project_id`,
    );
    expect(bad).toEqual({ signed: 0, trail: 0, follow_up: 0 });
    // a signed lead is its project's story: the project names the lead's company
    const [{ n: unnamed }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM lead l JOIN project p ON p.id = l.project_id WHERE p.investor_id IS DISTINCT FROM l.investor_id`,
    );
    expect(unnamed).toBe(0);
    // the 客商库 holds each company once, and at least one company is courted by two units
    const [lib] = await t.dataSource.query(
      `SELECT count(*)::int AS companies,
              (SELECT count(*)::int FROM (SELECT investor_id FROM lead GROUP BY 1 HAVING count(DISTINCT unit_id) > 1) s) AS shared
         FROM investor`,
    );
    expect(lib.companies).toBeGreaterThan(10);
    expect(lib.shared).toBeGreaterThan(0);
  });

  it('should change nothing when run twice', async () => {
    const before = await rowCounts(t.dataSource);
    await expect(t.app.get(DemoSeedService).seed('test')).resolves.toEqual({
      seeded: false,
      reason: 'already-seeded',
    });
    expect(await rowCounts(t.dataSource)).toEqual(before);
  });

  it('should refuse a database that already has units, then build the very same county in a fresh one', async () => {
    const other = await createTestApp({ overrides: [{ provide: Clock, useValue: NOV_25 }] });
    try {
      await other.dataSource.query(
        `INSERT INTO unit (code, name, category) VALUES ('OTHER', '另一个县', 'county')`,
      );
      await expect(other.app.get(DemoSeedService).seed('test')).resolves.toEqual({
        seeded: false,
        reason: 'not-empty',
      });
      expect((await rowCounts(other.dataSource)).project).toBe(0);
      await other.dataSource.query(`DELETE FROM unit WHERE code = 'OTHER'`);

      await expect(other.app.get(DemoSeedService).seed('test')).resolves.toMatchObject({ seeded: true });
      const [mine, theirs] = [await fingerprint(t.dataSource), await fingerprint(other.dataSource)];
      expect(theirs.projects).toHaveLength(mine.projects.length);
      expect(theirs).toEqual(mine);
    } finally {
      await other.close();
    }
  }, 60000);
});

/** What the scheduled jobs would do on the seeding day if none had run before (job_run emptied). */
async function jobsOnTheDay(t: TestApp, now: Date) {
  await t.dataSource.query('DELETE FROM job_run');
  const open = await t.app.get(ReportsJobsService).runOpenMonth(now);
  const late = await t.app.get(ReportsJobsService).runMarkLate(now);
  const close = await t.app.get(MonthCloseJobsService).runCloseMonth(now);
  return {
    opened: open.reduce((n, r) => n + (r.result?.created ?? 0), 0),
    flagged: late.flatMap((r) => r.result?.flaggedReportIds ?? []),
    closed: close.filter((r) => r.result?.closed).map((r) => r.period),
  };
}

describe('demo county seed, on any day (the seed is relative to the Clock)', () => {
  const DAYS = [
    // seeding instant, plan year, closed months, the month in progress and its mix, overdue (flagged late)
    {
      at: '2026-03-02T02:00:00Z',
      year: 2026,
      closed: 1,
      review: '2026-02',
      mix: { approved: 1, submitted: 2, returned: 1, draft: 20 },
      flagged: 0,
    },
    { at: '2026-06-15T02:00:00Z', year: 2026, closed: 5, review: '2026-06', mix: { draft: 2 }, flagged: 0 },
    {
      at: '2026-12-07T02:00:00Z',
      year: 2026,
      closed: 10,
      review: '2026-11',
      mix: { approved: 15, submitted: 5, returned: 2, draft: 2 },
      flagged: 2,
    },
    {
      at: '2027-01-05T02:00:00Z',
      year: 2026,
      closed: 11,
      review: '2026-12',
      mix: { approved: 8, submitted: 7, returned: 2, draft: 7 },
      flagged: 0,
    },
  ] as const;

  it.each(DAYS)(
    'seeded at $at: plan year $year, $closed months closed, $review in progress, and no job closes or flags anything',
    async (day) => {
      const now = new Date(day.at);
      const t = await createTestApp({ overrides: [{ provide: Clock, useValue: { now: () => now } }] });
      try {
        const result = await t.app.get(DemoSeedService).seed('test');
        if (!result.seeded) throw new Error('not seeded');
        const planId = result.planId;
        const plans: Array<{ year: number; status: string; name: string }> = await t.dataSource.query(
          'SELECT year, status, name FROM plan ORDER BY year',
        );
        // in January the new year's plan is already published, with its targets and nothing else
        expect(plans).toEqual(
          [day.year, ...(day.at.slice(5, 7) === '01' ? [day.year + 1] : [])].map((year) => ({
            year,
            status: 'published',
            name: `示范县${year}年度招商引资目标任务`,
          })),
        );
        const frozen: Array<{ month: string }> = await t.dataSource.query(
          'SELECT month FROM ranking_snapshot WHERE plan_id = $1 ORDER BY month',
          [planId],
        );
        const months = Array.from(
          { length: day.closed },
          (_, i) => `${day.year}-${String(i + 1).padStart(2, '0')}`,
        );
        expect(frozen.map((f) => f.month)).toEqual(months);
        const rows: Array<{ month: string; status: string; n: number; late: number }> =
          await t.dataSource.query(
            `SELECT month, status, count(*)::int AS n, count(*) FILTER (WHERE is_late AND submitted_at IS NULL)::int AS late
             FROM monthly_report WHERE plan_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
            [planId],
          );
        for (const month of months) {
          expect(rows.filter((r) => r.month === month).map((r) => [r.status, r.n])).toEqual([
            ['approved', 24],
          ]);
        }
        const inReview = rows.filter((r) => r.month === day.review);
        expect(Object.fromEntries(inReview.map((r) => [r.status, r.n]))).toEqual(day.mix);
        expect(inReview.reduce((n, r) => n + r.late, 0)).toBe(day.flagged);
        expect(rows.every((r) => r.month <= day.review)).toBe(true);
        // every approval by someone else than the one who submitted (four-eyes)
        const [{ same }] = await t.dataSource.query(
          `SELECT count(*)::int AS same FROM monthly_report WHERE approved_by = submitted_by`,
        );
        expect(same).toBe(0);
        // nothing dated on or after the seeding day
        const [{ latest }] = await t.dataSource.query(
          `SELECT greatest((SELECT max(event_date) FROM project_event), (SELECT max(at) FROM report_status_history)::date,
                           (SELECT max(updated_at) FROM project_fund)::date)::text AS latest`,
        );
        expect(latest < day.at.slice(0, 10)).toBe(true);
        expect(await t.app.get(AuditService).verifyChain()).toMatchObject({
          firstBrokenId: null,
          brokenRows: 0,
        });
        // the jobs of the day, as if none had run: no draft to open, nothing newly late, no month to close
        expect(await jobsOnTheDay(t, now)).toEqual({ opened: 0, flagged: [], closed: [] });
      } finally {
        await t.close();
      }
    },
    90000,
  );

  it('should leave today’s jobs nothing to do on 25 November 2026 either (October closed, November in progress)', async () => {
    const now = NOV_25.now();
    const t = await createTestApp({ overrides: [{ provide: Clock, useValue: NOV_25 }] });
    try {
      await t.app.get(DemoSeedService).seed('test');
      const [{ runs }] = await t.dataSource.query(`SELECT count(*)::int AS runs FROM job_run`);
      expect(runs).toBe(30); // open, mark late and close for each of January–October
      expect(await jobsOnTheDay(t, now)).toEqual({ opened: 0, flagged: [], closed: [] });
    } finally {
      await t.close();
    }
  }, 90000);
});
