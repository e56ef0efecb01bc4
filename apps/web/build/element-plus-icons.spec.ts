import { describe, expect, it } from 'vitest';

import { elementPlusIconsPerFile } from './element-plus-icons';

type Hook = (this: unknown, ...args: unknown[]) => unknown;
// Spelled through a variable: the plugin (it runs in Vitest too) would otherwise rewrite these very strings.
const PKG = ['@element-plus', 'icons-vue'].join('/');
const plugin = elementPlusIconsPerFile();
const transform = (code: string, id: string) =>
  (plugin.transform as Hook).call({}, code, id) as { code: string } | null;
const resolveId = (id: string) => (plugin.resolveId as Hook).call({}, id, undefined, {}) as string | null;
const load = (id: string) => (plugin.load as Hook).call({}, id) as string | null;

describe('Element Plus icons one module per icon (build/element-plus-icons.ts)', () => {
  it('should rewrite a named import, with its alias, into one import per icon on the same line', () => {
    const source = [
      '<script setup lang="ts">',
      `import { ArrowDown, Menu as MenuIcon } from '${PKG}';`,
      "import { ref } from 'vue';",
    ].join('\n');
    const result = transform(source, '/src/layouts/basic-layout.vue');
    expect(result?.code.split('\n')).toEqual([
      '<script setup lang="ts">',
      "import ArrowDown from 'virtual:ep-icon/ArrowDown'; import MenuIcon from 'virtual:ep-icon/Menu';",
      "import { ref } from 'vue';",
    ]);
  });

  it('should rewrite Element Plus’ own icon imports (double quotes, .mjs)', () => {
    const result = transform(`import { CaretTop } from "${PKG}";\n`, '/node_modules/element-plus/es/x.mjs');
    expect(result?.code).toBe("import CaretTop from 'virtual:ep-icon/CaretTop';\n");
  });

  it('should leave type imports, unknown names and other files alone', () => {
    expect(transform(`import type { Component } from '${PKG}';`, '/src/a.ts')).toBeNull();
    expect(transform(`import { NoSuchIcon } from '${PKG}';`, '/src/a.ts')).toBeNull();
    expect(transform(`import { Bell } from '${PKG}';`, '/src/a.css')).toBeNull();
  });

  it('should load each icon as its own module: the package’s component, name and SVG paths', () => {
    const id = resolveId('virtual:ep-icon/Bell');
    expect(id).toBe('\0ep-icon/Bell');
    const code = load(id!)!;
    expect(code).toContain('name: "Bell"');
    expect(code).toContain('d: "M512 64a64 64 0 0 1 64 64v64H448v-64a64 64 0 0 1 64-64"');
    expect(code).not.toContain('BellFilled');
    expect(code).toMatch(/export default bell_default;\s*$/);
    // it needs nothing but Vue
    expect([...code.matchAll(/from "([^"]+)"/g)].map((m) => m[1])).toEqual(['vue', 'vue']);
    expect(load('\0ep-icon/UserFilled')).toContain('name: "UserFilled"');
    expect(load('\0ep-icon/NoSuchIcon')).toBeNull();
    expect(resolveId('vue')).toBeNull();
  });
});
