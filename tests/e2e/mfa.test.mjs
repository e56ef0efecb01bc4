// Two-step verification (AUTH-4) in Debian Chromium: the login's second step and the enrolment page; screenshots saved.
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { artifact, DEMO_PASSWORD, launchBrowser } from '../support/browser.mjs';
import {
  freePort,
  makeDataDir,
  processesUsing,
  REPO_ROOT,
  removeDataDir,
  startApi,
  waitReady,
  WEB_DIST,
} from '../support/server.mjs';

// the API's own TOTP helper (built), so the codes are made exactly as the server checks them
const { totpCodeAt } = createRequire(import.meta.url)(
  join(REPO_ROOT, 'apps', 'api', 'dist', 'modules', 'auth', 'totp.js'),
);
const STEP_MS = 30_000;

describe('two-step verification in Chromium', () => {
  const dataDir = makeDataDir('pacer-mfa-browser-');
  let server;
  let context;

  async function api(path, { method = 'GET', body, token } = {}) {
    const res = await fetch(`${server.baseUrl}/api/v1${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: res.status === 204 ? null : await res.json() };
  }

  before(async () => {
    assert.ok(existsSync(`${WEB_DIST}/index.html`), 'build the web app first');
    server = startApi({ dataDir, port: await freePort() });
    await waitReady(server.baseUrl, 60000, server);
    context = await launchBrowser();
  });

  after(async () => {
    await context?.close();
    server?.child.kill('SIGTERM');
    await server?.exited;
    for (const pid of await processesUsing(dataDir)) process.kill(pid, 'SIGKILL');
    removeDataDir(dataDir);
  });

  it('asks the demo admin with MFA on for the 6-digit code after the password, then signs in', async () => {
    // 陈卫东 (admin) binds an authenticator through the API
    const login = await api('/auth/login', {
      method: 'POST',
      body: { username: 'admin', password: DEMO_PASSWORD },
    });
    assert.equal(login.status, 200);
    const start = await api('/auth/mfa/enrollment', { method: 'POST', token: login.body.accessToken });
    const confirmedAt = Date.now();
    const confirm = await api('/auth/mfa/enrollment/confirm', {
      method: 'POST',
      token: login.body.accessToken,
      body: { code: totpCodeAt(start.body.secret, confirmedAt) },
    });
    assert.equal(confirm.status, 200);

    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByPlaceholder('请输入用户名').fill('admin');
    await page.getByPlaceholder('请输入密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    const code = page.locator('input[data-test="login-mfa-code"]');
    await code.waitFor();
    assert.equal(await code.getAttribute('inputmode'), 'numeric');
    await page.getByText('手机不在身边？使用恢复码').waitFor();
    const file = artifact('mfa-login-second-step.png');
    await page.screenshot({ path: file });
    assert.ok(statSync(file).size > 10000);

    await code.fill(totpCodeAt(start.body.secret, confirmedAt + STEP_MS));
    await page.getByRole('button', { name: '验证' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.close();
  });

  it('binds an authenticator from 账号安全: QR code and key, then the recovery codes shown once', async () => {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    await page.getByPlaceholder('请输入用户名').fill('leader');
    await page.getByPlaceholder('请输入密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.locator('[data-test="user-menu"]').click();
    await page.locator('[data-test="menu-security"]').click();
    await page.waitForURL((url) => url.pathname === '/account/security');
    await page.locator('[data-test="mfa-start"]').click();
    await page.locator('[data-test="mfa-qr"]').waitFor();
    const key = (await page.locator('[data-test="mfa-key"]').textContent()).replace(/\s/g, '');
    assert.match(key, /^[A-Z2-7]{32}$/);
    await page.waitForTimeout(300);
    const file = artifact('mfa-enrolment.png');
    await page.screenshot({ path: file });
    assert.ok(statSync(file).size > 10000);

    await page.locator('input[data-test="mfa-code"]').fill(totpCodeAt(key, Date.now()));
    await page.locator('[data-test="mfa-confirm"]').click();
    await page.locator('[data-test="recovery-codes"]').waitFor();
    assert.equal(await page.locator('[data-test="recovery-code"]').count(), 10);
    await page.screenshot({ path: artifact('mfa-recovery-codes.png') });
    await page.locator('[data-test="recovery-saved"]').click();
    await page.locator('[data-test="mfa-status"]').getByText('已开启').waitFor();
    await page.close();
  });
});
