// 记一次活动 on a phone (issue 17): a town's reporter opens 招商工作 › 招商活动 from the slide-out menu, logs a trip with
// two companies met in one short form (today, the own unit and 外出招商 already filled) and finds it first in the list;
// nothing is wider than the screen. 390×844, touch.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';

import { apiLogin } from '../support/api.mjs';
import { artifact, DEMO_PASSWORD, launchShared } from '../support/browser.mjs';
import { freePort, makeDataDir, processesUsing, removeDataDir, startApi, waitReady, WEB_DIST } from '../support/server.mjs';

const PHONE = { width: 390, height: 844 };

describe('招商活动 on a phone (390×844, touch)', () => {
  const dataDir = makeDataDir('pacer-activities-');
  let server;
  let browser;

  before(async () => {
    assert.ok(existsSync(`${WEB_DIST}/index.html`), 'build the web app first');
    server = startApi({ dataDir, port: await freePort() });
    await waitReady(server.baseUrl, 60000, server);
    browser = await launchShared();
  });

  after(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
    await server?.exited;
    for (const pid of await processesUsing(dataDir)) process.kill(pid, 'SIGKILL');
    removeDataDir(dataDir);
  });

  it('logs a trip with two companies in under a minute, from the menu to the list', async () => {
    const context = await browser.newContext({
      viewport: PHONE,
      screen: PHONE,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByPlaceholder('请输入用户名').fill('chengguan');
    await page.getByPlaceholder('请输入密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).tap();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));

    const started = Date.now();
    await page.locator('[data-test="phone-menu"]').tap();
    await page.locator('[data-test="phone-menu-drawer"] [data-test="phone-nav-/work/activities"]').tap();
    await page.locator('[data-test="activity-cards"]').waitFor();
    await page.locator('[data-test="activity-create"]').tap();
    const dialog = page.locator('[data-test="activity-dialog"]');
    await dialog.waitFor();
    await dialog.getByPlaceholder('如 江苏省常州市、县行政中心').fill('江苏省苏州市');
    await dialog.getByPlaceholder('如 王建国').fill('李娜');
    for (const company of ['苏州汇川精密机械有限公司', '苏州恒达智能装备有限公司']) {
      await dialog.getByPlaceholder('输入企业名称，回车添加').fill(company);
      await page.keyboard.press('Enter');
    }
    await page.screenshot({ path: artifact('activities-phone-form.png') });
    await page.locator('[data-test="activity-save"]').tap();
    await page.getByText(/已登记活动 HD\d{4}-\d{6}/).waitFor();
    const first = page.locator('[data-test="activity-cards"] .activity-card').first();
    await first.getByText('外出招商：苏州汇川精密机械有限公司').waitFor();
    assert.ok(Date.now() - started < 60_000, 'a minute at most');
    const wider = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(wider <= 0, `the page is ${wider} px wider than the screen`);
    await page.screenshot({ path: artifact('activities-phone-list.png') });

    // what was stored: today, 城关镇, 外出招商, the two companies
    const get = await apiLogin(server.baseUrl, 'chengguan');
    const list = await get(`/activities?q=${encodeURIComponent('汇川')}`);
    const logged = list.items[0];
    assert.equal(logged.unitName, '城关镇');
    assert.equal(logged.kind, 'outbound');
    assert.deepEqual(
      logged.companies.map((c) => c.name),
      ['苏州汇川精密机械有限公司', '苏州恒达智能装备有限公司'],
    );
    await context.close();
  });
});
