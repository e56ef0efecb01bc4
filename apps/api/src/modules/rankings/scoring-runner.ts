import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  type ErrorDetail,
  type ScorePlanInput,
  type ScorePlanResult,
  ScoringConfigError,
} from '@pacer/shared';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';

/**
 * The worker's young generation, MiB. The engine allocates short-lived decimals by the million: at V8's default
 * (48 MiB for a worker) ~37% of its time goes to garbage collection; 64 MiB cut a province's month from 2.95–3.38 s
 * to 2.39–2.73 s, and more gained nothing (docs/benchmarks.md).
 */
const YOUNG_GENERATION_MB = 64;
/**
 * Rows of one of the input's lists per message to the worker. A message is copied on the event loop when posted:
 * a province's input (13 MB) in one message stalls it ~60 ms; in parts of this size, a few ms each.
 */
const INPUT_ROWS_PER_PART = 5000;
/**
 * About this many characters of JSON per part of the result. A province's result is 66 MB of JSON; as one message
 * (or one text) its copy and parse on the event loop took 0.4–1 s; a part of this size parses in ~10 ms.
 */
const RESULT_PART_CHARS = 1 << 20;

/**
 * The worker: scorePlan from @pacer/shared (ESM, loaded with require like the API loads it), one call at a time in
 * the order they arrive. A call's long lists may come first, in parts; its result goes back as JSON text, each long
 * list in parts of about RESULT_PART_CHARS characters, then the rest (those lists empty) with `result`.
 */
const WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { scorePlan, ScoringConfigError } = require(workerData.shared);
const inputParts = new Map();

parentPort.on('message', (message) => {
  if (message.rows !== undefined) {
    const parts = inputParts.get(message.id) ?? [];
    parts.push(message);
    inputParts.set(message.id, parts);
    return;
  }
  const { id, input } = message;
  for (const part of inputParts.get(id) ?? []) for (const row of part.rows) input[part.key].push(row);
  inputParts.delete(id);
  try {
    send(id, scorePlan(input));
  } catch (error) {
    parentPort.postMessage({ id, error: describe(error) });
  }
});

function send(id, result) {
  const rest = {};
  for (const [key, value] of Object.entries(result)) {
    if (!Array.isArray(value)) {
      rest[key] = value;
      continue;
    }
    rest[key] = [];
    let texts = [];
    let chars = 0;
    for (const row of value) {
      const text = JSON.stringify(row);
      texts.push(text);
      chars += text.length;
      if (chars >= workerData.partChars) {
        parentPort.postMessage({ id, key, text: '[' + texts.join(',') + ']' });
        texts = [];
        chars = 0;
      }
    }
    if (texts.length > 0) parentPort.postMessage({ id, key, text: '[' + texts.join(',') + ']' });
  }
  parentPort.postMessage({ id, result: JSON.stringify(rest) });
}

