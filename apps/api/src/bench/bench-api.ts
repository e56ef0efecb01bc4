import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

export interface Timing {
  samples: number[];
  p50: number;
  p95: number;
  max: number;
  bytes: number;
}

/** Nearest-rank percentiles of the samples (ms). */
export function timingOf(samples: number[], bytes = 0): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  return { samples, p50: at(50), p95: at(95), max: sorted[sorted.length - 1]!, bytes };
}

export interface HttpResult {
  status: number;
  body: Buffer;
  ms: number;
}

/** One keep-alive connection to the API; requests run one after the other. */
export class ApiClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  token: string | null = null;

  constructor(private readonly port: number) {}

  request(method: string, url: string, body?: unknown): Promise<HttpResult> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const req = http.request(
        { host: '127.0.0.1', port: this.port, method, path: url, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks),
              ms: performance.now() - started,
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.setTimeout(20 * 60_000, () => req.destroy(new Error(`${method} ${url} timed out`)));
      if (payload) req.write(payload);
      req.end();
    });
  }

  /** The request, which must answer `expected`; its JSON body. */
  async json<T>(method: string, url: string, body?: unknown, expected = 200): Promise<T> {
    const res = await this.request(method, url, body);
    if (res.status !== expected) {
      throw new Error(`${method} ${url} answered ${res.status}: ${res.body.toString('utf8').slice(0, 500)}`);
    }
    return (res.body.length > 0 ? JSON.parse(res.body.toString('utf8')) : undefined) as T;
  }

  async login(username: string, password: string): Promise<void> {
    this.token = null;
    const res = await this.json<{ accessToken: string }>('POST', '/api/v1/auth/login', {
      username,
      password,
    });
    this.token = res.accessToken;
  }

  /** Warm-up, then `reps` sequential requests that must all answer 200. */
  async measure(url: string, reps: number, warmup: number): Promise<Timing> {
    let bytes = 0;
    const samples: number[] = [];
    for (let i = 0; i < warmup + reps; i++) {
      const res = await this.request('GET', url);
      if (res.status !== 200) {
        throw new Error(`GET ${url} answered ${res.status}: ${res.body.toString('utf8').slice(0, 500)}`);
      }
      bytes = res.body.length;
      if (i >= warmup) samples.push(res.ms);
    }
    return timingOf(samples, bytes);
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface RunningApi {
  pid: number;
  port: number;
  /** Peak resident set (VmHWM) and current (VmRSS) of the API process, in MiB. */
  memory(): { peakMiB: number; rssMiB: number };
  stop(): Promise<void>;
  output(): string;
}

function readStatusKb(pid: number, field: string): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : NaN;
}

/**
 * The compiled API (dist/main.js) as a child process on the benchmark's database: no jobs, no demo, the first
 * administrator from the environment. Resolves once /api/health/ready answers 200.
 */
export async function startApi(options: {
  databaseUrl: string;
  /** The owner's URL (DATABASE_MIGRATION_URL), when the API serves as a separate runtime role. */
  migrationUrl?: string;
  port: number;
  dataDir: string;
  admin: { username: string; password: string };
  /** Extra Node options for the API (`--cpu-prof --cpu-prof-dir DIR` with the bench's `--cpu-prof DIR`). */
  nodeArgs?: string[];
}): Promise<RunningApi> {
  const main = path.resolve(__dirname, '..', 'main.js');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: options.databaseUrl,
    ...(options.migrationUrl ? { DATABASE_MIGRATION_URL: options.migrationUrl } : {}),
    PORT: String(options.port),
    HOST: '127.0.0.1',
    PACER_DATA_DIR: options.dataDir,
    PACER_JOBS: '0',
    PACER_DEMO: '0',
    LOG_LEVEL: 'warn',
    PACER_ADMIN_USERNAME: options.admin.username,
    PACER_ADMIN_PASSWORD: options.admin.password,
  };
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), main], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const api: RunningApi = {
    pid: child.pid!,
    port: options.port,
    memory: () => ({
      peakMiB: readStatusKb(child.pid!, 'VmHWM') / 1024,
      rssMiB: readStatusKb(child.pid!, 'VmRSS') / 1024,
    }),
    output: () => log,
    stop: async () => {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(timer);
    },
  };
  const probe = new ApiClient(options.port);
  const deadline = Date.now() + 120_000;
  try {
    while (Date.now() < deadline) {
      if (exited) throw new Error(`the API exited during start:\n${log}`);
      const ready = await probe.request('GET', '/api/health/ready').catch(() => null);
      if (ready?.status === 200) return api;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the API was not ready within 120 s:\n${log}`);
  } catch (error) {
    await api.stop();
    throw error;
  } finally {
    probe.close();
  }
}
