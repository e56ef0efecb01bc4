import * as path from 'node:path';

/** apps/api (this file is src/config/paths.ts, or dist/config/paths.js once built). */
export const API_ROOT = path.resolve(__dirname, '..', '..');
/** The monorepo root. */
export const REPO_ROOT = path.resolve(API_ROOT, '..', '..');
/** Default folder for the embedded cluster and uploads (git-ignored). */
export const DEFAULT_DATA_DIR = path.join(REPO_ROOT, '.pacer-data');
/** Default location of the built web app. */
export const DEFAULT_WEB_DIST = path.join(REPO_ROOT, 'apps', 'web', 'dist');
