// 线索 on the road (issue 17): a park's reporter on a phone (390×844, touch) opens an open lead of the unit, adds a
// follow-up with its next step in well under a minute, and sees it on the lead (timeline, last follow-up, next step,
// 沉睡 gone); nothing overflows the screen and the follow-up form's touch targets are ≥ 44 px. On the desktop the
// office opens the 客商库 and a company's page with the units' leads. Screens under tests/artifacts/leads/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { apiLogin } from '../support/api.mjs';
import { ARTIFACTS, launchShared, loginAs } from '../support/browser.mjs';
import { freePort, makeDataDir, processesUsing, removeDataDir, startApi, waitReady } from '../support/server.mjs';

const DIR = join(ARTIFACTS, 'leads');
const PHONE = { width: 390, height: 844 };
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** A screenshot once finite animations end (ElTag zooms in on appear). */
async function shot(page, name) {
  await page.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    undefined,
    { timeout: 5000 },
  );
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(DIR, `${name}.png`) });
}

async function fits(page, name, touchTargets) {
  const result = await page.evaluate(
    ([selectors, vw]) => {
      const small = [];
      for (const selector of selectors) {
        for (const el of document.querySelectorAll(selector)) {
          const rect = el.getBoundingClientRect();
          if (rect.width > 0 && rect.height > 0 && rect.height < 43.5) small.push(`${selector} ${Math.round(rect.height)}px`);
        }
      }
      return { scrollWidth: document.scrollingElement.scrollWidth, vw, small };
    },
    [touchTargets, PHONE.width],
  );
  assert.ok(result.scrollWidth <= result.vw, `${name}: ${result.scrollWidth}px wide on a ${result.vw}px screen`);
  assert.deepEqual(result.small, [], `${name}: touch targets under 44 px`);
}

describe('线索 on a phone and the 客商库 on the desktop', () => {
  const dataDir = makeDataDir('pacer-leads-');
  let server;
  let browser;

  before(async () => {
    mkdirSync(DIR, { recursive: true });
    server = startApi({ dataDir, port: await freePort() });
    await waitReady(server.baseUrl, 90000, server);
    browser = await launchShared();
  });

  after(async () => {
    await browser?.close();
    server?.child.kill('SIGTERM');
    await server?.exited;
    for (const pid of await processesUsing(dataDir)) process.kill(pid, 'SIGKILL');
    removeDataDir(dataDir);
  });

  it('lets a reporter add a follow-up on a phone by touch, in well under a minute', async () => {
    const jkq = await apiLogin(server.baseUrl, 'jkq');
    const open = (await jkq('/leads?status=negotiating&pageSize=50')).items;
    assert.ok(open.length > 0, 'the demo park has leads under negotiation');
    const lead = open.find((l) => l.isDormant) ?? open[0];

    const context = await browser.newContext({
      viewport: PHONE,
      screen: PHONE,
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByPlaceholder('请输入用户名').fill('jkq');
    await page.getByPlaceholder('请输入密码').fill('Pacer@2026');
    await page.getByRole('button', { name: '登录' }).tap();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));

    await page.goto(`${server.baseUrl}/leads`);
    await page.locator(`[data-test="lead-card-${lead.code}"]`).waitFor();
    await shot(page, 'phone-leads');
    await fits(page, 'leads', ['.lead-card']);

    const started = Date.now();
    await page.locator(`[data-test="lead-card-${lead.code}"]`).tap();
    await page.locator('[data-test="lead-title"]').waitFor();
    await fits(page, 'lead', ['[data-test="follow-up-add"]', '[data-test="status-open"]']);
    await shot(page, 'phone-lead');
    const before = await page.locator('[data-test="follow-ups"] .el-timeline-item').count();
    await page.locator('[data-test="follow-up-add"]').tap();
    await page.locator('[data-test="follow-up-people"]').waitFor();
    await page.waitForTimeout(400);
    await page.locator('[data-test="follow-up-way"] .el-radio-button').nth(2).tap();
    await page.locator('[data-test="follow-up-people"]').fill('宋志远、企业投资总监');
    await page.locator('[data-test="follow-up-agreed"]').fill('电话确认企业下周来县考察拟选地块');
    await page.locator('[data-test="follow-up-next"]').fill('陪同企业实地考察');
    await fits(page, 'follow-up', ['[data-test="follow-up-way"] .el-radio-button__inner', '[data-test="follow-up-save"]']);
    await shot(page, 'phone-follow-up');
    await page.locator('[data-test="follow-up-save"]').tap();
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-test="follow-ups"] .el-timeline-item').length > n,
      before,
    );
    const seconds = (Date.now() - started) / 1000;
    assert.ok(seconds < 60, `a follow-up took ${seconds}s`);
    await shot(page, 'phone-lead-after');
    await context.close();

    const after = await jkq(`/leads/${lead.id}`);
    assert.equal(after.lastFollowUpOn, today());
    assert.equal(after.nextStep, '陪同企业实地考察');
    assert.equal(after.isDormant, false);
    assert.equal(after.followUps[0].way, 'call');
    assert.equal(after.followUps[0].agreed, '电话确认企业下周来县考察拟选地块');
  });

  it('shows the office a company of the 客商库 with its units’ leads (1366×768, no sideways scroll)', async () => {
    const admin = await apiLogin(server.baseUrl, 'admin');
    // the company with most leads (the 客商库 also holds the chains' target companies and the companies met on visits)
    const leads = (await admin('/leads?pageSize=200')).items;
    const byCompany = new Map();
    for (const lead of leads) byCompany.set(lead.investor.id, (byCompany.get(lead.investor.id) ?? 0) + 1);
    const [companyId] = [...byCompany.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
    assert.ok(companyId, 'the demo 客商库 has companies with leads');
    const company = await admin(`/investors/${companyId}`);
    company.leadCount = company.leads.length;
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await loginAs(page, server.baseUrl, 'admin');
    await page.goto(`${server.baseUrl}/investors`);
    await page.locator('[data-test="investors-table"] .el-table__row').first().waitFor();
    await shot(page, 'desktop-investors');
    await page.locator('[data-test="investor-search"]').fill(company.name);
    await page.waitForTimeout(800);
    await page.locator('[data-test="investors-table"] .el-table__row').first().click();
    await page.locator('[data-test="investor-name"]').waitFor();
    assert.equal(await page.locator('[data-test="investor-name"]').innerText(), company.name);
    assert.equal(await page.locator('[data-test="investor-leads"] .el-table__row').count(), company.leadCount);
    await shot(page, 'desktop-investor');
    assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= window.innerWidth), 'sideways scroll');
    await page.goto(`${server.baseUrl}/leads`);
    await page.locator('[data-test="leads-table"] .el-table__row').first().waitFor();
    await shot(page, 'desktop-leads');
    assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= window.innerWidth), 'sideways scroll');
    await context.close();
  });
});
