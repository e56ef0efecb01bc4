import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';

/** A dedicated embedded cluster run by test/support/cluster-process.mjs; stop() waits until the postmaster is gone. */
export interface ClusterProcess {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export function startClusterProcess(clusterDir: string, port?: number): Promise<ClusterProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(__dirname, 'cluster-process.mjs'), clusterDir, ...(port ? [String(port)] : [])],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += String(c)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += String(chunk);
      const line = out.split('\n')[0];
      if (!out.includes('\n') || !line) return;
      const { url, port: actual } = JSON.parse(line) as { url: string; port: number };
      resolve({
        url,
        port: actual,
        stop: async () => {
          child.stdin!.end('stop\n');
          await exited;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`the cluster process exited (${code}): ${stderr}`)));
  });
}
