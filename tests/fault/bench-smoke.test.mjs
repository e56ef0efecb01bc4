// `npm run bench` at a tiny scale, so a change that breaks the benchmark (an account it can no longer use, a route it
// measures answering an error) fails `npm test` instead of the next person who measures. Figures are not judged here:
// speed is read from the bench's own output (docs/benchmarks.md), never from a timed test.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { REPO_ROOT } from '../support/server.mjs';

const BENCH = join(REPO_ROOT, 'apps', 'api', 'dist', 'bench', 'run-bench.js');

function runBench(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BENCH, ...args], {
      cwd: join(REPO_ROOT, 'apps', 'api'),
      env: { ...process.env, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('npm run bench at a tiny scale', () => {
  it('runs every measurement to the end, and the maintained summary equals a rebuild', async () => {
    assert.ok(existsSync(BENCH), `build the API first: ${BENCH} is missing`);
    const { code, output } = await runBench(['--scale', '0.02', '--reps', '3', '--warmup', '1', '--no-write', '--wait-minutes', '0']);
    assert.equal(code, 0, output.slice(-3000));
    assert.doesNotMatch(output, /FAILED/);
    // one line per measured route, and the delta-vs-rebuild check the bench fails on
    for (const route of ['progress', 'ranking (live)', 'dashboard (live)', 'scorecard (live)']) {
      assert.match(output, new RegExp(`^${route.replace(/[()]/g, '\\$&')}\\s+\\d`, 'm'), `${route} measured`);
    }
    assert.match(output, /maintained summary vs a rebuild after the approval: .*\(0 differing rows of \d+\)/);
    assert.match(output, /POST \/reports\/:id\/approve \(one report\): [\d.]+ ms/);
  });
});
