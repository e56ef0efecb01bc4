import 'reflect-metadata';

import * as path from 'node:path';

import { Client } from 'pg';

import { ConfigError, parseEnv } from '../../config/env.schema';
import { backupToFile, checkBackupDestination } from './backup';
import { readBackupHeader, restoreFromFile } from './restore';
import { resolveTarget } from './target';

/**
 * `npm run backup -- <file>` and `npm run restore -- <file>` (REL-8): node dist/database/backup/cli.js backup|restore
 * <file>. Every failure is one line on stderr and exit code 1; never a stack trace.
 */
type Command = 'backup' | 'restore';

function fail(command: string, message: string): never {
  process.stderr.write(`pacer ${command}: ${message.split('\n')[0]}\n`);
  process.exit(1);
}

function say(command: Command, message: string): void {
  process.stdout.write(`pacer ${command}: ${message}\n`);
}

/** A relative file name is taken from where `npm run` was typed (npm runs the script in apps/api). */
function resolveFile(file: string): string {
  const base = process.env.npm_lifecycle_event && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
  return path.resolve(base, file);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}

async function main(): Promise<void> {
  const [command, fileArg, ...rest] = process.argv.slice(2);
  if (command !== 'backup' && command !== 'restore') fail('backup', 'usage: cli.js backup|restore <file>');
  if (!fileArg || rest.length > 0) fail(command, `usage: npm run ${command} -- <file>`);
  let env: ReturnType<typeof parseEnv>;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    fail(command, error instanceof ConfigError ? error.message : String(error));
  }
  const file = resolveFile(fileArg);
  const started = Date.now();
  // a wrong file name or a wrong file is said before any database is started or touched
  if (command === 'backup') checkBackupDestination(file);
  else await readBackupHeader(file);
  const target = await resolveTarget({
    ...env,
    DATABASE_MIGRATION_URL: process.env.DATABASE_MIGRATION_URL,
  });
  try {
    if (command === 'backup') {
      const client = new Client({ connectionString: target.url, application_name: 'pacer-backup' });
      await client.connect();
      try {
        const { header, bytes } = await backupToFile(client, file);
        const rows = header.tables.reduce((n, t) => n + t.rows, 0);
        say(
          command,
          `saved ${header.tables.length} tables, ${rows} rows of ${target.description} (schema ${header.schemaVersion}) ` +
            `to ${file} (${formatBytes(bytes)}, ${Date.now() - started} ms); it holds personal data and password hashes: keep it safe`,
        );
      } finally {
        await client.end().catch(() => undefined);
      }
    } else {
      const result = await restoreFromFile(target.url, file);
      const rows = result.tables.reduce((n, t) => n + t.rows, 0);
      if (result.migrated.length > 0)
        say(command, `ran ${result.migrated.length} migrations up to ${result.header.schemaVersion}`);
      for (const t of result.tables)
        if (t.rows > 0) say(command, `  ${t.name.padEnd(28)} ${String(t.rows).padStart(9)}`);
      say(
        command,
        `loaded ${result.tables.length} tables, ${rows} rows from ${file} (made ${result.header.createdAt}, schema ` +
          `${result.header.schemaVersion}) into ${target.description} in ${Date.now() - started} ms; start Pacer to apply any newer migrations`,
      );
    }
  } finally {
    await target.release();
  }
}

main().catch((error: unknown) => {
  const command = process.argv[2] === 'restore' ? 'restore' : 'backup';
  fail(command, (error as Error)?.message || String(error));
});
