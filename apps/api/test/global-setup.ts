import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { startEmbeddedPostgres } from '../src/database/embedded-pg';

/** One throwaway PostgreSQL cluster for the whole e2e run; each test file makes its own database in it. */
export default async function globalSetup(): Promise<void> {
  // the OpenAPI answers' schemas from the shared contracts, as the build writes them into dist (kept while fresh)
  execFileSync(process.execPath, [path.join(__dirname, '../scripts/openapi-contracts.cjs'), '--if-stale'], {
    stdio: 'inherit',
  });
  if (process.env.PACER_TEST_DATABASE_URL) return; // an external server was given
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacer-e2e-'));
  const cluster = await startEmbeddedPostgres({ clusterDir: path.join(dir, 'pg'), persistent: false, database: 'postgres' });
  process.env.PACER_TEST_DATABASE_URL = cluster.url;
  // the app in every e2e test serves requests as this less privileged role, as main.ts does
  process.env.PACER_TEST_RUNTIME_DATABASE_URL = cluster.runtimeUrl;
  (globalThis as { __pacerCluster?: { stop(): Promise<void>; dir: string } }).__pacerCluster = {
    dir,
    stop: async () => {
      await cluster.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
