import { PROJECT_STAGE_ORDER, type ProjectStage } from '@pacer/shared';

import {
  applyStageEvent,
  initialStageState,
  isPathStage,
  type PathStage,
  type StageEventKind,
  type StageState,
} from '@pacer/shared';
import { type DateKey, STAGE_LABELS } from './projects.columns';

export const DATE_LABELS: Record<DateKey, string> = {
  signed: '签约日期',
  started: '开工日期',
  producing: '投产日期',
  registered: '入库日期',
  dropped: '终止日期',
};

export interface StageProblem {
  /** The column the problem belongs to: a date column or the stage column. */
  key: DateKey | 'stage';
  zh: string;
  en: string;
}

export interface StagePlan {
  /** The stage a new project starts at (null for an existing one). */
  initial: { stage: PathStage; date: string } | null;
  /** Events after the initial one, in order; each becomes a project_event row. */
  events: Array<{ kind: StageEventKind; date: string }>;
  /** The stage and dates once every event is applied. */
  final: StageState;
  problems: StageProblem[];
}

export interface StageInput {
  stage?: ProjectStage;
  dates: Partial<Record<DateKey, string>>;
}

const PATH_DATES = ['signed', 'started', 'producing'] as const;

function inferStage(input: StageInput): ProjectStage {
  if (input.stage) return input.stage;
  if (input.dates.dropped) return 'dropped';
  for (const k of ['producing', 'started', 'signed'] as const) if (input.dates[k]) return k;
  return 'lead';
}

function yearProblems(input: StageInput, keys: DateKey[], year: number): StageProblem[] {
  return keys
    .filter((k) => input.dates[k] && Number(input.dates[k]!.slice(0, 4)) !== year)
    .map((k) => ({
      key: k,
      zh: `日期 ${input.dates[k]} 不在计划年度（${year}年）内；以前年度的阶段请在系统中逐条登记`,
      en: `the date ${input.dates[k]} is outside the plan year ${year}`,
    }));
}

/**
 * A new project from a ledger row: it starts at its earliest dated path stage (or at 线索/洽谈 today) and moves
 * forward through the later dates, as if each stage change had been entered in turn.
 */
export function planNewProject(input: StageInput, today: string, year: number): StagePlan {
  const stage = inferStage(input);
  const { dates } = input;
  const problems: StageProblem[] = [];
  if (stage !== 'lead' && stage !== 'negotiating' && !dates[stage as DateKey]) {
    problems.push({
      key: stage as DateKey,
      zh: `阶段为“${STAGE_LABELS[stage]}”，须填写${DATE_LABELS[stage as DateKey]}`,
      en: `stage ${stage} needs its date`,
    });
  }
  for (const k of PATH_DATES) {
    if (dates[k] && stage !== 'dropped' && PROJECT_STAGE_ORDER[k] > PROJECT_STAGE_ORDER[stage]) {
      problems.push({
        key: k,
        zh: `阶段为“${STAGE_LABELS[stage]}”，不应填写${DATE_LABELS[k]}`,
        en: `stage ${stage} has a later date`,
      });
    }
  }
  if (dates.dropped && stage !== 'dropped') {
    problems.push({
      key: 'dropped',
      zh: '阶段不是“终止”，不应填写终止日期',
      en: 'a dropped date without the dropped stage',
    });
  }
  let latest: { key: DateKey; date: string } | null = null;
  for (const k of [...PATH_DATES, 'dropped'] as const) {
    const d = dates[k];
    if (!d) continue;
    if (latest && d < latest.date) {
      problems.push({
        key: k,
        zh: `${DATE_LABELS[k]}早于${DATE_LABELS[latest.key]}`,
        en: `${k} is before ${latest.key}`,
      });
    } else latest = { key: k, date: d };
  }
  problems.push(...yearProblems(input, [...PATH_DATES, 'registered', 'dropped'], year));

  const path = PATH_DATES.filter((k) => dates[k]);
  const initial: StagePlan['initial'] =
    path.length > 0
      ? { stage: path[0]!, date: dates[path[0]!]! }
      : {
          stage: stage === 'negotiating' ? 'negotiating' : 'lead',
          date: stage === 'dropped' && dates.dropped ? dates.dropped : today,
        };
  const events: StagePlan['events'] = path.slice(1).map((k) => ({ kind: k, date: dates[k]! }));
  if (dates.dropped) events.push({ kind: 'dropped', date: dates.dropped });
  if (dates.registered) events.push({ kind: 'registered', date: dates.registered });
  let final = initialStageState(initial.stage, initial.date);
  for (const e of events) final = applyStageEvent(final, e.kind, e.date).next;
  return { initial, events, final, problems };
}

