// One ESLint config for the monorepo (flat config). `npm run lint` runs it per workspace with --max-warnings 0.
import { readdirSync } from 'node:fs';

import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// What every web file may not import (the API, the server's libraries, echarts whole: plugins/echarts.ts).
const WEB_RESTRICTED = {
  patterns: [{ group: ['@pacer/api', '**/apps/api/**', '@nestjs/*', 'typeorm', 'pg'] }],
  paths: ['echarts'],
};
/** The web's restrictions plus more patterns (a later block's options replace an earlier block's). */
const webRestricted = (...patterns) => ({
  'no-restricted-imports': [
    'error',
    { ...WEB_RESTRICTED, patterns: [...WEB_RESTRICTED.patterns, ...patterns] },
  ],
});
const SCREEN_MESSAGE =
  'A screen imports no other screen: move what two screens share to components/, composables/ or utils/.';

// A screen is a folder of apps/web/src/views (admin's screens one level down). It may import its own files; what
// two screens share lives in components/, composables/ or utils/, so a screen never imports another screen, by
// alias (@/views/other/…) or by a relative path that climbs out of its folder (../other/…, ../../other/…).
const VIEWS = 'apps/web/src/views';
const subfolders = (dir) =>
  readdirSync(new URL(dir, import.meta.url), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
const SCREENS = subfolders(`./${VIEWS}`).flatMap((name) =>
  name === 'admin' ? subfolders(`./${VIEWS}/admin`).map((sub) => `admin/${sub}`) : [name],
);
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const screenBoundaries = SCREENS.flatMap((screen) =>
  // one block per depth below the screen's folder (up to three folders deep; today's screens use one): from depth d,
  // d + 1 × '../' leaves the screen
  [0, 1, 2, 3].map((depth) => ({
    files: [`${VIEWS}/${screen}/${'*/'.repeat(depth)}*.{ts,vue}`],
    rules: webRestricted(
      { regex: `^@/views/(?!${escape(screen)}/)`, message: SCREEN_MESSAGE },
      { regex: `^(\\.\\./){${depth + 1},}`, message: SCREEN_MESSAGE },
    ),
  })),
);

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '.pacer-data/**', 'tests/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  // imports flow one way: web → shared ← api (STYLE.md §14)
  {
    files: ['packages/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@nestjs/*', 'typeorm', 'vue', 'pg', '@pacer/api', '@pacer/web', '**/apps/**'] },
      ],
    },
  },
  {
    files: ['apps/api/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@pacer/web', '**/apps/web/**', 'vue'] }] },
  },
  {
    files: ['apps/web/**/*.{ts,vue}'],
    rules: { 'no-restricted-imports': ['error', WEB_RESTRICTED] },
  },
  // shared web code imports no screen (only the router does)
  {
    files: ['apps/web/src/{api,components,composables,layouts,plugins,stores,utils,locales}/**/*.{ts,vue}'],
    rules: webRestricted({
      regex: '^(@/views/|(\\.\\./)+views/)',
      message: 'Shared web code imports no screen (src/views/).',
    }),
  },
  ...screenBoundaries,
  prettier,
);
