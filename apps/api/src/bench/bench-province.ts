import type { BenchResult } from './bench-report';

/**
 * The province-scale aims of issue 11 part 3, each with its figure and its ratio against a floor measured in the
 * same run (docs/benchmarks.md):
 * - the ranking right after an approval ≤ 500 ms; floor: the whole ranking as one SQL statement (bench-floor.ts), p50;
 * - the month close ≤ 10 s; floor: the summary's rebuild (which the close's drift check repeats) plus that statement;
 * - the API's peak RSS over the run ≤ 800 MiB; floor: the API's RSS just after its start, before any request;
 * - the whole-province ranking and dashboard p95 ≤ 30 ms, live and frozen; floor: their statements' p95.
 */
export const PROVINCE_AIMS = { afterApprovalMs: 500, closeMs: 10_000, peakRssMiB: 800, p95Ms: 30 };

export interface ProvinceAim {
  name: string;
  figure: number;
  unit: 'ms' | 'MiB';
  aim: number;
  floor: number | null;
  floorName: string;
}

const oneOff = (result: BenchResult, prefix: string) =>
  result.oneOff.find((o) => o.name.startsWith(prefix))?.ms;

/** The aims that the run measured (a run without an approval to make has no after-approval figure). */
export function provinceAims(result: BenchResult, startRssMiB: number): ProvinceAim[] {
  const route = (name: string) => result.routes.find((r) => r.name === name);
  const rankingFloor = route('ranking (live)')?.floor ?? null;
  const rebuild = oneOff(result, 'YtdSummaryService.refreshPlan (rebuild)');
  const aims: ProvinceAim[] = [];
  const after = oneOff(result, 'GET ranking 2026-07 right after the approval');
  if (after !== undefined) {
    aims.push({
      name: 'ranking right after an approval',
      figure: after,
      unit: 'ms',
      aim: PROVINCE_AIMS.afterApprovalMs,
      floor: rankingFloor?.p50 ?? null,
      floorName: 'the ranking statement, p50',
    });
  }
  const close = oneOff(result, 'POST /plans/:id/months/');
  if (close !== undefined) {
    aims.push({
      name: 'month close (POST …/close)',
      figure: close,
      unit: 'ms',
      aim: PROVINCE_AIMS.closeMs,
      floor: rebuild !== undefined && rankingFloor ? rebuild + rankingFloor.p50 : null,
      floorName: 'the summary rebuild + the ranking statement',
    });
  }
  aims.push({
    name: 'API peak RSS over the run',
    figure: result.memory.peakMiB,
    unit: 'MiB',
    aim: PROVINCE_AIMS.peakRssMiB,
    floor: startRssMiB,
    floorName: 'the API just started',
  });
  for (const name of ['ranking (live)', 'dashboard (live)', 'ranking (frozen)', 'dashboard (frozen)']) {
    const row = route(name);
    if (!row) continue;
    aims.push({
      name: `${name} whole province, p95`,
      figure: row.timing.p95,
      unit: 'ms',
      aim: PROVINCE_AIMS.p95Ms,
      floor: row.floor?.p95 ?? null,
      floorName: 'its statement, p95',
    });
  }
  return aims;
}

const num = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

/** One line per aim: figure, aim, met or MISSED, ratio against its floor. */
export function provinceAimLines(aims: ProvinceAim[]): string[] {
  return aims.map(
    (a) =>
      `${a.name}: ${num(a.figure)} ${a.unit} (aim ≤ ${num(a.aim)} ${a.unit}: ${a.figure <= a.aim ? 'met' : 'MISSED'}); ` +
      (a.floor === null || a.floor <= 0
        ? 'no floor measured'
        : `${(a.figure / a.floor).toFixed(2)}× its floor (${a.floorName}: ${num(a.floor)} ${a.unit})`),
  );
}
