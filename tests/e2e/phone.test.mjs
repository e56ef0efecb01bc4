// The reporter's and the leader's work on a phone (issue 13, point 1 and the phone half of point 4): Chromium's mobile
// emulation at 390×844 with touch and a 企业微信-like user agent. The reporter logs in, lands on the own unit's report
// of the month, fills and submits it; the office (desktop) returns it with a reason; the reporter reads the reason in
// red on the phone home, corrects a figure and resubmits; registers a project and advances its stage; opens the notice
// centre. The leader reads the dashboard and the 赛马榜. Every phone screen is saved under tests/artifacts/phone/ (and
// the same screens at 1366×768, to show the desktop did not change); on every phone screen nothing overflows the
// viewport, every visible input and button lies within it, and the touch targets of the phone layout are ≥ 44 px.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { apiLogin } from '../support/api.mjs';
import { ARTIFACTS, DEMO_PASSWORD, launchShared, loginAs, userContext } from '../support/browser.mjs';
import { freePort, makeDataDir, processesUsing, removeDataDir, startApi, waitReady } from '../support/server.mjs';

const PHONE_DIR = join(ARTIFACTS, 'phone');
/** 企业微信's in-app browser on Android (its WebView is Chromium): the tokens the vendor adds to the user agent. */
const WECOM_UA =
  'Mozilla/5.0 (Linux; Android 14; V2309A Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Version/4.0 Chrome/126.0.6478.188 Mobile Safari/537.36 wxwork/4.1.30 MicroMessenger/7.0.1 NetType/WIFI Language/zh';
const PHONE = { width: 390, height: 844 };

