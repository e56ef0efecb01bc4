import { chromium } from 'playwright-core';

const BASE = 'http://127.0.0.1:3104';
const OUT = '/tmp/rules16-shots';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'];

async function api(path, { token, method = 'GET', body } = {}) {
  const res = await fetch(`${BASE}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

const login = async (username) =>
  (await api('/auth/login', { method: 'POST', body: { username, password: 'Pacer@2026' } })).accessToken;

const admin = await login('admin');
const plans = await api('/plans', { token: admin });
const plan = plans.items[0];
const indicators = (await api(`/plans/${plan.id}/indicators`, { token: admin })).items;
const reported = indicators.filter((i) => i.source === 'reported');
console.log('reported', reported.map((i) => `${i.code}:${i.name}:${i.kind}:${i.entryMode}:${i.reportFrequency}`).join(' | '));
const amount = reported.find((i) => i.code === 'PC');
if (amount && amount.entryMode !== 'ytd')
  await api(`/indicators/${amount.id}`, { token: admin, method: 'PATCH', body: { version: amount.version, entryMode: 'ytd' } });
const count = reported.find((i) => i.code === 'XS');
if (count && count.reportFrequency !== 'optional')
  await api(`/indicators/${count.id}`, { token: admin, method: 'PATCH', body: { version: count.version, reportFrequency: 'optional' } });

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: FLAGS });
async function page(user, width, height) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const p = await context.newPage();
  await p.goto(`${BASE}/login`);
  await p.getByPlaceholder('请输入用户名').fill(user);
  await p.getByPlaceholder('请输入密码').fill('Pacer@2026');
  await p.getByRole('button', { name: '登录' }).click();
  await p.waitForURL((url) => !url.pathname.startsWith('/login'));
  return p;
}
const reporter = process.argv[2] ?? 'chengguan';
for (const [w, h, name] of [[1366, 768, 'desktop'], [390, 844, 'phone']]) {
  const p = await page(reporter, w, h);
  await p.goto(`${BASE}/reports`);
  await p.waitForTimeout(2500);
  const start = p.getByRole('button', { name: '开始填报' });
  if (await start.count()) {
    await start.click();
    await p.waitForTimeout(2000);
  }
  const box = p.locator(`[data-test="value-${amount.code}"]`).first();
  if (await box.count()) {
    await box.fill('1');
    await p.waitForTimeout(500);
  }
  await p.screenshot({ path: `${OUT}/report-${name}.png`, fullPage: name === 'desktop' });
  const sw = await p.evaluate(() => document.documentElement.scrollWidth);
  console.log(name, 'scrollWidth', sw);
}
const a = await page('admin', 1366, 768);
await a.goto(`${BASE}/targets`);
await a.waitForTimeout(2000);
const tab = a.getByText('计划设置').first();
if (await tab.count()) await tab.click();
await a.waitForTimeout(1000);
await a.locator('[data-test="rules-edit"]').click();
await a.waitForTimeout(1000);
await a.locator('[data-test="rules-add-tie-break"]').click();
await a.locator('[data-test="rules-add-board"]').click();
await a.locator('[data-test="rules-add-award"]').click();
await a.waitForTimeout(500);
await a.locator('[data-test="rules-save"]').click();
await a.waitForTimeout(800);
await a.screenshot({ path: `${OUT}/rules-editor.png` });
const dialog = a.locator('.el-dialog__body');
await dialog.evaluate((el) => el.scrollTo(0, el.scrollHeight));
await a.locator('[data-test="rules-award-0"]').scrollIntoViewIfNeeded();
await a.waitForTimeout(500);
await a.screenshot({ path: `${OUT}/rules-editor-bottom.png` });
console.log('rules scrollWidth', await a.evaluate(() => document.documentElement.scrollWidth));
await browser.close();
