import { Client } from 'pg';

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * Waits up to `timeoutSeconds` for the database to accept a connection; throws one clear line if it never does.
 * (A compose stack may start the API a moment before PostgreSQL is ready.)
 */
export async function waitForDatabase(url: string, timeoutSeconds: number): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let lastError: string;
  do {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      lastError = [e.code, e.message].filter(Boolean).join(' ') || String(error);
      await client.end().catch(() => undefined);
    }
    if (Date.now() < deadline) await new Promise((r) => setTimeout(r, 1000));
  } while (Date.now() < deadline);
  throw new Error(`cannot reach the database at ${redactUrl(url)} after ${timeoutSeconds}s: ${lastError}`);
}
