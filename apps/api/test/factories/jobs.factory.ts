import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { DataSource } from 'typeorm';

import { Clock } from '../../src/common/clock/clock.service';
import { createTestApp, type TestApp } from '../create-test-app';
import { insertIndicators, insertPlan, insertTarget } from './report.factory';
import { insertUnits, SMALL_COUNTY } from './unit.factory';
import { insertStandardUsers, insertUser } from './user.factory';

/** A clock every replica of a test shares, moved in Asia/Shanghai wall-clock time. */
export function sharedClock(wallClock: string) {
  const clock = {
    instant: shanghai(wallClock),
    now: () => new Date(clock.instant),
    set: (next: string) => {
      clock.instant = shanghai(next);
      return clock.instant;
    },
  };
  return clock;
}

/** An instant given as Shanghai wall-clock time, e.g. '2026-12-01T00:10'. */
export function shanghai(wallClock: string): Date {
  return new Date(`${wallClock}${wallClock.length === 16 ? ':00' : ''}+08:00`);
}

/**
 * `count` API instances of one deployment on one database (the first creates it), each with the shared clock,
 * their crons stopped (createTestApp): the replicas of REL-4.
 */
export async function startReplicas(count: number, clock: { now(): Date }): Promise<TestApp[]> {
  const overrides = [{ provide: Clock, useValue: clock }];
  const first = await createTestApp({ overrides });
  const others = await Promise.all(
    Array.from({ length: count - 1 }, () => createTestApp({ overrides, databaseUrl: first.databaseUrl })),
  );
  return [first, ...others];
}

/** Closes the replicas, the database's creator last (it drops the database). */
export async function stopReplicas(replicas: TestApp[]): Promise<void> {
  for (const replica of [...replicas].reverse()) await replica.close();
}

export interface JobsCounty {
  units: Record<string, number>;
  users: Record<string, number>;
  planId: number;
  otherPlanId: number;
  indicators: Record<string, number>;
}

/**
 * 示范县 (SMALL_COUNTY) and its published 2026 plan (deadline the 5th, close the 10th, scored on 实际到位资金 with a
 * late-report deduction), plus 邻县 with a plan of its own. Reporters: 城关镇, 青山镇, 开发区 (also covers its 东区),
 * 邻县东关镇; 县发展和改革局 has none.
 */
export async function seedJobsCounty(dataSource: DataSource): Promise<JobsCounty> {
  const units = await insertUnits(dataSource, [
    ...SMALL_COUNTY,
    { code: 'LX', name: '邻县', category: 'county' },
    { code: 'LX01', name: '东关镇', category: 'town', parent: 'LX' },
  ]);
  const standard = await insertStandardUsers(dataSource, units);
  const users: Record<string, number> = {
    ...standard,
    reporterP01: await insertUser(dataSource, {
      username: 'rep_p01',
      roles: ['reporter'],
      unitIds: [units.P01!],
      displayName: '开发区填报员',
    }),
    reporterLx01: await insertUser(dataSource, {
      username: 'rep_lx01',
      roles: ['reporter'],
      unitIds: [units.LX01!],
      displayName: '东关镇填报员',
    }),
  };
  const planId = await insertPlan(dataSource, {
    rootUnitId: units.XIAN!,
    name: '示范县2026年度招商引资目标考核',
  });
  await dataSource.query(`UPDATE plan SET scoring = $2, ranking_groups = $3 WHERE id = $1`, [
    planId,
    JSON.stringify({
      items: [
        {
          code: 'C_DWZJ',
          name: '实际到位资金完成率',
          method: 'completion',
          indicator: 'DWZJ',
          weight: '30',
          cap: '1.2',
        },
        {
          code: 'D_REPORT',
          name: '月报迟报漏报扣分',
          method: 'deduction',
          base: '3',
          rules: [
            { counter: 'reportMissing', points: '1', label: '缺报月报' },
            { counter: 'reportLate', points: '0.5', label: '迟报月报' },
          ],
        },
      ],
      coefficient: '1',
      listSize: 1,
    }),
    JSON.stringify([
      { code: 'towns', name: '乡镇组', categories: ['town'] },
      { code: 'others', name: '部门园区组', categories: ['department', 'park'] },
    ]),
  ]);
  const indicators = await insertIndicators(dataSource, planId);
  for (const code of ['T01', 'T02', 'D01', 'P01']) {
    await insertTarget(dataSource, planId, units[code]!, indicators.DWZJ!, '50000');
  }
  const otherPlanId = await insertPlan(dataSource, {
    rootUnitId: units.LX!,
    name: '邻县2026年度招商引资目标考核',
  });
  await insertIndicators(dataSource, otherPlanId);
  return { units, users, planId, otherPlanId, indicators };
}

export interface WebhookSink {
  url: string;
  received: Array<{ headers: IncomingHttpHeaders; body: { notification: { id: number; kind: string } } }>;
  close(): Promise<void>;
}

/** A local webhook receiver on 127.0.0.1 that records every POST and answers 204. */
export async function startWebhookSink(): Promise<WebhookSink> {
  const received: WebhookSink['received'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(body) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/pacer-hook`,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
