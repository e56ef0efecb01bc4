import { Writable } from 'node:stream';

import pino from 'pino';

import { prettyLogStream, quietBootChatter, readyLine, resolveLogFormat, shortMessage } from './log-format';

describe('log format (LOG_FORMAT)', () => {
  it('should be pretty on a terminal and JSON on a pipe unless LOG_FORMAT says otherwise', () => {
    expect(resolveLogFormat(undefined, true)).toBe('pretty');
    expect(resolveLogFormat(undefined, false)).toBe('json');
    expect(resolveLogFormat('json', true)).toBe('json');
    expect(resolveLogFormat('pretty', false)).toBe('pretty');
  });

  it('should shorten a request log line to method, path, status and time', () => {
    const line = {
      msg: 'request completed',
      req: { id: 'r-1', method: 'GET', url: '/api/v1/plans' },
      res: { statusCode: 200 },
      responseTime: 12,
    };
    expect(shortMessage(line, 'msg')).toBe('request completed GET /api/v1/plans 200 12 ms');
    expect(shortMessage({ msg: '示范县 seeded', context: 'DemoSeedService' }, 'msg')).toBe(
      '[DemoSeedService] 示范县 seeded',
    );
  });

  it('should write one short uncoloured line per event through pino-pretty', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = pino({ base: { pid: 1, hostname: 'h' } }, prettyLogStream(false, sink));
    logger.info({ context: 'NestApplication' }, 'Nest application successfully started');
    logger.info({ context: 'RouterExplorer' }, 'Mapped {/api/v1/plans, GET} route'); // kept: the hook is not on here
    const text = lines.join('').split('\n')[0] + '\n';
    expect(text).toMatch(
      /^\[\d\d:\d\d:\d\d\] INFO: \[NestApplication\] Nest application successfully started\n$/,
    );
    expect(text).not.toContain('{');
  });
});

describe('quietBootChatter', () => {
  it("should drop Nest's per-module and per-route start-up lines and keep the rest", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = pino({ hooks: { logMethod: quietBootChatter } }, prettyLogStream(false, sink));
    logger.info({ context: 'InstanceLoader' }, 'AppModule dependencies initialized');
    logger.info({ context: 'RouterExplorer' }, 'Mapped {/api/v1/plans, GET} route');
    logger.info({ context: 'DemoSeedService' }, '示范县 seeded');
    logger.warn('磁盘空间不足');
    expect(lines.join('')).toMatch(
      /^\[[\d:]+\] INFO: \[DemoSeedService\] 示范县 seeded\n\[[\d:]+\] WARN: 磁盘空间不足\n$/,
    );
  });
});

describe('the ready line', () => {
  it('should name the real port, with the demo hint only in demo mode', () => {
    expect(readyLine(3000, true, false)).toBe('Pacer 已启动: http://localhost:3000 — 演示账号见 README\n');
    expect(readyLine(8080, false, false)).toBe('Pacer 已启动: http://localhost:8080\n');
    expect(readyLine(3000, true, true)).toBe(
      '\n\x1b[1;32mPacer 已启动: http://localhost:3000 — 演示账号见 README\x1b[0m\n\n',
    );
  });
});
