// The whole monthly loop in Chromium on a fresh demo county: a reporter fills and submits the month in progress, the office
// returns it with a reason, the reporter fixes and resubmits, the office approves, and the leader's ranking moves.
// Every screen is saved under tests/artifacts/ to be looked at.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { apiLogin } from '../support/api.mjs';
import { launchShared, loginAs, saveDraft, snap, userContext } from '../support/browser.mjs';
import { freePort, makeDataDir, processesUsing, removeDataDir, startApi, waitReady } from '../support/server.mjs';

/**
 * The demo is seeded as of the day it starts (docs/demo.md): the month in progress is last month until its close day
 * (the 10th), this month from then on; in January it belongs to last year's plan until the 10th.
 */
function monthInProgress(now = new Date()) {
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10); // Asia/Shanghai
  const [y, m, d] = today.split('-').map(Number);
  if (d >= 10) return today.slice(0, 7);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
const MONTH = monthInProgress();
let PLAN; // the plan of MONTH's year

describe('the monthly loop on the demo county', () => {
  const dataDir = makeDataDir('pacer-loop-');
  let server;
  let browser;
  let target; // { unitId, unitCode, unitName, reporter }

  before(async () => {
    server = startApi({ dataDir, port: await freePort() });
    await waitReady(server.baseUrl, 90000, server);
    browser = await launchShared();
    // a unit whose report of the month in progress is still a draft, and its reporter
    const admin = await apiLogin(server.baseUrl, 'admin');
    const plans = await admin('/plans');
    PLAN = (plans.items ?? plans).find((p) => p.year === Number(MONTH.slice(0, 4)))?.id;
    assert.ok(PLAN, `the demo has a plan for ${MONTH}`);
    const reports = await admin(`/plans/${PLAN}/reports?month=${MONTH}`);
    const draft = reports.items.find((r) => r.status === 'draft');
    assert.ok(draft, `the demo has drafts of ${MONTH}`);
    const users = await admin('/users');
    const reporter = users.find((u) => u.roles.includes('reporter') && u.units.some((x) => x.id === draft.unitId));
    assert.ok(reporter, `a reporter for ${draft.unitName}`);
    target = { unitId: draft.unitId, unitCode: draft.unitCode, unitName: draft.unitName, reporter: reporter.username };
  });

  after(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
    await server?.exited;
    for (const pid of await processesUsing(dataDir)) process.kill(pid, 'SIGKILL');
    removeDataDir(dataDir);
  });

  it('goes draft → submitted → returned → resubmitted → approved, and the ranking reflects it', async () => {
    const leaderApi = await apiLogin(server.baseUrl, 'leader');
    const totalOf = async () =>
      (await leaderApi(`/plans/${PLAN}/ranking?month=${MONTH}`)).rows.find((r) => r.unitId === target.unitId)?.total;
    const batchesOf = async () => {
      const progress = await leaderApi(`/plans/${PLAN}/progress?month=${MONTH}`);
      const pc = progress.indicators.find((i) => i.code === 'PC');
      return Number(progress.cells.find((c) => c.unitId === target.unitId && c.indicatorId === pc.id).actual);
    };
    const before = await totalOf();
    const batchesBefore = await batchesOf();

    const reporterPage = await (await userContext(browser, { planId: PLAN, month: MONTH })).newPage();
    const adminPage = await (await userContext(browser, { planId: PLAN, month: MONTH })).newPage();

    // 1. the reporter fills and submits the month in progress
    await loginAs(reporterPage, server.baseUrl, target.reporter);
    await reporterPage.goto(`${server.baseUrl}/reports?month=${MONTH}`);
    await reporterPage.locator('[data-test="value-XS"]').waitFor();
    await reporterPage.locator('[data-test="value-XS"]').fill('1,5');
    await reporterPage.locator('[data-test="value-error-XS"]').waitFor();
    await reporterPage.locator('[data-test="value-XS"]').fill('3');
    await reporterPage.locator('[data-test="value-PC"]').fill('2');
    await reporterPage
      .locator('[data-test="text-progressText"]')
      .fill(`${Number(MONTH.slice(5))}月份，我单位赴苏州、无锡开展专题招商2批次，拜访企业9家，新增有效线索3条。`);
    // 2 批次 in one month against the department's annual target of 1: asked, confirmed, flagged for the reviewer
    assert.match((await saveDraft(reporterPage)) ?? '', /外出招商批次：本月数值 2 超过全年目标 1/);
    await snap(reporterPage, 'loop-01-report-form', { settleMs: 300 });
    await reporterPage.locator('[data-test="report-submit"]').click();
    await reporterPage.locator('.el-message-box .el-button--primary').click();
    await reporterPage.locator('[data-test="readonly-banner"]').waitFor();

    // 2. the office returns it with a reason
    await loginAs(adminPage, server.baseUrl, 'admin');
    await adminPage.goto(`${server.baseUrl}/approvals`);
    await adminPage.locator(`[data-test="review-${target.unitCode}"]`).click();
    await adminPage.locator('[data-test="review-return"]').click();
    await adminPage.locator('[data-test="reason-input"]').fill('外出招商批次与台账不符，请核实后重新报送');
    await snap(adminPage, 'loop-02-return-reason', { settleMs: 300 });
    await adminPage.locator('[data-test="reason-confirm"]').click();
    await adminPage.locator('[data-test="reason-dialog"]').waitFor({ state: 'hidden' });

    // 3. the reporter sees the reason, fixes and resubmits
    await reporterPage.goto(`${server.baseUrl}/reports?month=${MONTH}`);
    const returned = reporterPage.locator('[data-test="returned-alert"]');
    await returned.waitFor();
    assert.match(await returned.innerText(), /外出招商批次与台账不符/);
    await snap(reporterPage, 'loop-03-returned', { settleMs: 300 });
    await reporterPage.locator('[data-test="value-PC"]').fill('5');
    assert.match((await saveDraft(reporterPage)) ?? '', /外出招商批次：本月数值 5 超过全年目标 1/);
    await reporterPage.locator('[data-test="report-submit"]').click();
    await reporterPage.locator('.el-message-box .el-button--primary').click();
    await reporterPage.locator('[data-test="readonly-banner"]').waitFor();

    // 4. the office approves
    await adminPage.goto(`${server.baseUrl}/approvals`);
    await adminPage.locator(`[data-test="review-${target.unitCode}"]`).click();
    await adminPage.locator('[data-test="review-approve"]').click();
    await adminPage.locator('.el-message-box .el-button--primary').click();
    await adminPage.locator('[data-test="review-unlock"]').waitFor();
    await snap(adminPage, 'loop-04-approved', { settleMs: 300 });

    // 5. the approved figures move the live ranking of the month the leader reads
    // 外出招商批次: the month's 5 now counts (drafts and submitted reports never do)
    assert.equal((await batchesOf()) - batchesBefore, 5);
    const afterTotal = await totalOf();
    assert.ok(Number(afterTotal) >= Number(before), `${target.unitName}: total ${before} → ${afterTotal}`);
    const report = (await leaderApi(`/plans/${PLAN}/reports?month=${MONTH}`)).items.find((r) => r.unitId === target.unitId);
    assert.equal(report.status, 'approved');

    // 6. the leader's dashboard and ranking show the live month with it
    const leaderPage = await (await userContext(browser, { planId: PLAN, month: MONTH })).newPage();
    await loginAs(leaderPage, server.baseUrl, 'leader');
    await leaderPage.goto(`${server.baseUrl}/dashboard?month=${MONTH}`);
    await leaderPage.locator('[data-test="headline-QYZE"]').waitFor();
    await leaderPage.locator('[data-test="light-matrix"]').waitFor();
    await snap(leaderPage, 'loop-05-leader-dashboard', { fullPage: true });
    // the ranking opens on the target's group (its tab), as a link to the unit's group would
    const group = (await leaderApi(`/plans/${PLAN}/ranking?month=${MONTH}`)).rows.find((r) => r.unitId === target.unitId).group;
    await leaderPage.goto(`${server.baseUrl}/ranking?month=${MONTH}&group=${encodeURIComponent(group)}`);
    await leaderPage.getByText(target.unitName).first().waitFor();
    await snap(leaderPage, 'loop-06-leader-ranking');
    await leaderPage.getByText(target.unitName).first().click();
    const drawer = leaderPage.locator('[data-test="scorecard-drawer"]');
    await drawer.locator('[data-test="scorecard-total"]').waitFor();
    assert.match(await drawer.locator('[data-test="scorecard-total"]').innerText(), new RegExp(Number(afterTotal).toFixed(2)));
    await snap(leaderPage, 'loop-07-scorecard-drawer', { settleMs: 600 });
  });

  it('opens every other screen for the role that uses it (screenshots to look at)', async () => {
    const shots = [
      { user: 'leader', path: `/units/${target.unitId}?month=${MONTH}`, wait: '[data-test="indicator-QYZE"]', name: 'screen-unit-detail' },
      { user: 'leader', path: '/screen', wait: '[data-test="screen-headline-QYZE"]', name: 'screen-big-screen', width: 1920, height: 1080 },
      { user: 'admin', path: '/targets', wait: 'text=分解不足', name: 'screen-targets' },
      { user: 'admin', path: '/projects', wait: '[data-test="project-table"]', name: 'screen-projects' },
      { user: 'admin', path: '/approvals', wait: '[data-test="status-board"]', name: 'screen-approvals' },
      { user: 'sysadmin', path: '/admin/units', wait: 'text=示范县', name: 'screen-admin-units' },
      { user: 'sysadmin', path: '/admin/users', wait: 'text=chengguan', name: 'screen-admin-users' },
      { user: 'auditor', path: '/audit', wait: '[data-test="audit-table"]', name: 'screen-audit' },
    ];
    for (const shot of shots) {
      const context = await userContext(browser, { planId: PLAN, month: MONTH, width: shot.width, height: shot.height });
      const page = await context.newPage();
      await loginAs(page, server.baseUrl, shot.user);
      await page.goto(`${server.baseUrl}${shot.path}`);
      await page.locator(shot.wait).first().waitFor({ timeout: 20000 });
      await snap(page, shot.name);
      await context.close();
    }
  });
});
