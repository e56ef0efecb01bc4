// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'bundle-size.mjs');

// Files of a made-up build: the sizes differ so each sum tells which files were counted.
const FILES: Record<string, string> = {
  'assets/index.js': 'import "./vendor-vue.js";'.repeat(40),
  'assets/vendor-vue.js': 'export const vue = "运行时";'.repeat(300),
  'assets/index.css': 'body{margin:0}'.repeat(20),
  'assets/login.js': 'export const login = "登录";'.repeat(50),
  'assets/form.js': 'export const form = "表单";'.repeat(120),
  'assets/form.css': '.el-form{display:block}'.repeat(30),
  'assets/layout.js': 'export const layout = "侧边菜单";'.repeat(70),
  'assets/dashboard.js': 'export const dashboard = "驾驶舱";'.repeat(90),
  'assets/echarts.js': 'export const echarts = "图表";'.repeat(900),
  'assets/screen.js': 'export const screen = "大屏";'.repeat(60),
};
const MANIFEST = {
  'index.html': { file: 'assets/index.js', isEntry: true, imports: ['_vendor-vue.js'], css: ['assets/index.css'] },
  '_vendor-vue.js': { file: 'assets/vendor-vue.js' },
  '_form.js': { file: 'assets/form.js', imports: ['_vendor-vue.js'], css: ['assets/form.css'] },
  '_echarts.js': { file: 'assets/echarts.js', imports: ['_vendor-vue.js'] },
  'src/views/login/index.vue': { file: 'assets/login.js', isDynamicEntry: true, imports: ['_form.js'] },
  'src/layouts/basic-layout.vue': { file: 'assets/layout.js', isDynamicEntry: true, imports: ['_form.js'] },
  'src/views/dashboard/index.vue': { file: 'assets/dashboard.js', isDynamicEntry: true, imports: ['_echarts.js', '_form.js'] },
  'src/views/screen/index.vue': { file: 'assets/screen.js', isDynamicEntry: true, imports: ['_echarts.js'] },
};

const gz = (...files: string[]) => files.reduce((n, f) => n + gzipSync(Buffer.from(FILES[f]!), { level: 9 }).length, 0);
const kb = (n: number) => (n / 1024).toFixed(1);

describe('scripts/bundle-size.mjs', () => {
  let dist: string | undefined;
  afterEach(() => {
    if (dist) rmSync(dist, { recursive: true, force: true });
    dist = undefined;
  });

  function run(...args: string[]): string {
    return execFileSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  function row(output: string, route: string): string[] {
    const line = output.split('\n').find((l) => l.split(/\s+/)[0] === route);
    expect(line, `a row for ${route}`).toBeDefined();
    return line!.trim().split(/\s+/);
  }

  it('should print per route the entry plus the route’s lazy chunks and their imports, each file once, with the aims', () => {
    dist = mkdtempSync(join(tmpdir(), 'pacer-bundle-'));
    mkdirSync(join(dist, 'assets'));
    mkdirSync(join(dist, '.vite'));
    for (const [file, text] of Object.entries(FILES)) writeFileSync(join(dist, file), text);
    writeFileSync(join(dist, '.vite', 'manifest.json'), JSON.stringify(MANIFEST));

    const output = run(`--dist=${dist}`);

    const entryJs = ['assets/index.js', 'assets/vendor-vue.js'];
    // the login page: no layout, no charts
    const loginJs = gz(...entryJs, 'assets/login.js', 'assets/form.js');
    const loginCss = gz('assets/index.css', 'assets/form.css');
    expect(row(output, '/login')).toEqual([
      '/login', kb(loginJs), kb(loginCss), kb(loginJs + loginCss), '150', loginJs + loginCss <= 150 * 1024 ? 'met' : 'MISSED',
    ]);
    // the dashboard: layout + view, the form chunk they share counted once, ECharts included
    const dashJs = gz(...entryJs, 'assets/layout.js', 'assets/dashboard.js', 'assets/echarts.js', 'assets/form.js');
    expect(row(output, '/dashboard')).toEqual(['/dashboard', kb(dashJs), kb(loginCss), kb(dashJs + loginCss), '300', 'met']);
    // the 大屏 is drawn outside the layout, and has no aim
    const screenJs = gz(...entryJs, 'assets/screen.js', 'assets/echarts.js');
    const css = gz('assets/index.css');
    expect(row(output, '/screen')).toEqual(['/screen', kb(screenJs), kb(css), kb(screenJs + css)]);
    // login and dashboard first
    const routes = output.split('\n').filter((l) => l.startsWith('/')).map((l) => l.split(/\s+/)[0]);
    expect(routes.slice(0, 2)).toEqual(['/login', '/dashboard']);
  });

  it('should print a note and succeed without a build when asked to (`npm test` before `vite build`)', () => {
    dist = mkdtempSync(join(tmpdir(), 'pacer-bundle-'));
    expect(run(`--dist=${dist}`, '--if-built')).toContain('run `vite build` first');
  });
});