function describe(error) {
  if (error instanceof ScoringConfigError) return { issues: error.issues };
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}
`;

type FromWorker =
  | { id: number; key: string; text: string }
  | { id: number; result: string }
  | { id: number; error: { issues: ErrorDetail[] } | { name: string; message: string; stack?: string } };

interface Answer {
  rest: string;
  parts: Array<{ key: string; text: string }>;
}

interface Call {
  parts: Array<{ key: string; text: string }>;
  resolve: (answer: Answer) => void;
  reject: (error: unknown) => void;
}

/** A started worker and the calls it has not answered. */
interface Running {
  worker: Worker;
  calls: Map<number, Call>;
}

/**
 * Runs the scoring engine (scorePlan, seconds for a province) in a worker thread, so the API's event loop keeps
 * serving other requests meanwhile. One long-lived worker per process, started on the first call; calls are
 * answered one after the other, by id. A ScoringConfigError comes back as one, with its issues; any other error
 * with its message and stack. When the worker dies its pending calls reject and the next call starts a new one;
 * the application's shutdown stops it.
 *
 * The result is a copy of the engine's as JSON would give it back (flat strings, plain objects), assembled in
 * parts so that no step blocks the event loop for long.
 */
@Injectable()
export class ScoringRunner implements OnApplicationShutdown {
  private running: Running | null = null;
  private lastId = 0;

  async score(input: ScorePlanInput): Promise<ScorePlanResult> {
    const running = this.running ?? this.start();
    const id = ++this.lastId;
    const answered = new Promise<Answer>((resolve, reject) => {
      running.calls.set(id, { parts: [], resolve, reject });
    });
    // the worker may die while the input is still being posted: awaited below, never unhandled
    answered.catch(() => undefined);
    // only while calls are pending may the worker keep the process alive
    running.worker.ref();
    try {
      await this.post(running, id, input);
    } catch (error) {
      // e.g. a value structured clone cannot copy
      this.settle(running, id)?.reject(error);
    }
    return assemble(await answered);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Stops the worker, if one runs: pending calls reject; the next call starts a new worker. */
  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.fail(running, new Error('the scoring worker was stopped'));
    await running.worker.terminate();
  }

  private start(): Running {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      // resolved here, so the worker loads the very file the API does, whatever the working directory
      workerData: { shared: require.resolve('@pacer/shared'), partChars: RESULT_PART_CHARS },
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    const running: Running = { worker, calls: new Map() };
    worker.unref();
    worker.on('message', (message: FromWorker) => this.receive(running, message));
    worker.on('error', (error) => this.fail(running, error));
    worker.on('messageerror', (error) => {
      this.fail(running, error);
      void worker.terminate();
    });
    worker.on('exit', (code) => this.fail(running, new Error(`the scoring worker exited (code ${code})`)));
    this.running = running;
    return running;
  }

  /** The input, its long lists in parts with a turn of the event loop between them, then the rest. */
  private async post(running: Running, id: number, input: ScorePlanInput): Promise<void> {
    const rest: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input)) {
      if (!Array.isArray(value) || value.length <= INPUT_ROWS_PER_PART) {
        rest[key] = value;
        continue;
      }
      rest[key] = [];
      for (let i = 0; i < value.length; i += INPUT_ROWS_PER_PART) {
        running.worker.postMessage({ id, key, rows: value.slice(i, i + INPUT_ROWS_PER_PART) });
        await nextTurn();
      }
    }
    running.worker.postMessage({ id, input: rest });
  }

  private receive(running: Running, message: FromWorker): void {
    if ('text' in message) {
      running.calls.get(message.id)?.parts.push({ key: message.key, text: message.text });
      return;
    }
    const call = this.settle(running, message.id);
    if (!call) return;
    if ('result' in message) call.resolve({ rest: message.result, parts: call.parts });
    else call.reject(errorFrom(message.error));
  }

  /** The call, no longer pending. */
  private settle(running: Running, id: number): Call | undefined {
    const call = running.calls.get(id);
    running.calls.delete(id);
    if (running.calls.size === 0) running.worker.unref();
    return call;
  }

  /** The worker is gone (or going): its pending calls reject, and the next call starts another. */
  private fail(running: Running, error: unknown): void {
    if (this.running === running) this.running = null;
    const calls = [...running.calls.values()];
    running.calls.clear();
    running.worker.unref();
    for (const call of calls) call.reject(error);
  }
}

/** The result from its parts, one part parsed per turn of the event loop. */
async function assemble(answer: Answer): Promise<ScorePlanResult> {
  const result = JSON.parse(answer.rest) as Record<string, unknown[]>;
  for (const part of answer.parts) {
    await nextTurn();
    const list = result[part.key]!;
    for (const row of JSON.parse(part.text) as unknown[]) list.push(row);
  }
  return result as unknown as ScorePlanResult;
}

function errorFrom(
  error: { issues: ErrorDetail[] } | { name: string; message: string; stack?: string },
): Error {
  if ('issues' in error) return new ScoringConfigError(error.issues);
  const copy = new Error(error.message);
  copy.name = error.name;
  if (error.stack !== undefined) copy.stack = error.stack;
  return copy;
}
