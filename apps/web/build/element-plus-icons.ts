import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import type { Plugin } from 'vite';

// @element-plus/icons-vue ships its ~290 icons in ONE module, and a bundler places a module in one chunk: every
// icon any screen (or Element Plus itself) uses ended up in a chunk every page downloads (~13 kB gzip, 64 icons).
// This plugin rewrites `import { Bell, Menu as MenuIcon } from '@element-plus/icons-vue'` in the app and in
// Element Plus into one module per icon, cut from that same file (same component, same name, same SVG), so an
// icon travels with the page that draws it. `import type` lines are left alone.
const PACKAGE = '@element-plus/icons-vue';
const VIRTUAL = 'virtual:ep-icon/';
const RESOLVED = '\0ep-icon/';
const IMPORT = /import\s*\{([^}]*)\}\s*from\s*["']@element-plus\/icons-vue["'];?/g;

/** Each exported icon name → the source of a module whose default export is that icon. */
function splitIcons(): Map<string, string> {
  // the ES build (require.resolve would give the CommonJS one)
  const file = join(dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`)), 'dist', 'index.js');
  const source = readFileSync(file, 'utf8');
  // `bell_default as Bell` in the final export list
  const exported = new Map([...source.matchAll(/(\w+_default) as (\w+)/g)].map((m) => [m[1], m[2]]));
  const modules = new Map<string, string>();
  // each icon is one section: `// src/components/bell.vue`, its imports from "vue", `var _sfc_mainN = …, bell_default = _sfc_mainN;`
  for (const section of source.split(/^\/\/ src\/components\/[\w-]+\.vue$/m).slice(1)) {
    const local = section.match(/\}\), (\w+_default) = _sfc_main\d*;/)?.[1];
    const name = local && exported.get(local);
    if (!name) continue;
    const body = section.slice(0, section.indexOf(`${local} = `) + `${local} = `.length);
    const tail = section.slice(body.length).match(/^_sfc_main\d*;/)?.[0];
    if (!tail) continue;
    modules.set(name, `${body}${tail}\nexport default ${local};\n`);
  }
  return modules;
}

export function elementPlusIconsPerFile(): Plugin {
  let icons: Map<string, string> | undefined;
  const iconSource = (name: string): string | undefined => (icons ??= splitIcons()).get(name);
  return {
    name: 'pacer:element-plus-icons-per-file',
    enforce: 'pre',
    transform(code, id) {
      if (!code.includes(PACKAGE) || !/\.(vue|ts|mjs|js)$/.test(id.split('?')[0])) return null;
      let changed = false;
      const next = code.replace(IMPORT, (whole, list: string) => {
        const specifiers = list
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
          .map((s) => s.split(/\s+as\s+/));
        // anything unexpected (a type specifier, an unknown name) keeps the import as it is
        if (specifiers.some(([name]) => name.startsWith('type ') || !iconSource(name))) return whole;
        changed = true;
        return specifiers.map(([name, alias]) => `import ${alias ?? name} from '${VIRTUAL}${name}';`).join(' ');
      });
      return changed ? { code: next, map: null } : null;
    },
    resolveId(id) {
      return id.startsWith(VIRTUAL) ? RESOLVED + id.slice(VIRTUAL.length) : null;
    },
    load(id) {
      return id.startsWith(RESOLVED) ? (iconSource(id.slice(RESOLVED.length)) ?? null) : null;
    },
  };
}
