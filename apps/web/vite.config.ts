import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, URL } from 'node:url';

import vue from '@vitejs/plugin-vue';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import Components from 'unplugin-vue-components/vite';
import { defineConfig } from 'vitest/config';

import { elementPlusIconsPerFile } from './build/element-plus-icons.ts';

// Vendor groups: the framework is needed by every page, and ECharts only by chart pages, so it must never be
// preloaded by the entry. Element Plus has NO group: one chunk of every component any screen uses (185 kB gzip)
// was downloaded by every page, the login included; left to the bundler, each component travels with the
// routes that use it and what many routes share lands in shared chunks (scripts/bundle-size.mjs, per route).
// Priorities matter: a group also captures its modules' dependencies, so Vue is claimed first or it
// would be dragged into the ECharts chunk (through vue-echarts) and the entry would preload ECharts.
const VENDOR_GROUPS = [
  {
    name: 'vendor-vue',
    test: /[\\/]node_modules[\\/](@vue|vue|vue-router|pinia|vue-i18n|@intlify|vue-demi)[\\/]/,
    priority: 30,
  },
  {
    name: 'vendor-echarts',
    // the tree chart (产业链 图谱 only) stays out of the group, so it travels with the chain page alone
    test: /[\\/]node_modules[\\/](?!echarts[\\/]lib[\\/]chart[\\/]tree[\\/])(echarts|zrender|vue-echarts|tslib)[\\/]/,
    priority: 10,
  },
];

// Every Element Plus style entry the resolver may import. Listing them up front lets `vite` dev pre-bundle
// once instead of re-optimizing and reloading the page whenever a screen uses a new component
// (optimizeDeps.include globs do not reach these deep imports).
function elementPlusStyleEntries(): string[] {
  const root = dirname(createRequire(import.meta.url).resolve('element-plus/package.json'));
  const components = join(root, 'es', 'components');
  return readdirSync(components)
    .filter((name) => existsSync(join(components, name, 'style', 'css.mjs')))
    .map((name) => `element-plus/es/components/${name}/style/css`);
}

export default defineConfig({
  plugins: [
    // before vue(): rewrites icon imports in the SFC source (build/element-plus-icons.ts)
    elementPlusIconsPerFile(),
    vue(),
    // Element Plus per component: templates get their imports and the component's CSS, nothing else ships.
    Components({
      dirs: [],
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
      dts: 'src/components.d.ts',
    }),
  ],
  // vue-i18n feature flags: Composition API only, no <i18n-t>/v-t, no devtools in production.
  define: {
    __VUE_I18N_LEGACY_API__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  optimizeDeps: {
    include: [
      'element-plus/es',
      ...elementPlusStyleEntries(),
      '@element-plus/icons-vue',
      'echarts/core',
      'echarts/charts',
      'echarts/components',
      'echarts/renderers',
      'vue-echarts',
    ],
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    // scripts/bundle-size.mjs reads the manifest to find the dashboard route's chunks.
    manifest: true,
    // The lazy ECharts chunk is ~570 kB minified (~190 kB gzip); scripts/bundle-size.mjs is the real budget check.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: VENDOR_GROUPS },
      },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.spec.ts', 'build/**/*.spec.ts', 'scripts/**/*.spec.ts'],
    // a mounted page's spec takes 1–5 s on two loaded cores; 5 s (the default) failed for the machine, not the code
    testTimeout: 15_000,
    // Element Plus style imports are .css files Node cannot load; inlining lets Vite handle them.
    server: { deps: { inline: [/element-plus/] } },
  },
});
