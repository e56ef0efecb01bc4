import type {
  AttachmentKind,
  EvidenceStep,
  OwnFigures,
  PlanRow,
  ReadScreensMonth,
  RequiredDocuments,
  UpdatePlanRequest,
} from '@pacer/shared';
import { Dec, EVIDENCE_STEPS, linearCurve, validatePlanCurve } from '@pacer/shared';

/** The plan settings an admin edits here: deadlines, the yellow band, the time-progress curve and four eyes. */
export interface PlanSettingsForm {
  reportDeadlineDay: number;
  monthCloseDay: number;
  /** Percentage points, as typed. */
  yellowBand: string;
  isLinear: boolean;
  /** 12 cumulative percentages as typed ('8.333333' … '100'). */
  curvePct: string[];
  /** 四眼原则: whoever last submitted a report cannot approve it. */
  requireFourEyes: boolean;
  /** 超时未开工: months a signed project has to start. */
  lateStartMonths: number;
  /** 工作进展 required on submission. */
  requireProgressText: boolean;
  /** A month above this many times the unit's average month asks for confirmation ('0' = off), as typed. */
  spikeFactor: string;
  /** The month 驾驶舱/赛马榜/单位详情/大屏 open on: the latest closed one or the live one. */
  readScreensMonth: ReadScreensMonth;
  /** 本级数据: who carries own figures beside its units' (none, the parents below the root, or the root too). */
  ownFigures: OwnFigures;
  /** 佐证材料 per step: the kinds of which one must be attached (an empty list: nothing required). */
  requiredDocuments: Record<EvidenceStep, AttachmentKind[]>;
  /** The 通报 carries a 产业链 section (issue 17). */
  briefingChains: boolean;
}

/** The API's rule: 0–100 with up to 2 decimals. */
export const YELLOW_BAND_PATTERN = /^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/;
const PERCENT_TEXT = /^\d{1,3}(\.\d{1,4})?$/;

export function settingsForm(plan: PlanRow): PlanSettingsForm {
  const curve = plan.curve ?? linearCurve(4);
  return {
    reportDeadlineDay: plan.reportDeadlineDay,
    monthCloseDay: plan.monthCloseDay,
    yellowBand: new Dec(plan.yellowBand).toFixed(),
    isLinear: plan.curve === null,
    curvePct: curve.map((f) => new Dec(f).mul(100).toDecimalPlaces(4).toFixed()),
    requireFourEyes: plan.requireFourEyes,
    lateStartMonths: plan.lateStartMonths,
    requireProgressText: plan.requireProgressText,
    spikeFactor: new Dec(plan.spikeFactor).toFixed(),
    readScreensMonth: plan.readScreensMonth,
    ownFigures: plan.ownFigures,
    requiredDocuments: Object.fromEntries(
      EVIDENCE_STEPS.map((step) => [step, [...(plan.requiredDocuments[step] ?? [])]]),
    ) as Record<EvidenceStep, AttachmentKind[]>,
    briefingChains: plan.briefingChains,
  };
}

/** Percentages → the fractions the API stores (exact), or null when one is not a percentage at all. */
export function curveFractions(curvePct: readonly string[]): string[] | null {
  if (curvePct.some((p) => !PERCENT_TEXT.test(p.trim()))) return null;
  return curvePct.map((p) => new Dec(p.trim()).div(100).toFixed());
}

export type SettingsProblem = 'yellowBand' | 'curveFormat' | 'curveShape' | 'spikeFactor';

/** The API's rule for spikeFactor: 0–9999.99 with up to 2 decimals. */
export const SPIKE_FACTOR_PATTERN = /^\d{1,4}(\.\d{1,2})?$/;

export function checkSettings(form: PlanSettingsForm): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  if (!YELLOW_BAND_PATTERN.test(form.yellowBand.trim())) problems.push('yellowBand');
  if (!SPIKE_FACTOR_PATTERN.test(form.spikeFactor.trim())) problems.push('spikeFactor');
  if (!form.isLinear) {
    const fractions = curveFractions(form.curvePct);
    if (!fractions) problems.push('curveFormat');
    else if (validatePlanCurve(fractions).length) problems.push('curveShape');
  }
  return problems;
}

/** Only the settings that changed, with the version read. */
export function settingsPatch(plan: PlanRow, form: PlanSettingsForm): UpdatePlanRequest {
  const patch: UpdatePlanRequest = { version: plan.version };
  if (form.reportDeadlineDay !== plan.reportDeadlineDay) patch.reportDeadlineDay = form.reportDeadlineDay;
  if (form.monthCloseDay !== plan.monthCloseDay) patch.monthCloseDay = form.monthCloseDay;
  if (!new Dec(form.yellowBand.trim()).eq(plan.yellowBand)) patch.yellowBand = form.yellowBand.trim();
  const curve = form.isLinear ? null : curveFractions(form.curvePct);
  const sameCurve =
    curve === null
      ? plan.curve === null
      : plan.curve !== null && curve.every((f, i) => new Dec(f).eq(plan.curve![i]!));
  if (!sameCurve) patch.curve = curve;
  if (form.requireFourEyes !== plan.requireFourEyes) patch.requireFourEyes = form.requireFourEyes;
  if (form.lateStartMonths !== plan.lateStartMonths) patch.lateStartMonths = form.lateStartMonths;
  if (form.requireProgressText !== plan.requireProgressText) {
    patch.requireProgressText = form.requireProgressText;
  }
  if (
    SPIKE_FACTOR_PATTERN.test(form.spikeFactor.trim()) &&
    !new Dec(form.spikeFactor.trim()).eq(plan.spikeFactor)
  ) {
    patch.spikeFactor = form.spikeFactor.trim();
  }
  if (form.readScreensMonth !== plan.readScreensMonth) patch.readScreensMonth = form.readScreensMonth;
  if (form.ownFigures !== plan.ownFigures) patch.ownFigures = form.ownFigures;
  const documents = requiredDocumentsOf(form);
  if (JSON.stringify(documents) !== JSON.stringify(requiredDocumentsOf({ requiredDocuments: plan.requiredDocuments }))) {
    patch.requiredDocuments = documents;
  }
  if (form.briefingChains !== plan.briefingChains) patch.briefingChains = form.briefingChains;
  return patch;
}

/** The form's lists as the API takes them: steps in order, empty ones left out, kinds without repeats. */
export function requiredDocumentsOf(form: { requiredDocuments: RequiredDocuments }): RequiredDocuments {
  const out: RequiredDocuments = {};
  for (const step of EVIDENCE_STEPS) {
    const kinds = form.requiredDocuments[step] ?? [];
    if (kinds.length) out[step] = [...new Set(kinds)];
  }
  return out;
}
