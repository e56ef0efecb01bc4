import type { DestinationStream } from 'pino';
import PinoPretty from 'pino-pretty';

/** `pretty`: one short line per event, for a person at a terminal; `json`: one JSON object per line, for machines. */
export type LogFormat = 'pretty' | 'json';

/** LOG_FORMAT when set; else pretty when stdout is a terminal, JSON when it is a pipe or a file (a log shipper). */
export function resolveLogFormat(setting: LogFormat | undefined, stdoutIsTty: boolean): LogFormat {
  return setting ?? (stdoutIsTty ? 'pretty' : 'json');
}

/** The message of a log line, with a request's method, path, status and time when it is one. */
export function shortMessage(log: Record<string, unknown>, messageKey: string): string {
  const context = typeof log.context === 'string' ? `[${log.context}] ` : '';
  const req = log.req as { method?: string; url?: string } | undefined;
  const res = log.res as { statusCode?: number } | undefined;
  const http = req?.method
    ? ` ${req.method} ${req.url ?? ''}${res?.statusCode ? ` ${res.statusCode}` : ''}` +
      `${typeof log.responseTime === 'number' ? ` ${log.responseTime} ms` : ''}`
    : '';
  const message = log[messageKey];
  return `${context}${typeof message === 'string' ? message : ''}${http}`;
}

/** Nest's start-up detail (a line per module and per route, ~150 lines): in JSON logs, not on a person's terminal. */
const BOOT_CHATTER = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** pino's logMethod hook for the pretty format: drops the lines of BOOT_CHATTER, passes everything else on. */
export function quietBootChatter(this: unknown, args: unknown[], method: (...args: unknown[]) => void): void {
  const first = args[0] as { context?: unknown } | null | undefined;
  if (first && typeof first === 'object' && BOOT_CHATTER.has(first.context as string)) return;
  method.apply(this, args);
}

/**
 * Pretty lines to stdout, written synchronously (no worker thread: nothing is lost when the process exits):
 * `[14:03:07] INFO: [RoutesResolver] AuthController {/api/v1/auth}`. The request's id stays (to match an error answer).
 */
export function prettyLogStream(colorize = true, destination?: NodeJS.WritableStream): DestinationStream {
  return PinoPretty({
    sync: true,
    ...(destination ? { destination } : {}),
    colorize,
    translateTime: 'SYS:HH:MM:ss',
    singleLine: true,
    ignore: 'pid,hostname,context,req,res,responseTime',
    messageFormat: shortMessage,
  });
}

/** The one line a person waits for; on a terminal set apart (blank lines, bold green) from the log lines around it. */
export function readyLine(port: number, demo: boolean, terminal: boolean): string {
  const line = `Pacer 已启动: http://localhost:${port}${demo ? ' — 演示账号见 README' : ''}`;
  return terminal ? `\n\x1b[1;32m${line}\x1b[0m\n\n` : `${line}\n`;
}
