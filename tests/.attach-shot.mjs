import { launchShared, userContext, loginAs } from './support/browser.mjs';
const BASE = 'http://localhost:3102';
const browser = await launchShared();
const shots = process.argv.slice(2);
async function open(width, height, user, projectId) {
  const ctx = await userContext(browser, { planId: 1, month: '2026-11', width, height });
  const page = await ctx.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await loginAs(page, BASE, user);
  await page.goto(`${BASE}/projects?projectId=${projectId}`);
  const drawer = page.locator('[data-test="project-drawer"]');
  await drawer.locator('.project-drawer__name').waitFor();
  await drawer.getByRole('tab', { name: /佐证材料/ }).click();
  await drawer.locator('[data-test="project-attachments"] .attachments__grid, [data-test="project-attachments"] .el-empty').first().waitFor();
  await page.waitForTimeout(1200);
  return { page, ctx, errors, drawer };
}
{
  const { page, errors } = await open(1366, 768, 'chengguan', 38);
  await page.screenshot({ path: '/tmp/attach-desktop.png' });
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  console.log('desktop sideways scroll', scroll, 'errors', errors);
  // PDF preview
  await page.locator('.attachments__card').filter({ hasText: '投资合作协议' }).getByRole('button', { name: '预览' }).click();
  await page.locator('[data-test="attachment-pdf-preview"]').waitFor();
  await page.waitForTimeout(2500);
  await page.screenshot({ path: '/tmp/attach-pdf.png' });
  await page.keyboard.press('Escape');
  await page.waitForTimeout(500);
  // upload a file through the picker
  await page.locator('[data-test="attachment-file"]').setInputFiles('/tmp/attach-sample.png');
  await page.getByText('已上传').waitFor();
  await page.waitForTimeout(1000);
  await page.screenshot({ path: '/tmp/attach-uploaded.png' });
  // a refused file
  const fs = await import('node:fs');
  fs.writeFileSync('/tmp/attach-evil.pdf', Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(2000)]));
  await page.locator('[data-test="attachment-file"]').setInputFiles('/tmp/attach-evil.pdf');
  await page.locator('.el-message--error').waitFor();
  await page.screenshot({ path: '/tmp/attach-refused.png' });
  console.log('refused message', await page.locator('.el-message--error').innerText());
}
{
  const { page, errors } = await open(390, 844, 'chengguan', 35);
  await page.screenshot({ path: '/tmp/attach-phone.png' });
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  console.log('phone sideways scroll', scroll, 'errors', errors);
  await page.locator('[data-test="project-attachments"]').evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await page.waitForTimeout(500);
  await page.screenshot({ path: '/tmp/attach-phone2.png' });
  const capture = await page.locator('[data-test="attachment-camera"]').getAttribute('capture');
  console.log('camera capture attr', capture, await page.getByRole('button', { name: '拍照上传' }).isVisible());
}
await browser.close();
