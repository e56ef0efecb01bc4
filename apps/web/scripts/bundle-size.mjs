// Gzip sizes of what the browser loads: the initial JS (entry + modulepreloads from index.html)
// and what /dashboard adds on top (layout + view + their static imports, from the Vite manifest).
// Run after `vite build`: node scripts/bundle-size.mjs
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');
// The route records of /dashboard, outermost first (see src/router).
const DASHBOARD_MODULES = ['src/layouts/basic-layout.vue', 'src/views/dashboard/index.vue'];

if (!existsSync(join(dist, 'index.html')) || !existsSync(manifestPath)) {
  console.error('dist/index.html or dist/.vite/manifest.json missing: run `vite build` first.');
  process.exit(1);
}

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

const attr = (tag, name) => tag.match(new RegExp(`${name}="([^"]+)"`))?.[1];
const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
const initialJs = tags
  .filter(
    (t) => (t.startsWith('<script') && attr(t, 'type') === 'module') || attr(t, 'rel') === 'modulepreload',
  )
  .map((t) => attr(t, 'src') ?? attr(t, 'href'));
const initialCss = tags.filter((t) => attr(t, 'rel') === 'stylesheet').map((t) => attr(t, 'href'));
const toFile = (url) => url.replace(/^\//, '');

// Everything a manifest chunk needs before it runs: itself and its static imports, recursively.
function closure(key, seen = new Set()) {
  const chunk = manifest[key];
  if (!chunk || seen.has(key)) return seen;
  seen.add(key);
  for (const dep of chunk.imports ?? []) closure(dep, seen);
  return seen;
}

const initialJsFiles = new Set(initialJs.map(toFile));
const initialCssFiles = new Set(initialCss.map(toFile));
const routeKeys = new Set(DASHBOARD_MODULES.flatMap((m) => [...closure(m)]));
for (const m of DASHBOARD_MODULES) if (!manifest[m]) console.warn(`warning: ${m} not in the manifest`);
const routeJs = [...routeKeys].map((k) => manifest[k].file).filter((f) => !initialJsFiles.has(f));
const routeCss = [...new Set([...routeKeys].flatMap((k) => manifest[k].css ?? []))].filter(
  (f) => !initialCssFiles.has(f),
);

function measure(file) {
  const buf = readFileSync(join(dist, file));
  return { file, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
}

const kb = (n) => (n / 1024).toFixed(2).padStart(9);
const rows = [];
function section(label, files) {
  const measured = files.map(measure).sort((a, b) => b.gzip - a.gzip);
  const total = measured.reduce((acc, m) => ({ raw: acc.raw + m.raw, gzip: acc.gzip + m.gzip }), {
    raw: 0,
    gzip: 0,
  });
  for (const m of measured) rows.push([label, m.file, kb(m.raw), kb(m.gzip)]);
  rows.push([label, '= total', kb(total.raw), kb(total.gzip)]);
  return total;
}

const initial = section('initial JS', [...initialJsFiles]);
const route = section('/dashboard JS', routeJs);
section('initial CSS', [...initialCssFiles]);
section('/dashboard CSS', routeCss);

const header = ['group', 'file', 'raw kB', 'gzip kB'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) =>
  cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
let previous = '';
for (const r of rows) {
  if (previous && r[0] !== previous) console.log('');
  console.log(line(r));
  previous = r[0];
}
console.log(`\nJS to show /dashboard: ${((initial.gzip + route.gzip) / 1024).toFixed(2)} kB gzip`);
