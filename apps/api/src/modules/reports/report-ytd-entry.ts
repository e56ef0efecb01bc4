import {
  type ErrorDetail,
  isReportMonth,
  type ReportFrequency,
  type ReportValue,
  type ReportValueInput,
  ytdIncrement,
} from '@pacer/shared';

/** A reported indicator as a save reads it: how it is entered, and the unit's approved 累计 before the month. */
export interface EntryLine {
  indicatorId: number;
  name: string;
  entryMode?: 'month' | 'ytd';
  reportFrequency?: ReportFrequency;
  approvedYtdBefore: string;
}

/**
 * The values a save stores (docs/scoring.md §10): a year-to-date indicator's `ytd` becomes the month's increment
 * (`ytd − approvedYtdBefore`), kept with its 累计 and, for a correction (below the approved 累计), its reason; an
 * indicator entered monthly keeps its `value`. Answers the problems instead when the shape is wrong (400: `ytd`
 * missing or not allowed, `value` missing) or a correction has no reason (422, `values.N.correctionReason`).
 * Values of indicators that are not this plan's reported ones pass through (checkValues names them).
 */
export function resolveYtdEntries(
  values: readonly ReportValueInput[],
  lines: readonly EntryLine[],
  monthNo: number,
): { values: ReportValue[]; invalid: ErrorDetail[]; corrections: ErrorDetail[] } {
  const byId = new Map(lines.map((l) => [l.indicatorId, l]));
  const out: ReportValue[] = [];
  const invalid: ErrorDetail[] = [];
  const corrections: ErrorDetail[] = [];
  values.forEach((v, i) => {
    const line = byId.get(v.indicatorId);
    const hasYtd = v.ytd !== undefined && v.ytd !== null;
    // a quarterly figure belongs to 3/6/9/12 only (§11): another month has none to report
    if (line && !isReportMonth(line.reportFrequency, monthNo)) {
      invalid.push({
        field: `values.${i}.${hasYtd ? 'ytd' : 'value'}`,
        code: 'notReportMonth',
        message: `values.${i}：${line.name}按季度报送，只在3、6、9、12月填报`,
        messageEn: `values.${i}: ${line.name} is reported quarterly, in March, June, September and December only`,
      });
      return;
    }
    if (line?.entryMode === 'ytd') {
      if (!hasYtd) {
        invalid.push({
          field: `values.${i}.ytd`,
          code: 'isDefined',
          message: `values.${i}.ytd：${line.name}按累计填报，请填写累计数`,
          messageEn: `values.${i}.ytd: ${line.name} is entered year-to-date`,
        });
        return;
      }
      const derived = ytdIncrement(v.ytd!, line.approvedYtdBefore);
      const reason = v.correctionReason?.trim() || null;
      if (derived.isCorrection && !reason) {
        corrections.push({
          field: `values.${i}.correctionReason`,
          code: 'ytdBelowApproved',
          message: `${line.name}累计${v.ytd}低于此前已审核的累计${line.approvedYtdBefore}，请填写更正原因`,
          messageEn: `${line.name}: the year-to-date ${v.ytd} is below the approved ${line.approvedYtdBefore}; give the reason of the correction`,
        });
      }
      out.push({
        indicatorId: v.indicatorId,
        value: derived.value,
        ytd: v.ytd!,
        correctionReason: derived.isCorrection ? reason : null,
      });
      return;
    }
    if (hasYtd && line) {
      invalid.push({
        field: `values.${i}.ytd`,
        code: 'notYtdEntry',
        message: `values.${i}.ytd：${line.name}按当月数填报，不能填写累计数`,
        messageEn: `values.${i}.ytd: ${line.name} is entered as the month's figure`,
      });
      return;
    }
    if (v.value === undefined) {
      invalid.push({
        field: `values.${i}.value`,
        code: 'isDefined',
        message: `values.${i}.value：请填写当月数`,
        messageEn: `values.${i}.value: the month's figure is required`,
      });
      return;
    }
    out.push({ indicatorId: v.indicatorId, value: v.value });
  });
  return { values: out, invalid, corrections };
}
