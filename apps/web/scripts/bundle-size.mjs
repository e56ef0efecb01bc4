// Gzip size of what the browser loads to show each route (issue 11, part 4): the entry (index.html's module script,
// its static imports and CSS) plus the route's lazy chunks (the layout, then the view) with their static imports
// and CSS, all read from the Vite manifest (build.manifest). A chunk counts once per route however many import it.
// Run after `vite build`: node scripts/bundle-size.mjs [--detail] [--if-built]
//   --detail    also lists each route's files
//   --if-built  prints a note and exits 0 when there is no build (`npm test` runs it after vitest)
//   --dist=DIR  measures another build (default: dist)
// It prints figures and the aims beside them; it never fails on a size.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const distArg = process.argv.find((a) => a.startsWith('--dist='));
const dist = distArg ? resolve(distArg.slice('--dist='.length)) : join(root, 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');

/** Aims in kB gzip of JS + CSS (issue 11, part 4). */
const AIMS = { '/login': 150, '/dashboard': 300 };
const LAYOUT = 'src/layouts/basic-layout.vue';
// Routes drawn outside the basic layout (src/router/index.ts: the login routes, the 大屏, not-found).
const OUTSIDE_LAYOUT = new Set(['/login', '/password', '/mfa-setup', '/screen', '/:pathMatch(.*)*']);
// Shown first, in this order; the other routes follow in the order of src/router/routes.
const FIRST = ['/login', '/dashboard', '/ranking', '/screen', '/reports', '/approvals', '/projects'];

if (!existsSync(manifestPath)) {
  const message = 'bundle size: dist/.vite/manifest.json missing — run `vite build` first.';
  if (args.has('--if-built')) {
    console.log(message);
    process.exit(0);
  }
  console.error(message);
  process.exit(1);
}

const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

/** Every route with a lazy view, read from src/router/routes: [{ path, view }] (a child path joined to its group's). */
function readRoutes() {
  const dir = join(root, 'src', 'router', 'routes');
  const routes = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts')).sort()) {
    const text = readFileSync(join(dir, file), 'utf8');
    let group = '';
    let path = null;
    for (const m of text.matchAll(/path:\s*'([^']*)'|import\('@\/([^']+)'\)/g)) {
      if (m[1] !== undefined) {
        if (path?.startsWith('/')) group = path; // a path with no component of its own: a group (/admin)
        path = m[1];
      } else if (path !== null) {
        const full = path.startsWith('/') ? path : `${group.replace(/\/$/, '')}/${path}`;
        routes.push({ path: full.replaceAll('\\\\', '\\'), view: `src/${m[2]}` });
        path = null;
      }
    }
  }
  const rank = (r) => (FIRST.includes(r.path) ? FIRST.indexOf(r.path) : FIRST.length);
  return routes.map((r, i) => ({ ...r, i })).sort((a, b) => rank(a) - rank(b) || a.i - b.i);
}

/** A manifest chunk and its static imports, recursively (what must be fetched before it runs). */
function closure(key, seen = new Set()) {
  if (!manifest[key] || seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key].imports ?? []) closure(dep, seen);
  return seen;
}

const sizes = new Map();
function gzipSize(file) {
  if (!sizes.has(file)) sizes.set(file, gzipSync(readFileSync(join(dist, file)), { level: 9 }).length);
  return sizes.get(file);
}

/** The JS and CSS files of a set of manifest chunks and their gzip total. */
function files(keys) {
  const js = new Set();
  const css = new Set();
  for (const key of keys) {
    js.add(manifest[key].file);
    for (const f of manifest[key].css ?? []) css.add(f);
  }
  const sum = (set) => [...set].reduce((n, f) => n + gzipSize(f), 0);
  return { js, css, jsGzip: sum(js), cssGzip: sum(css) };
}

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
const entryKeys = closure(entryKey);
const entry = files(entryKeys);
const kb = (n) => (n / 1024).toFixed(1);

const rows = [];
const details = [];
for (const route of readRoutes()) {
  const modules = OUTSIDE_LAYOUT.has(route.path) ? [route.view] : [LAYOUT, route.view];
  const missing = modules.filter((m) => !manifest[m]);
  if (missing.length) {
    console.warn(`warning: ${route.path}: ${missing.join(', ')} not in the manifest`);
    continue;
  }
  const keys = new Set(entryKeys);
  for (const m of modules) closure(m, keys);
  const all = files(keys);
  const total = all.jsGzip + all.cssGzip;
  const aim = AIMS[route.path];
  rows.push([
    route.path,
    kb(all.jsGzip),
    kb(all.cssGzip),
    kb(total),
    aim ? String(aim) : '',
    aim ? (total / 1024 <= aim ? 'met' : 'MISSED') : '',
  ]);
  details.push({ route: route.path, files: [...all.js, ...all.css].map((f) => [f, gzipSize(f)]) });
}

const header = ['route', 'JS kB', 'CSS kB', 'total kB', 'aim kB', 'aim'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(`Gzip kB loaded to show each route (entry ${kb(entry.jsGzip)} JS + ${kb(entry.cssGzip)} CSS included):`);
console.log(line(header).trimEnd());
console.log(widths.map((w) => '-'.repeat(w)).join('  ').trimEnd());
for (const r of rows) console.log(line(r).trimEnd());

if (args.has('--detail')) {
  for (const d of details) {
    console.log(`\n${d.route}`);
    for (const [f, n] of d.files.sort((a, b) => b[1] - a[1])) console.log(`  ${kb(n).padStart(7)}  ${f}`);
  }
}
