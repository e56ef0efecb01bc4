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

// The API's modules (apps/api/src/modules/<module>): a module imports another only through what it exports — its
// <module>.module.ts, *.service.ts, *.errors.ts, *.types.ts (types only) and dto/ — never its repository or other
// internals, and only along the arrows below (docs/architecture.md draws them); common/ imports no module. The arrows
// must stay acyclic: this file refuses to load (and `npm run lint` fails) when they are not.
const API = 'apps/api/src';
const API_RESTRICTED = [{ group: ['@pacer/web', '**/apps/web/**', 'vue'] }];
/** Each module → the modules it may import. A module not listed here may import none. */
const MODULE_ARROWS = {
  activities: ['audit', 'progress'],
  'api-docs': ['auth', 'users'],
  attachments: ['audit', 'plans', 'projects'],
  audit: [],
  auth: ['audit', 'service-accounts', 'users'],
  briefings: ['audit', 'chains', 'month-close', 'notifications', 'rankings', 'reports'],
  chains: ['audit'],
  dashboard: ['rankings'],
  excel: ['activities', 'audit', 'leads', 'plans', 'progress', 'projects', 'rankings', 'reports', 'targets'],
  health: [],
  investors: ['audit', 'leads', 'projects'],
  leads: ['audit', 'notifications', 'progress', 'projects'],
  'month-close': ['audit', 'notifications', 'plans', 'progress', 'rankings', 'reports'],
  notifications: [],
  'notification-channels': ['audit', 'notifications'],
  plans: ['audit'],
  progress: ['plans'],
  projects: ['audit', 'chains', 'notifications', 'plans', 'progress'],
  rankings: ['plans', 'reports'],
  reports: ['audit', 'notifications', 'plans', 'progress'],
  'scoring-entries': ['audit', 'plans', 'rankings'],
  'service-accounts': ['audit', 'users'],
  targets: ['audit', 'plans'],
  units: ['audit', 'progress'],
  users: ['audit', 'notifications'],
  verifications: ['audit', 'notifications', 'progress', 'projects'],
};
const MODULES = subfolders(`./${API}/modules`);
for (const name of MODULES) {
  if (!(name in MODULE_ARROWS))
    throw new Error(`eslint.config.mjs: module ${name} has no entry in MODULE_ARROWS`);
}
// a depth-first walk over the arrows: a cycle stops the config from loading
const cycleOf = (from, path = []) => {
  if (path.includes(from)) return [...path.slice(path.indexOf(from)), from];
  for (const to of MODULE_ARROWS[from] ?? []) {
    const cycle = cycleOf(to, [...path, from]);
    if (cycle) return cycle;
  }
  return null;
};
for (const name of Object.keys(MODULE_ARROWS)) {
  const cycle = cycleOf(name);
  if (cycle) throw new Error(`eslint.config.mjs: the module arrows have a cycle: ${cycle.join(' → ')}`);
}
const alternatives = (names) => names.map(escape).join('|');
const moduleBoundaries = MODULES.flatMap((name) => {
  const allowed = alternatives([name, ...MODULE_ARROWS[name]]);
  // one block per depth below the module's folder: from depth d, d + 1 × '../' reaches modules/
  return [0, 1, 2, 3].map((depth) => {
    const up = `^(\\.\\./){${depth + 1}}(?!\\.\\./)`;
    return {
      files: [`${API}/modules/${name}/${'*/'.repeat(depth)}*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              ...API_RESTRICTED,
              {
                regex: `${up}(?!(${allowed})/)[^/]+/`,
                message:
                  `Module ${name} may import ${MODULE_ARROWS[name].length ? `only ${MODULE_ARROWS[name].join(', ')}` : 'no other module'} ` +
                  '(MODULE_ARROWS in eslint.config.mjs, docs/architecture.md).',
              },
              {
                regex: `${up}(?!${escape(name)}/)[^/]+/(?!dto/|[^/]+\\.(module|service|errors|types)$)`,
                message:
                  'Another module is imported only through what it exports: its module, *.service, *.errors, *.types ' +
                  'or dto/ — never its repository or other internals.',
              },
              {
                regex: `^(\\.\\./){${depth + 2},}modules/`,
                message: 'Import another module as ../<module>/….',
              },
            ],
          },
        ],
      },
    };
  });
});

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
  // common/ is cross-cutting: it imports no module (modules import common/)
  {
    files: [`${API}/common/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...API_RESTRICTED,
            {
              regex: '^(\\.\\./)+modules/',
              message: 'common/ imports no module: move the code into the module.',
            },
          ],
        },
      ],
    },
  },
  ...moduleBoundaries,
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
