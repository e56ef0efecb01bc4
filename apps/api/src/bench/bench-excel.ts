import { performance } from 'node:perf_hooks';

import { Workbook } from 'exceljs';
import type { Client } from 'pg';

import type { ApiClient, RunningApi } from './bench-api';

/** Issue 11 §3's aims for a 20,000-row project ledger. */
export const EXCEL_AIMS = { rows: 20_000, commitMs: 10_000, previewRssMiB: 150 } as const;

const HEADERS = [
  '责任单位',
  '项目名称',
  '投资方',
  '统一社会信用代码',
  '投资方来源',
  '产业链',
  '协议投资额（万元）',
  '500强类型',
  '链主企业',
  '专精特新',
  '当前阶段',
  '签约日期',
];
const ORIGINS = ['省外', '市外省内', '境外', '省外'];
const STAGES = ['洽谈', '签约', '签约', '线索'];

/** A ledger of `rows` new projects over the province's units (by code), as a clerk's sheet would hold them. */
export async function ledgerXlsx(unitCodes: string[], rows: number, year: number): Promise<Buffer> {
  const wb = new Workbook();
  const sheet = wb.addWorksheet('项目台账');
  sheet.addRow(HEADERS);
  for (let i = 0; i < rows; i++) {
    const stage = STAGES[i % STAGES.length]!;
    sheet.addRow([
      unitCodes[i % unitCodes.length],
      `台账导入基准项目${String(i + 1).padStart(5, '0')}号`,
      `江苏恒远${(i % 97) + 1}号科技有限公司`,
      null,
      ORIGINS[i % ORIGINS.length],
      null,
      5000 + (i % 400) * 125.5,
      null,
      '否',
      i % 7 === 0 ? '是' : '否',
      stage,
      stage === '签约' ? new Date(Date.UTC(year, 2, 1 + (i % 28))) : null,
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Uploads a 20,000-row ledger (preview: its time and the API's RSS rise, sampled every 20 ms) and commits it as a job
 * (the 202's time, then until the job succeeded, polled), each against its aim.
 */
export async function benchExcelImport(options: {
  client: ApiClient;
  api: RunningApi;
  pg: Client;
  planId: number;
  port: number;
  say: (message: string) => void;
}): Promise<Array<{ name: string; ms: number; note?: string }>> {
  const { client, api, pg, planId, port, say } = options;
  const [{ year }] = (await pg.query('SELECT year FROM plan WHERE id = $1', [planId])).rows;
  const codes = (
    await pg.query(`SELECT code FROM unit WHERE is_active AND parent_id IS NOT NULL ORDER BY id LIMIT 2000`)
  ).rows.map((r: { code: string }) => r.code);
  const file = await ledgerXlsx(codes, EXCEL_AIMS.rows, year);
  const auth = { authorization: `Bearer ${client.token}` };
  const base = `http://127.0.0.1:${port}/api/v1`;

  const rssBefore = api.memory().rssMiB;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, api.memory().rssMiB);
  }, 20);
  const form = new FormData();
  form.set('planId', String(planId));
  form.set('file', new Blob([file]), '项目台账-基准.xlsx');
  const previewStarted = performance.now();
  const res = await fetch(`${base}/imports/projects`, { method: 'POST', headers: auth, body: form });
  const previewMs = performance.now() - previewStarted;
  clearInterval(sampler);
  rssPeak = Math.max(rssPeak, api.memory().rssMiB);
  const preview = (await res.json()) as { id: string; problems: unknown[]; summary: { created: number } };
  if (res.status !== 200 || preview.problems.length > 0 || preview.summary.created !== EXCEL_AIMS.rows) {
    throw new Error(`the ledger preview failed: ${res.status} ${JSON.stringify(preview).slice(0, 2000)}`);
  }
  const rssDelta = rssPeak - rssBefore;
  say(
    `excel preview of ${EXCEL_AIMS.rows} rows (${(file.length / 1048576).toFixed(1)} MB): ${previewMs.toFixed(0)} ms, RSS +${rssDelta.toFixed(0)} MiB`,
  );

  const commitStarted = performance.now();
  const started = await fetch(`${base}/imports/${preview.id}/jobs`, { method: 'POST', headers: auth });
  const acceptedMs = performance.now() - commitStarted;
  const job = (await started.json()) as { id: string; status: string };
  if (started.status !== 202)
    throw new Error(`the job did not start: ${started.status} ${JSON.stringify(job)}`);
  let state: { status: string; phase: string; rowsDone: number; error: unknown };
  for (;;) {
    state = (
      (await (await fetch(`${base}/imports/${preview.id}`, { headers: auth })).json()) as {
        job: typeof state;
      }
    ).job;
    if (state.status !== 'running') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const commitMs = performance.now() - commitStarted;
  if (state.status !== 'succeeded') throw new Error(`the import job failed: ${JSON.stringify(state.error)}`);
  say(
    `excel commit job of ${EXCEL_AIMS.rows} rows: ${commitMs.toFixed(0)} ms (202 in ${acceptedMs.toFixed(0)} ms)`,
  );
  const ratio = (value: number, aim: number) => `${(value / aim).toFixed(2)}× the aim of ${aim}`;
  return [
    {
      name: `Excel ledger preview, ${EXCEL_AIMS.rows} rows (${(file.length / 1048576).toFixed(1)} MB)`,
      ms: previewMs,
      note: `streamed read; API RSS +${rssDelta.toFixed(0)} MiB = ${ratio(rssDelta, EXCEL_AIMS.previewRssMiB)} MiB`,
    },
    {
      name: `Excel ledger commit as a job, ${EXCEL_AIMS.rows} rows`,
      ms: commitMs,
      note: `set-based, one transaction; ${ratio(commitMs, EXCEL_AIMS.commitMs)} ms; the 202 in ${acceptedMs.toFixed(0)} ms`,
    },
  ];
}
