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

import { apiClient, apiLogin } from '../support/api.mjs';
import { ARTIFACTS, DEMO_PASSWORD, launchShared, loginAs, saveDraft, submitReport, userContext } from '../support/browser.mjs';
import { freePort, makeDataDir, processesUsing, removeDataDir, startApi, waitReady } from '../support/server.mjs';

const PHONE_DIR = join(ARTIFACTS, 'phone');
/** 企业微信's in-app browser on Android (its WebView is Chromium): the tokens the vendor adds to the user agent. */
const WECOM_UA =
  'Mozilla/5.0 (Linux; Android 14; V2309A Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Version/4.0 Chrome/126.0.6478.188 Mobile Safari/537.36 wxwork/4.1.30 MicroMessenger/7.0.1 NetType/WIFI Language/zh';
const PHONE = { width: 390, height: 844 };
/** A 24×16 PNG "site photo" (sky, earth, a crane), as the camera would hand it over. */
const SITE_PHOTO_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAABgAAAAQCAIAAACDRijCAAAAqklEQVR4nM3MMQrCAAyF4XcST5KTOOUYlUKhIhR6AMFJOnRychAnC17AQdDBoYNrFo/gUHiEDB0kg/BPL+FDM1hK+AyLlP4Q2t/MF87hyk7daooL+rv5AhSujBAXHJ7mC9DjupsKb4S44PgyX4C26yXzb4S44Dyabwbyb4S44PI23wzk3whxQa2yUWlUWpVCpVSpVH4YkaK0KkhRChWkKKUKUpRKBSlKrfIFei2JxhzGbxwAAAAASUVORK5CYII=';

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
  // measure what stays on screen, not a drawer or dialog still sliding in (finite CSS animations and transitions)
  await page.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    undefined,
    { timeout: 5000 },
  );
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
  let loop; // another unit of the same kind, for the issue's loop and the notices' links: { unitId, unitCode, unitName, reporter, reportId }

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
    const soleReporterOf = (unitId) =>
      users.find((u) => u.roles.includes('reporter') && u.units.length === 1 && u.units[0].id === unitId);
    const other = reports.items.find(
      (r) => r.status === 'draft' && r.unitId !== target.unitId && soleReporterOf(r.unitId) && soleReporterOf(r.unitId).username !== reporter.username,
    );
    assert.ok(other, `the demo has a second draft of ${MONTH} with its own reporter`);
    loop = {
      unitId: other.unitId,
      unitCode: other.unitCode,
      unitName: other.unitName,
      reporter: soleReporterOf(other.unitId).username,
      reportId: other.id,
    };
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
    // a figure above the unit's annual target is asked about first (confirmed on the phone too)
    await saveDraft(page, { tap: true });
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
    // the corrected figure is saved on submit: a figure above the annual target is asked about and confirmed
    await submitReport(page, { tap: true });
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
    // 佐证材料 from the phone's camera (issue 15): the capture input takes the photo, the card shows its thumbnail
    await projectDrawer.getByRole('tab', { name: /佐证材料/ }).tap();
    const camera = projectDrawer.locator('[data-test="attachment-camera"]');
    assert.equal(await camera.getAttribute('capture'), 'environment');
    assert.equal(await camera.getAttribute('accept'), 'image/*');
    await camera.setInputFiles({ name: 'IMG_20261208_0930.png', mimeType: 'image/png', buffer: Buffer.from(SITE_PHOTO_PNG, 'base64') });
    await page.getByText('已上传：IMG_20261208_0930.png').waitFor();
    await projectDrawer.locator('.attachments__card img').first().waitFor();
    await assertFits(page, 'project evidence', ['[data-test="project-attachments"] .attachments__upload .el-button']);
    await shot(page, 'phone-13b-project-evidence', { fullPage: false });
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
    await page.locator('[data-test="months-cards"]').waitFor({ timeout: 20000 });
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

  /** The bell's unread count as the phone shows it (0 when the badge is hidden), after the page asked the API. */
  async function unreadOnBell(page) {
    const badge = page.locator('[data-test="notification-badge"] .el-badge__content');
    if (!(await badge.isVisible())) return 0;
    return Number((await badge.innerText()).trim());
  }

  /** Opens the app's home on the phone and waits for the bell to have asked for its count. */
  async function openHome(page) {
    const counted = page.waitForResponse((r) => r.url().includes('/notifications/unread-count'));
    await page.goto(`${server.baseUrl}/`);
    await counted;
    await page.locator('[data-test="notification-bell"]').waitFor();
    await page.waitForTimeout(200);
  }

  /** Taps the bell and returns the notice centre (a full page on the phone) once its list is in. */
  async function openInbox(page) {
    // the drawer keeps the list of its last opening until the new one is in: wait for it, then for Vue to show it
    const listed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/notifications');
    await page.locator('[data-test="notification-bell"]').tap();
    await listed;
    const inbox = page.locator('.notification-drawer');
    await inbox.locator('[data-test="notification-list"]').waitFor();
    await page.waitForTimeout(300);
    // the drawer slides in: measure once it is in place
    await page.waitForFunction(() => {
      const el = document.querySelector('.notification-drawer .el-drawer, .notification-drawer.el-drawer');
      return el && Math.abs(el.getBoundingClientRect().left) < 1;
    });
    return inbox;
  }

  /** The newest notice of a title (and text in its body), in the open notice centre. */
  function noticeRow(inbox, title, text) {
    return inbox
      .locator('.notification-list__item')
      .filter({ has: inbox.page().locator('.notification-list__title', { hasText: title }) })
      .filter({ hasText: text })
      .first();
  }

  const INBOX_TARGETS = [
    '.notification-drawer.is-phone .notification-drawer__toolbar .el-radio-button__inner',
    '.notification-drawer.is-phone .notification-list__item',
  ];

  /** Fills every reported indicator of a report through the API as its reporter would, and submits it. */
  async function fillAndSubmit(call, reportId) {
    const detail = await call('GET', `/reports/${reportId}`);
    const values = detail.lines.map((line) => ({
      indicatorId: line.indicatorId,
      value: line.code === 'PC' ? '2' : line.kind === 'amount' ? '1200' : '1',
    }));
    const saved = await call('PUT', `/reports/${reportId}`, {
      version: detail.version,
      values,
      progressText: `${Number(MONTH.slice(5))}月份赴合肥开展产业链招商1批次，接洽新能源电池配套企业2家。`,
    });
    return call('POST', `/reports/${reportId}/submit`, { version: saved.version });
  }

  it("drives the issue's loop on the phone: the returned report's notice, the fix, a project and its stage, the approval notice", async () => {
    const base = server.baseUrl;
    const reason = '招商引资到位资金与项目台账不一致，请核对后重新报送';
    // the office has returned the unit's report with a reason (set up through the API: the reporter submitted it,
    // the admin returned it)
    const reporterApi = await apiClient(base, loop.reporter);
    const adminApi = await apiClient(base, 'admin');
    const submitted = await fillAndSubmit(reporterApi, loop.reportId);
    await adminApi('POST', `/reports/${loop.reportId}/return`, { version: submitted.version, reason });

    // 1. the reporter logs in on the phone: the bell counts the notice
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await phoneLogin(page, base, loop.reporter);
    await page.locator('[data-test="phone-shell"]').waitFor();
    await openHome(page);
    const unreadAtLogin = await unreadOnBell(page);
    assert.ok(unreadAtLogin >= 1, `the bell counts the returned report's notice (${unreadAtLogin})`);
    await assertFits(page, 'loop home', ['[data-test="notification-bell"]', '[data-test="phone-menu"]']);
    await shot(page, 'phone-loop-01-home-bell', { settleMs: 1200 });

    // 2. the bell → the returned report's notice, with the reason in its body
    let inbox = await openInbox(page);
    const returned = noticeRow(inbox, '月报被退回', loop.unitName);
    await returned.waitFor();
    assert.match(await returned.innerText(), /招商引资到位资金与项目台账不一致/);
    await assertFits(page, 'loop notices (returned)', INBOX_TARGETS);
    await shot(page, 'phone-loop-02-notice-returned', { fullPage: false });

    // 3. it lands on that month's report of the unit, the reason shown
    await returned.tap();
    await page.waitForURL((url) => url.pathname === '/reports');
    const landed = new URL(page.url());
    assert.equal(landed.searchParams.get('month'), MONTH);
    assert.equal(landed.searchParams.get('unitId'), String(loop.unitId));
    const alert = page.locator('[data-test="returned-alert"]');
    await alert.waitFor();
    assert.match(await alert.innerText(), /招商引资到位资金与项目台账不一致/);
    assert.match(await page.locator('.report-editor__unit').innerText(), new RegExp(loop.unitName));
    await assertFits(page, 'loop returned report', ['[data-test="report-save"]', '[data-test="report-submit"]']);
    await shot(page, 'phone-loop-03-report-returned');

    // 4. corrects a figure and submits
    const pc = page.locator('[data-test="value-PC"]');
    await pc.tap();
    await pc.fill('3');
    await assertFits(page, 'loop corrected figure', ['[data-test="report-cards"] .el-input__wrapper']);
    await page.locator('[data-test="report-submit"]').tap();
    await page.locator('.el-message-box .el-button--primary').tap();
    await page.locator('[data-test="readonly-banner"]').waitFor();
    await assertFits(page, 'loop resubmitted');
    await shot(page, 'phone-loop-04-report-resubmitted');
    const resubmitted = await reporterApi('GET', `/reports/${loop.reportId}`);
    assert.equal(resubmitted.status, 'submitted');
    assert.equal(resubmitted.lines.find((l) => l.code === 'PC').value, '3');

    // 5. registers a project (a full-screen page) from the slide-out menu, then advances its stage
    await page.locator('[data-test="phone-menu"]').tap();
    await page.locator('[data-test="phone-menu-drawer"] [data-test="phone-nav-/projects"]').tap();
    await page.locator('[data-test="project-cards"]').waitFor();
    await page.locator('[data-test="project-create"]').tap();
    await page.locator('[data-test="project-dialog"].is-fullscreen, .is-fullscreen [data-test="project-dialog"]').first().waitFor();
    const name = `${loop.unitName}新能源电池配套产业园项目`;
    await page.locator('[data-test="project-name"]').fill(name);
    await page.locator('[data-test="project-investor"]').fill('安徽国轩新能源材料有限公司');
    await page.locator('[data-test="project-origin"]').tap();
    await page.locator('.el-select-dropdown__item:visible').first().tap();
    await page.locator('[data-test="project-amount"]').fill('58000');
    await assertFits(page, 'loop project form', ['[data-test="project-save"]', '[data-test="project-dialog"] .el-input__wrapper']);
    await shot(page, 'phone-loop-05-project-form', { fullPage: false });
    await page.locator('[data-test="project-save"]').tap();
    await page.locator('[data-test="project-dialog"]').waitFor({ state: 'hidden' });
    const projectDrawer = page.locator('[data-test="project-drawer"]');
    await projectDrawer.locator('[data-test="event-save"]').waitFor();
    assert.match(await projectDrawer.innerText(), new RegExp(name));
    await projectDrawer.locator('[data-test="event-save"]').scrollIntoViewIfNeeded();
    await assertFits(page, 'loop project detail', ['[data-test="event-save"]']);
    await shot(page, 'phone-loop-06-project-detail', { fullPage: false });
    await projectDrawer.locator('[data-test="event-save"]').tap();
    await projectDrawer.locator('[data-test="project-events"]').getByText('洽谈').first().waitFor();
    await shot(page, 'phone-loop-07-project-stage', { fullPage: false });
    const projects = await reporterApi('GET', `/projects?planId=${PLAN}&q=${encodeURIComponent(name)}`);
    const project = (projects.items ?? projects).find((p) => p.name === name);
    assert.ok(project, 'the project is registered');
    assert.equal(project.stage, 'negotiating');
    await page.keyboard.press('Escape');

    // 6. the admin, on a desktop (1366×768, a separate browser context), approves the report in 审核
    await openHome(page);
    const unreadBefore = await unreadOnBell(page);
    const adminContext = await userContext(browser, { planId: PLAN, month: MONTH });
    const adminPage = await adminContext.newPage();
    await loginAs(adminPage, base, 'admin');
    await adminPage.goto(`${base}/approvals`);
    await adminPage.locator(`[data-test="review-${loop.unitCode}"]`).click();
    await adminPage.locator('[data-test="review-approve"]').click();
    await adminPage.locator('.el-message-box .el-button--primary').click();
    await adminPage.locator('[data-test="review-unlock"]').waitFor();
    await adminPage.screenshot({ path: join(PHONE_DIR, 'desktop-loop-approved.png') });
    await adminContext.close();

    // 7. the reporter sees the approval notice: the count goes up, opening it leads to the approved report
    await openHome(page);
    const unreadAfter = await unreadOnBell(page);
    assert.equal(unreadAfter, unreadBefore + 1, `the bell counts the approval (${unreadBefore} → ${unreadAfter})`);
    await shot(page, 'phone-loop-08-home-approved', { settleMs: 1200 });
    inbox = await openInbox(page);
    const approved = noticeRow(inbox, '月报已通过', loop.unitName);
    await approved.waitFor();
    assert.match(await approved.getAttribute('class'), /is-unread/);
    await assertFits(page, 'loop notices (approved)', INBOX_TARGETS);
    await shot(page, 'phone-loop-09-notice-approved', { fullPage: false });
    await approved.tap();
    await page.waitForURL((url) => url.pathname === '/reports');
    assert.equal(new URL(page.url()).searchParams.get('month'), MONTH);
    await page.locator('[data-test="readonly-banner"]').waitFor();
    assert.match(await page.locator('[data-test="readonly-banner"]').innerText(), /通过/);
    assert.match(await page.locator('.report-editor__unit').innerText(), new RegExp(loop.unitName));
    await assertFits(page, 'loop approved report');
    await shot(page, 'phone-loop-10-report-approved');
    await context.close();
  });

  it('leads every kind of notice to its exact screen on the phone', async () => {
    const base = server.baseUrl;
    const adminApi = await apiClient(base, 'admin');
    const months = (await adminApi('GET', `/plans/${PLAN}/months`)).items;
    const closed = months.filter((m) => m.closedAt !== null);
    assert.ok(closed.length >= 3, 'the demo has at least three closed months');
    // older closed months than the latest: the screens open on the latest by default, so a link must be honoured.
    // One is closed again, the 通报 of another is published (a re-close writes its own draft in the background).
    const older = closed[0].month;
    const olderLabel = `${Number(older.slice(5))}月`;
    const olderPattern = new RegExp(`(^|\\D)${Number(older.slice(5))}月`);
    const briefed = closed[1].month;
    const briefedLabel = `${briefed.slice(0, 4)}年${Number(briefed.slice(5))}月`;

    const context = await phoneContext(browser);
    const page = await context.newPage();
    await phoneLogin(page, base, loop.reporter);
    await page.locator('[data-test="phone-shell"]').waitFor();

    /**
     * Opens the notice centre from wherever the phone is, taps the newest notice of the title, waits for the path and
     * the query parameter the link names (the phone may be on that path already).
     */
    async function follow(title, text, path, key) {
      const inbox = await openInbox(page);
      const row = noticeRow(inbox, title, text);
      await row.waitFor();
      await row.tap();
      await page.waitForURL((url) => url.pathname === path && url.searchParams.has(key));
      return new URL(page.url());
    }

    // report.unlocked → that month's report of that unit (open to correct again)
    const approvedReport = await adminApi('GET', `/reports/${loop.reportId}`);
    await adminApi('POST', `/reports/${loop.reportId}/unlock`, {
      version: approvedReport.version,
      reason: '县统计局反馈协议引资额口径调整，解锁后请按新口径修改',
    });
    // from another screen: the 项目台账
    await page.goto(`${base}/projects`);
    await page.locator('[data-test="project-cards"]').waitFor();
    let url = await follow('月报已解锁', loop.unitName, '/reports', 'month');
    assert.equal(url.searchParams.get('month'), MONTH);
    assert.equal(url.searchParams.get('unitId'), String(loop.unitId));
    await page.locator('[data-test="report-cards"]').waitFor();
    assert.match(await page.locator('.report-editor__unit').innerText(), new RegExp(loop.unitName));
    assert.match(await page.locator('.report-editor__month').innerText(), new RegExp(`${Number(MONTH.slice(5))}月`));
    await assertFits(page, 'unlocked report', ['[data-test="report-save"]', '[data-test="report-submit"]']);
    await shot(page, 'phone-links-01-report-unlocked');

    // month.closed → the ranking of that month (an older one than the screen's default)
    await adminApi('POST', `/plans/${PLAN}/months/${older}/close`, { reason: '城关镇补报项目经核实后重新计分' });
    url = await follow('月度关账', olderLabel, '/ranking', 'month');
    assert.equal(url.searchParams.get('month'), older);
    await page.locator('[data-test="red-list"]').first().waitFor();
    assert.match(await page.locator('[data-test="assessment-month"]').innerText(), olderPattern);
    await assertFits(page, 'ranking of the closed month');
    await shot(page, 'phone-links-02-month-closed-ranking');

    // briefing.published → the 通报 of that month on 月度关账与通报, while the reporter is already on that screen
    await page.goto(`${base}/months`);
    await page.locator('[data-test="months-cards"]').waitFor();
    const draft = await adminApi('POST', `/plans/${PLAN}/months/${briefed}/briefing`);
    await adminApi('POST', `/plans/${PLAN}/months/${briefed}/briefing/publish`, { version: draft.version });
    url = await follow('通报已发布', `（第${draft.version}版）`, '/months', 'month');
    assert.equal(url.searchParams.get('month'), briefed);
    const card = page.locator('[data-test="briefing-card"]');
    await page
      .waitForFunction(
        ([label]) => document.querySelector('[data-test="briefing-card"] .months-page__card-title')?.textContent.includes(label),
        [briefedLabel],
        { timeout: 10000 },
      )
      .catch(() => undefined);
    assert.match(await card.locator('.months-page__card-title').innerText(), new RegExp(`^${briefedLabel}通报`));
    // the 通报 is brought into view (it sits under the twelve months)
    await page.waitForFunction(() => {
      const box = document.querySelector('[data-test="briefing-card"]').getBoundingClientRect();
      return box.top >= 0 && box.top < window.innerHeight - 100;
    });
    // on a phone the months are cards (latest first); the 通报's month is the selected one
    assert.match(await page.locator('.month-card.is-selected').first().innerText(), new RegExp(briefedLabel));
    await assertFits(page, '通报 of the month');
    await shot(page, 'phone-links-03-briefing-published', { fullPage: false, settleMs: 900 });

    // project.share.credited → that project's detail, while the reporter is already on 项目台账
    await page.goto(`${base}/projects`);
    await page.locator('[data-test="project-cards"]').waitFor();
    const { project: credited } = await adminApi('POST', '/projects', {
      name: `${target.unitName}高端装备零部件项目`,
      investorName: '江苏汇博精密机械有限公司',
      origin: 'out_of_province',
      agreedInvestmentWan: '26000',
      unitId: target.unitId,
      shares: [{ unitId: loop.unitId, sharePct: '30' }],
    });
    url = await follow('项目分成计入', credited.name, '/projects', 'projectId');
    assert.equal(url.searchParams.get('projectId'), String(credited.id));
    const drawer = page.locator('[data-test="project-drawer"]');
    await drawer.locator('.project-drawer__name').waitFor();
    assert.equal((await drawer.locator('.project-drawer__name').innerText()).trim(), credited.name);
    await assertFits(page, 'credited project');
    await shot(page, 'phone-links-04-share-credited', { fullPage: false });
    await context.close();
  });

  it('shows 账号安全, 修改密码, 用户管理 and 单位管理 within the phone screen', async () => {
    const base = server.baseUrl;
    // 账号安全 of a reporter: the two-step setup's QR code and code box inside 390 px
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await phoneLogin(page, base, target.reporter);
    await page.goto(`${base}/account/security`);
    await page.locator('[data-test="mfa-start"]').waitFor();
    await assertFits(page, '账号安全', ['[data-test="mfa-start"]']);
    await page.locator('[data-test="mfa-start"]').tap();
    await page.locator('[data-test="mfa-qr"]').waitFor();
    const qr = await page.locator('[data-test="mfa-qr"]').boundingBox();
    assert.ok(qr && qr.x >= 0 && qr.x + qr.width <= PHONE.width, `the QR code is on screen (${JSON.stringify(qr)})`);
    await assertFits(page, '两步验证', ['.mfa__code .el-input__wrapper', '[data-test="mfa-confirm"]']);
    await shot(page, 'phone-20-account-security-mfa');
    // 修改密码: the language switch above the card, the buttons full width
    await page.goto(`${base}/password`);
    await page.locator('[data-test="password-submit"]').waitFor();
    const overlap = await page.evaluate(() => {
      const a = document.querySelector('.password-page__locale').getBoundingClientRect();
      const b = document.querySelector('.password-page__card').getBoundingClientRect();
      return !(a.bottom <= b.top || a.top >= b.bottom || a.right <= b.left || a.left >= b.right);
    });
    assert.equal(overlap, false, 'the language switch overlaps the password card');
    await assertFits(page, '修改密码', ['[data-test="password-submit"]', '.password-page__card .el-input__wrapper']);
    await shot(page, 'phone-21-password');
    await context.close();

    // 用户管理 and 单位管理 of the system administrator: cards, dialogs full screen
    const adminContext = await phoneContext(browser);
    const adminPage = await adminContext.newPage();
    await phoneLogin(adminPage, base, 'sysadmin');
    await adminPage.goto(`${base}/admin/users`);
    await adminPage.locator('[data-test="user-cards"]').waitFor();
    await assertFits(adminPage, '用户管理', ['[data-test="user-cards"] .el-button', '[data-test="user-create"]']);
    await shot(adminPage, 'phone-22-users', { fullPage: false });
    await adminPage.locator(`[data-test="user-edit-${loop.reporter}"]`).tap();
    const userDialog = adminPage.locator('[data-test="user-dialog"]');
    await userDialog.locator('input').first().waitFor();
    const userBox = await userDialog.boundingBox();
    assert.ok(userBox && userBox.width >= PHONE.width - 1, `the account dialog is full screen (${JSON.stringify(userBox)})`);
    await assertFits(adminPage, '编辑账号', ['.el-dialog.is-fullscreen .el-input__wrapper']);
    await shot(adminPage, 'phone-23-user-dialog', { fullPage: false });
    await adminPage.keyboard.press('Escape');
    await adminPage.goto(`${base}/admin/units`);
    await adminPage.locator('[data-test="unit-cards"]').waitFor();
    await assertFits(adminPage, '单位管理', ['[data-test="unit-cards"] .el-button', '[data-test="unit-create"]']);
    await shot(adminPage, 'phone-24-units', { fullPage: false });
    await adminPage.locator(`[data-test="unit-edit-${loop.unitCode}"]`).tap();
    const unitDialog = adminPage.locator('[data-test="unit-dialog"]');
    await unitDialog.locator('input').first().waitFor();
    const unitBox = await unitDialog.boundingBox();
    assert.ok(unitBox && unitBox.width >= PHONE.width - 1, `the unit dialog is full screen (${JSON.stringify(unitBox)})`);
    await assertFits(adminPage, '编辑单位', ['.el-dialog.is-fullscreen .el-input__wrapper']);
    await shot(adminPage, 'phone-25-unit-dialog', { fullPage: false });
    await adminContext.close();
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
