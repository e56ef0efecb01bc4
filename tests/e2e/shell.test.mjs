// The built app in Debian Chromium: the shell renders in Chinese; screenshots are saved as artifacts.
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';

import { artifact, launchBrowser } from '../support/browser.mjs';
import { freePort, makeDataDir, processesUsing, removeDataDir, startApi, waitReady, WEB_DIST } from '../support/server.mjs';

describe('the web shell in Chromium', () => {
  const dataDir = makeDataDir('pacer-browser-');
  let server;
  let context;

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

  it('serves the app at / in Chinese, asks for a login, then shows the menu and the API health', async () => {
    const page = await context.newPage();
    const response = await page.goto(`${server.baseUrl}/`);
    assert.equal(response.status(), 200);
    await page.getByText('用户登录').waitFor();
    assert.match(page.url(), /\/login/);
    await page.getByPlaceholder('请输入用户名').fill('admin');
    await page.getByPlaceholder('请输入密码').fill('Pacer@2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('服务状态').waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    for (const item of ['驾驶舱', '赛马榜', '月度填报', '审核', '目标分解', '项目台账']) {
      assert.ok(await page.getByText(item, { exact: true }).first().isVisible(), `menu item ${item}`);
    }
    await page.locator('[data-test="check-database"]').getByText('连接正常').waitFor();
    await page.waitForTimeout(1200); // the gauge animates for about a second
    const file = artifact('shell-dashboard.png');
    await page.screenshot({ path: file, fullPage: true });
    assert.ok(statSync(file).size > 10000);
  });

  it('shows the 404 page for an unknown address', async () => {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/no/such/page`);
    await page.getByText('404').first().waitFor();
    await page.screenshot({ path: artifact('shell-404.png') });
  });
});
