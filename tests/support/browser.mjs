// Debian's Chromium driven by playwright-core (never a downloaded browser; STACK.md).
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { REPO_ROOT } from './server.mjs';

export const ARTIFACTS = join(REPO_ROOT, 'tests', 'artifacts');

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

/** A persistent context in a fresh profile folder, so every run starts clean. */
export async function launchBrowser({ width = 1366, height = 768, locale = 'zh-CN' } = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'pacer-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.PACER_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
    viewport: { width, height },
    locale,
    timezoneId: 'Asia/Shanghai',
  });
  return context;
}

export function artifact(name) {
  return join(ARTIFACTS, name);
}