/**
 * An existing project: dates already stored must match (changing one is a correction, which needs a reason and
 * belongs in the form); new dates and a later stage become forward events. Going back is refused here.
 */
export function planExistingProject(
  stored: StageState,
  input: StageInput,
  today: string,
  year: number,
): StagePlan {
  const problems: StageProblem[] = [];
  const fresh: DateKey[] = [];
  for (const k of ['signed', 'started', 'producing', 'dropped', 'registered'] as const) {
    const given = input.dates[k];
    if (!given || given === stored.dates[k]) continue;
    if (stored.dates[k]) {
      problems.push({
        key: k,
        zh: `系统中${DATE_LABELS[k]}为 ${stored.dates[k]}，与表中 ${given} 不同；更正日期请在系统中操作并填写原因`,
        en: `the stored ${k} date is ${stored.dates[k]}; corrections are made in the form with a reason`,
      });
    } else fresh.push(k);
  }
  problems.push(...yearProblems(input, fresh, year));
  const events: StagePlan['events'] = fresh.map((k) => ({ kind: k, date: input.dates[k]! }));
  const target = input.stage;
  if (target && target !== stored.stage) {
    if (stored.stage === 'dropped') {
      problems.push({
        key: 'stage',
        zh: '项目已终止，恢复请在系统中操作并填写原因',
        en: 'the project is dropped',
      });
    } else if (target !== 'dropped' && PROJECT_STAGE_ORDER[target] < PROJECT_STAGE_ORDER[stored.stage]) {
      problems.push({
        key: 'stage',
        zh: `阶段不能从“${STAGE_LABELS[stored.stage]}”退回“${STAGE_LABELS[target]}”；退回请在系统中操作并填写原因`,
        en: `the stage cannot go back from ${stored.stage} to ${target}`,
      });
    } else if (target === 'negotiating' || target === 'lead') {
      events.unshift({ kind: target, date: today });
    } else if (!fresh.includes(target as DateKey)) {
      problems.push({
        key: target as DateKey,
        zh: `阶段改为“${STAGE_LABELS[target]}”，须填写${DATE_LABELS[target as DateKey]}`,
        en: `stage ${target} needs its date`,
      });
    }
  }
  if (target && target !== 'dropped') {
    for (const k of fresh) {
      if (isPathStage(k) && PROJECT_STAGE_ORDER[k] > PROJECT_STAGE_ORDER[target]) {
        problems.push({
          key: k,
          zh: `阶段为“${STAGE_LABELS[target]}”，不应填写${DATE_LABELS[k]}`,
          en: `stage ${target} has a later date`,
        });
      }
    }
  }
  // path stages in order, then dropped; registered is a date of its own
  const rank = (k: StageEventKind) => (k === 'registered' ? 100 : PROJECT_STAGE_ORDER[k]);
  events.sort((a, b) => rank(a.kind) - rank(b.kind));
  let final = stored;
  for (const e of events) {
    const outcome = applyStageEvent(final, e.kind, e.date);
    if (outcome.isCorrection) {
      problems.push({
        key: e.kind === 'lead' || e.kind === 'negotiating' ? 'stage' : (e.kind as DateKey),
        zh: `${e.kind === 'lead' || e.kind === 'negotiating' ? '阶段' : DATE_LABELS[e.kind as DateKey]}早于已有阶段日期或使阶段倒退，属于更正，请在系统中操作并填写原因`,
        en: `${e.kind} ${e.date} would be a correction`,
      });
    }
    final = outcome.next;
  }
  return { initial: null, events, final, problems };
}
