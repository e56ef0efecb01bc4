import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Where the files of an embedded cluster are. A cluster is named by the folder its callers know (`clusterDir`,
 * `<PACER_DATA_DIR>/pg`); beside that folder live its login (`pg.credentials.json`, the owner's and the runtime
 * role's passwords, 0600) and, when the cluster's data had to live elsewhere, a pointer (`pg.location`: one line,
 * the absolute path of the real data folder). When Pacer runs as root, postgres runs as the `postgres` OS user, which
 * may not be able to reach `PACER_DATA_DIR` (a 0700 home or `mktemp -d` folder above it), so the data folder is made
 * under PACER_PG_RUNTIME_DIR instead (embedded-pg.ts explains why). Everything that reads a cluster's files — the
 * start, the backup CLI, the seed, the tests — goes through this one function.
 */
export interface ClusterFiles {
  /** The data folder postgres runs on (PGDATA): `clusterDir` itself, or where the pointer says. */
  dataDir: string;
  /** `postmaster.pid` of the data folder: its first line is the PID, its fourth the port, its eighth the status. */
  pidFile: string;
  credentialsFile: string;
  locationFile: string;
  /** The data folder is not `clusterDir` (a pointer names it). */
  relocated: boolean;
}

export function embeddedClusterFiles(clusterDir: string): ClusterFiles {
  const logical = path.resolve(clusterDir);
  const parent = path.dirname(logical);
  const base = path.basename(logical);
  const locationFile = path.join(parent, `${base}.location`);
  const credentialsFile = path.join(parent, `${base}.credentials.json`);
  let dataDir = logical;
  if (fs.existsSync(locationFile)) {
    const named = fs.readFileSync(locationFile, 'utf8').split('\n')[0]!.trim();
    if (!path.isAbsolute(named)) {
      throw new Error(
        `${locationFile} must name the absolute path of the cluster's data folder (found "${named}")`,
      );
    }
    dataDir = named;
  }
  return {
    dataDir,
    pidFile: path.join(dataDir, 'postmaster.pid'),
    credentialsFile,
    locationFile,
    relocated: dataDir !== logical,
  };
}

/** Writes the pointer atomically (a start interrupted half-way never leaves a half-written path). */
export function writeClusterLocation(files: ClusterFiles, dataDir: string): void {
  const temporary = `${files.locationFile}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${dataDir}\n`, { mode: 0o644 });
  fs.renameSync(temporary, files.locationFile);
}

/**
 * Deletes a cluster and its files for good: the data folder (wherever it lives), the pointer and the credentials.
 * For throwaway clusters (tests, benches); the cluster must be stopped.
 */
export function removeEmbeddedCluster(clusterDir: string): void {
  const files = embeddedClusterFiles(clusterDir);
  fs.rmSync(files.dataDir, { recursive: true, force: true });
  fs.rmSync(path.resolve(clusterDir), { recursive: true, force: true });
  fs.rmSync(files.locationFile, { force: true });
  fs.rmSync(files.credentialsFile, { force: true });
}