/** The month in progress of the demo county (as in monthly-loop.test.mjs: last month until the 10th). */
function monthInProgress(now = new Date()) {
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const [y, m, d] = today.split('-').map(Number);
  if (d >= 10) return today.slice(0, 7);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
const MONTH = monthInProgress();
let PLAN;

async function phoneContext(browser) {
  const context = await browser.newContext({
    viewport: PHONE,
    screen: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    userAgent: WECOM_UA,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  await context.addInitScript(
    ([id, m]) => localStorage.setItem('pacer.plan-context', JSON.stringify({ planId: id, month: m })),
    [PLAN, MONTH],
  );
  return context;
}

async function phoneLogin(page, baseUrl, username) {
  await page.goto(`${baseUrl}/login`);
  await page.getByPlaceholder('请输入用户名').fill(username);
  await page.getByPlaceholder('请输入密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).tap();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * Nothing wider than the screen; every visible input and button inside it; the listed touch targets ≥ 44 px tall.
 * Elements inside a drawer or dialog that is closed have no box and are skipped.
 */
async function assertFits(page, name, touchTargets = []) {
  const result = await page.evaluate(([selectors, screenWidth]) => {
    // a mobile browser widens its layout viewport to overflowing content (and zooms out): measure against the screen
    const vw = Math.min(window.innerWidth, screenWidth);
    // hidden, or scrolled out of sight inside a container that clips it (a table's own horizontal scroll): not on screen
    const clippedAway = (el) => {
      const rect = el.getBoundingClientRect();
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const box = a.getBoundingClientRect();
        if (rect.right <= box.left || rect.left >= box.right || rect.bottom <= box.top || rect.top >= box.bottom) return true;
      }
      return false;
    };
    const visible = (el) => {
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return (
        rect.width > 0 && rect.height > 0 && style.visibility !== 'hidden' && Number(style.opacity) > 0 && !clippedAway(el)
      );
    };
    const describe = (el) => {
      const rect = el.getBoundingClientRect();
      const tag = el.getAttribute('data-test') || el.className || el.tagName;
      return `${String(tag).slice(0, 60)} [${Math.round(rect.left)}..${Math.round(rect.right)} × ${Math.round(rect.height)}]`;
    };
    const outside = [];
    for (const el of document.querySelectorAll('input, textarea, button, .el-select__wrapper')) {
      if (!visible(el)) continue;
      const rect = el.getBoundingClientRect();
      if (rect.left < -1 || rect.right > vw + 1) outside.push(describe(el));
    }
    const small = [];
    let touchCount = 0;
    for (const selector of selectors) {
      for (const el of document.querySelectorAll(selector)) {
        if (!visible(el)) continue;
        touchCount += 1;
        if (el.getBoundingClientRect().height < 43.5) small.push(`${selector}: ${describe(el)}`);
      }
    }
    return { vw, scrollWidth: document.scrollingElement.scrollWidth, outside, small, touchCount };
  }, [touchTargets, PHONE.width]);
  assert.ok(result.scrollWidth <= result.vw, `${name}: the page is ${result.scrollWidth}px wide on a ${result.vw}px screen`);
  assert.deepEqual(result.outside, [], `${name}: inputs or buttons outside the screen`);
  assert.deepEqual(result.small, [], `${name}: touch targets under 44 px`);
  if (touchTargets.length) assert.ok(result.touchCount > 0, `${name}: none of the touch targets is on screen`);
}

/** A screenshot of the whole page, and of a long page also screen-sized parts (easier to look at one by one). */
async function shot(page, name, { settleMs = 400, fullPage = true } = {}) {
  await page.waitForTimeout(settleMs);
  await page.screenshot({ path: join(PHONE_DIR, `${name}.png`), fullPage });
  if (!fullPage) return;
  const height = await page.evaluate(() => document.scrollingElement.scrollHeight);
  const PART = 1000;
  if (height <= PHONE.height * 1.3) return;
  for (let y = 0, n = 1; y < height; y += PART, n += 1) {
    await page.screenshot({
      path: join(PHONE_DIR, 'parts', `${name}-${n}.png`),
      fullPage: true,
      clip: { x: 0, y, width: PHONE.width, height: Math.min(PART, height - y) },
    });
  }
}

describe('the reporter and the leader on a phone (390×844, touch, 企业微信)', () => {
  const dataDir = makeDataDir('pacer-phone-');
  let server;
  let browser;
  let target; // { unitId, unitCode, unitName, reporter }

  before(async () => {
    mkdirSync(join(PHONE_DIR, 'parts'), { recursive: true });
    server = startApi({ dataDir, port: await freePort() });
    await waitReady(server.baseUrl, 90000, server);
    browser = await launchShared();
    const admin = await apiLogin(server.baseUrl, 'admin');
    const plans = await admin('/plans');
    PLAN = (plans.items ?? plans).find((p) => p.year === Number(MONTH.slice(0, 4)))?.id;
    assert.ok(PLAN, `the demo has a plan for ${MONTH}`);
    const reports = await admin(`/plans/${PLAN}/reports?month=${MONTH}`);
    const users = await admin('/users');
    // a draft of a unit with exactly one reporting unit (the home card then shows that unit alone)
    const draft = reports.items.find(
      (r) =>
        r.status === 'draft' &&
        users.some((u) => u.roles.includes('reporter') && u.units.length === 1 && u.units[0].id === r.unitId),
    );
    assert.ok(draft, `the demo has drafts of ${MONTH}`);
    const reporter = users.find((u) => u.roles.includes('reporter') && u.units.length === 1 && u.units[0].id === draft.unitId);
    target = { unitId: draft.unitId, unitCode: draft.unitCode, unitName: draft.unitName, reporter: reporter.username };
  });

  after(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
    await server?.exited;
    for (const pid of await processesUsing(dataDir)) process.kill(pid, 'SIGKILL');
    removeDataDir(dataDir);
  });

  it('lets a reporter do the month on the phone: report, return, correct, resubmit, a project and its stage, notices', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    const base = server.baseUrl;

    // 0. the login: the language switch sits above the card, not on it
    await page.goto(`${base}/login`);
    await page.getByPlaceholder('请输入用户名').waitFor();
    const overlap = await page.evaluate(() => {
      const a = document.querySelector('.login__locale').getBoundingClientRect();
      const b = document.querySelector('.login__card').getBoundingClientRect();
      return !(a.bottom <= b.top || a.top >= b.bottom || a.right <= b.left || a.left >= b.right);
    });
    assert.equal(overlap, false, 'the language switch overlaps the login card');
    await assertFits(page, 'login', ['.login__card .el-button--primary', '.login__card .el-input__wrapper']);
    await shot(page, 'phone-01-login');

    // 1. home: the own unit's report of the month, with its deadline and one button
    await phoneLogin(page, base, target.reporter);
    await page.locator('[data-test="phone-shell"]').waitFor();
    const home = page.locator('[data-test="my-report"]');
    await home.locator('[data-test="my-report-fill"]').waitFor();
    assert.match(await home.innerText(), new RegExp(target.unitName));
    assert.match(await home.locator('[data-test="my-report-deadline"]').innerText(), /截止 \d{4}-\d{2}-\d{2}/);
    assert.equal(await page.locator('.layout__aside').count(), 0, 'no sidebar on the phone');
    await assertFits(page, 'home', ['[data-test="phone-menu"]', '[data-test="notification-bell"]', '[data-test="my-report-fill"]', '[data-test="my-report-progress"]']);
    await shot(page, 'phone-02-home', { settleMs: 1200 });

    // the slide-out menu
    await page.locator('[data-test="phone-menu"]').tap();
    const drawer = page.locator('[data-test="phone-menu-drawer"]');
    await drawer.locator('[data-test="phone-nav-/reports"]').waitFor();
    // the drawer slides in: measure once it is in place
    await page.waitForFunction(() => {
      const el = document.querySelector('.phone-menu');
      return el && Math.abs(el.getBoundingClientRect().left) < 1;
    });
    await assertFits(page, 'menu', ['[data-test="phone-menu-drawer"] .el-menu-item', '.phone-menu__action']);
    await shot(page, 'phone-03-menu', { fullPage: false });
    await page.keyboard.press('Escape');
    await drawer.locator('.el-drawer').waitFor({ state: 'hidden' }).catch(() => undefined);

    // 2. 月度填报 as stacked cards: a bad figure is refused under its box, then the month is saved and submitted
    await home.locator('[data-test="my-report-fill"]').tap();
    await page.locator('[data-test="report-cards"]').waitFor();
    const xs = page.locator('[data-test="value-XS"]');
    assert.equal(await xs.getAttribute('inputmode'), 'decimal');
    await xs.tap();
    await xs.fill('1,5');
    await page.locator('[data-test="value-error-XS"]').waitFor();
    await assertFits(page, 'report form', [
      '[data-test="report-cards"] .el-input__wrapper',
      '[data-test="report-save"]',
      '[data-test="report-submit"]',
    ]);
    await shot(page, 'phone-04-report-error');
    await xs.fill('3');
    await page.locator('[data-test="value-PC"]').fill('2');
    await page
      .locator('[data-test="text-progressText"]')
      .fill(`${Number(MONTH.slice(5))}月份赴苏州、无锡开展专题招商2批次，拜访企业9家，新增有效线索3条。`);
    // the 保存/提交 bar stays on screen while the form scrolls
    await page.evaluate(() => window.scrollTo(0, 0));
    const bar = await page.locator('[data-test="report-actions"]').boundingBox();
    assert.ok(bar && bar.y + bar.height <= PHONE.height + 1 && bar.y >= 0, `the 保存/提交 bar is on screen (${JSON.stringify(bar)})`);
    await shot(page, 'phone-05-report-form-top', { fullPage: false });
    await page.locator('[data-test="report-save"]').tap();
    await page.getByText('草稿已保存').waitFor();
    await page.locator('[data-test="report-submit"]').tap();
    await page.locator('.el-message-box .el-button--primary').tap();
    await page.locator('[data-test="readonly-banner"]').waitFor();
    await shot(page, 'phone-06-report-submitted');

    // 3. the office returns it with a reason (on a desktop)
    const adminContext = await userContext(browser, { planId: PLAN, month: MONTH });
    const adminPage = await adminContext.newPage();
    await loginAs(adminPage, base, 'admin');
    await adminPage.goto(`${base}/approvals`);
    await adminPage.locator(`[data-test="review-${target.unitCode}"]`).click();
    await adminPage.locator('[data-test="review-return"]').click();
    await adminPage.locator('[data-test="reason-input"]').fill('外出招商批次与台账不符，请核实后重新报送');
    await adminPage.locator('[data-test="reason-confirm"]').click();
    await adminPage.locator('[data-test="reason-dialog"]').waitFor({ state: 'hidden' });

    // 4. the phone home shows the reason in red; the reporter corrects the figure and resubmits
    await page.goto(`${base}/`);
    const reason = page.locator('[data-test="my-report-reason"]');
    await reason.waitFor();
    assert.match(await reason.innerText(), /外出招商批次与台账不符/);
    const red = await reason.evaluate((el) => getComputedStyle(el).color);
    const [r, g, b] = red.match(/\d+/g).map(Number);
    assert.ok(r > 150 && r - g > 60 && r - b > 60, `the reason is red (${red})`);
    await shot(page, 'phone-07-home-returned', { settleMs: 1200 });
    await home.locator('[data-test="my-report-fill"]').tap();
    await page.locator('[data-test="returned-alert"]').waitFor();
    await page.locator('[data-test="value-PC"]').fill('5');
    await assertFits(page, 'returned report', ['[data-test="report-save"]', '[data-test="report-submit"]']);
    await shot(page, 'phone-08-report-returned');
    await page.locator('[data-test="report-submit"]').tap();
    await page.locator('.el-message-box .el-button--primary').tap();
    await page.locator('[data-test="readonly-banner"]').waitFor();
    // the 流转记录 opens under the form
    await page.locator('[data-test="history-collapse"] .el-collapse-item__header').tap();
    await page.locator('[data-test="history-collapse"] .el-collapse-item.is-active').waitFor();
    await shot(page, 'phone-09-report-history');

    // 5. 项目台账: cards, 登记项目 full screen with 保存 in reach, then the detail and 登记进展
    await page.goto(`${base}/projects`);
    await page.locator('[data-test="project-cards"]').waitFor();
    await assertFits(page, 'projects', ['[data-test="project-create"]', '.project-card']);
    await shot(page, 'phone-10-projects');
    await page.locator('[data-test="project-create"]').tap();
    const dialog = page.locator('.el-dialog.is-fullscreen[data-test="project-dialog"], [data-test="project-dialog"].is-fullscreen');
    await dialog.first().waitFor();
    const name = `${target.unitName}智能装备产业园项目`;
    await page.locator('[data-test="project-name"]').fill(name);
    await page.locator('[data-test="project-investor"]').fill('江苏恒远智能装备有限公司');
    await page.locator('[data-test="project-origin"]').tap();
    await page.locator('.el-select-dropdown__item:visible').first().tap();
    await page.locator('[data-test="project-amount"]').fill('32000');
    const save = page.locator('[data-test="project-save"]');
    const saveBox = await save.boundingBox();
    assert.ok(saveBox && saveBox.y + saveBox.height <= PHONE.height + 1, `登记项目's 保存 is on screen (${JSON.stringify(saveBox)})`);
    await assertFits(page, 'project form', ['[data-test="project-save"]', '[data-test="project-dialog"] .el-input__wrapper']);
    await shot(page, 'phone-11-project-form', { fullPage: false });
    await save.tap();
    const projectDrawer = page.locator('[data-test="project-drawer"]');
    await page.locator('[data-test="project-dialog"]').waitFor({ state: 'hidden' });
    // the new project opens in its detail, a full-screen page on the phone
    await projectDrawer.locator('[data-test="event-save"]').waitFor();
    assert.match(await projectDrawer.innerText(), new RegExp(name));
    const detailBox = await projectDrawer.locator('.el-drawer').first().boundingBox().catch(() => null);
    if (detailBox) assert.ok(detailBox.width >= PHONE.width - 1, `the project detail takes the whole width (${JSON.stringify(detailBox)})`);
    await projectDrawer.locator('[data-test="event-save"]').scrollIntoViewIfNeeded();
    await assertFits(page, 'project detail', ['[data-test="event-save"]']);
    await shot(page, 'phone-12-project-detail', { fullPage: false });
    await projectDrawer.locator('[data-test="event-save"]').tap();
    // 线索 → 洽谈: the next stage is preselected with today's date
    await projectDrawer.locator('[data-test="project-events"]').getByText('洽谈').first().waitFor();
    await shot(page, 'phone-13-project-stage', { fullPage: false });
    await page.keyboard.press('Escape');

    // 6. the notice centre, a full page
    await page.goto(`${base}/`);
    await page.locator('[data-test="notification-bell"]').tap();
    const inbox = page.locator('.notification-drawer');
    await inbox.locator('.notification-drawer__toolbar').waitFor();
    const inboxBox = await inbox.locator('.el-drawer').first().boundingBox().catch(() => null);
    const drawerBox = inboxBox ?? (await inbox.first().boundingBox());
    assert.ok(drawerBox && drawerBox.width >= PHONE.width - 1, `the notice centre takes the whole width (${JSON.stringify(drawerBox)})`);
    await inbox.locator('[data-test="notification-list"], .el-empty').first().waitFor();
    await assertFits(page, 'notices', [
      '.notification-drawer.is-phone .notification-drawer__toolbar .el-radio-button__inner',
      '.notification-drawer.is-phone .notification-list__item',
    ]);
    await shot(page, 'phone-14-notices', { fullPage: false });

    // 7. the unit's own progress and rank
    await page.goto(`${base}/units/${target.unitId}?month=${MONTH}`);
    await page.locator('[data-test="indicator-QYZE"]').waitFor({ timeout: 20000 });
    await assertFits(page, 'unit progress');
    await shot(page, 'phone-15-unit-progress', { settleMs: 1200 });

    // 8. 月度关账与通报 (a reporter reads which months are frozen and downloads the 通报)
    await page.goto(`${base}/months`);
    await page.locator('[data-test="months-table"]').waitFor({ timeout: 20000 });
    await assertFits(page, 'months');
    await shot(page, 'phone-16-months');

    await adminContext.close();
    await context.close();
  });

  it("lets a leader read the dashboard and the 赛马榜 on the phone without sideways scrolling", async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await phoneLogin(page, server.baseUrl, 'leader');
    await page.goto(`${server.baseUrl}/dashboard?month=${MONTH}`);
    await page.locator('[data-test="headline-QYZE"]').waitFor();
    await page.locator('[data-test="light-matrix"]').waitFor();
    await page.waitForTimeout(1200);
    await assertFits(page, 'dashboard', ['[data-test="phone-menu"]']);
    await shot(page, 'phone-17-leader-dashboard', { settleMs: 300 });
    await page.goto(`${server.baseUrl}/ranking?month=${MONTH}`);
    await page.locator('[data-test="red-list"]').first().waitFor();
    await assertFits(page, 'ranking', ['.ranking.is-phone .ranking__table .el-table__row']);
    await shot(page, 'phone-18-leader-ranking');
    await page.locator('.ranking__table .el-table__row').first().tap();
    await page.locator('[data-test="scorecard-drawer"] [data-test="scorecard-total"]').waitFor();
    await shot(page, 'phone-19-leader-scorecard', { fullPage: false, settleMs: 800 });
    await context.close();
  });

  it('keeps the same screens as they were on a 1366×768 desktop', async () => {
    const shots = [
      { user: 'leader', path: `/dashboard?month=${MONTH}`, wait: '[data-test="light-matrix"]', name: 'desktop-dashboard' },
      { user: 'leader', path: `/ranking?month=${MONTH}`, wait: '[data-test="red-list"]', name: 'desktop-ranking' },
      { user: target.reporter, path: `/reports?month=${MONTH}`, wait: '[data-test="report-lines"]', name: 'desktop-report' },
      { user: target.reporter, path: '/projects', wait: '[data-test="project-table"]', name: 'desktop-projects' },
    ];
    for (const s of shots) {
      const context = await userContext(browser, { planId: PLAN, month: MONTH });
      const page = await context.newPage();
      await loginAs(page, server.baseUrl, s.user);
      await page.goto(`${server.baseUrl}${s.path}`);
      await page.locator(s.wait).first().waitFor({ timeout: 20000 });
      assert.equal(await page.locator('[data-test="phone-shell"]').count(), 0, `${s.name}: the desktop keeps the sidebar layout`);
      assert.equal(await page.locator('.layout__aside').count(), 1, `${s.name}: the sidebar is there`);
      await page.waitForTimeout(1200);
      await page.screenshot({ path: join(PHONE_DIR, `${s.name}.png`) });
      await context.close();
    }
  });
});
