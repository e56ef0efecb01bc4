// Debian's Chromium driven by playwright-core (never a downloaded browser; STACK.md).
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { REPO_ROOT } from './server.mjs';

export const ARTIFACTS = join(REPO_ROOT, 'tests', 'artifacts');
export const DEMO_PASSWORD = 'Pacer@2026';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const EXECUTABLE = process.env.PACER_CHROMIUM ?? '/usr/bin/chromium';

/** A persistent context in a fresh profile folder, so every run starts clean. */
export async function launchBrowser({ width = 1366, height = 768, locale = 'zh-CN' } = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'pacer-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: EXECUTABLE,
    headless: true,
    args: FLAGS,
    viewport: { width, height },
    locale,
    timezoneId: 'Asia/Shanghai',
  });
}

/** One browser with a context per user (each its own session storage). */
export async function launchShared() {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: EXECUTABLE, headless: true, args: FLAGS });
}

/** A context whose screens open on the given plan and month (the web keeps them in localStorage). */
export async function userContext(browser, { planId, month, width = 1366, height = 768 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  if (planId && month) {
    await context.addInitScript(
      ([id, m]) => localStorage.setItem('pacer.plan-context', JSON.stringify({ planId: id, month: m })),
      [planId, month],
    );
  }
  return context;
}

export async function loginAs(page, baseUrl, username, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.getByPlaceholder('请输入用户名').fill(username);
  await page.getByPlaceholder('请输入密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * Saves the report form (保存草稿). Figures that look implausible (above the unit's annual target, far above its usual
 * month) are first asked about: the warning is read, confirmed (确认无误，保存) and returned; null when none was asked.
 */
export async function saveDraft(page, { tap = false } = {}) {
  const press = (locator) => (tap ? locator.tap() : locator.click());
  await press(page.locator('[data-test="report-save"]'));
  return answerWarnings(page, page.getByText('草稿已保存'), press);
}

/**
 * Submits the report (提交 and its confirmation). Unsaved figures are saved first, so an implausible one is asked about
 * after the confirmation: confirmed and returned as with saveDraft. Resolves once the report is read-only.
 */
export async function submitReport(page, { tap = false } = {}) {
  const press = (locator) => (tap ? locator.tap() : locator.click());
  await press(page.locator('[data-test="report-submit"]'));
  await press(page.locator('.el-message-box .el-button--primary'));
  return answerWarnings(page, page.locator('[data-test="readonly-banner"]'), press);
}

/** Waits for `done`; if the plausibility question comes first, reads it, confirms it and returns its text. */
async function answerWarnings(page, done, press) {
  const box = page.locator('.el-message-box').filter({ hasText: '请核对以下数值' });
  await done.or(box).first().waitFor();
  if (!(await box.isVisible())) return null;
  const warning = await box.locator('.el-message-box__message').innerText();
  await press(box.getByRole('button', { name: '确认无误，保存' }));
  await done.waitFor();
  return warning;
}

/** Screenshot after charts settle (ECharts animates for about a second). */
export async function snap(page, name, { fullPage = false, settleMs = 1200 } = {}) {
  await page.waitForTimeout(settleMs);
  await page.screenshot({ path: artifact(`${name}.png`), fullPage });
}

export function artifact(name) {
  return join(ARTIFACTS, name);
}
