import { computed, type ModelRef } from 'vue';
import { useI18n } from 'vue-i18n';

import type { ReportIndicatorLine } from '@pacer/shared';

import { figureHasUnit, indicatorFigure, measureLabel } from '@/utils/indicator-format';

import {
  checkIncrement,
  derivedIncrement,
  isYtdEntry,
  lineDecimals,
  lineFigures,
  needsCorrectionReason,
  type LineContext,
} from './report-form';

/** What the table (desktop) and the cards (phone) of a report's indicators both read: one model, one set of checks. */
export function useReportLines(
  props: {
    lines: readonly ReportIndicatorLine[];
    errors: Record<number, string>;
    context: LineContext;
    displayDecimals: number;
  },
  values: ModelRef<Record<number, string>>,
  reasons?: ModelRef<Record<number, string> | undefined>,
) {
  const { t } = useI18n();

  /** The input's own unit: amounts are typed in 万元 (the stored unit) or 万美元 (kept apart), others in their measure. */
  const inputUnit = (line: ReportIndicatorLine): string =>
    line.kind === 'amount' && line.measure !== '万美元' ? t('measures.wan') : measureLabel(line.measure, t);

  const unitOf = (line: ReportIndicatorLine): string =>
    figureHasUnit(line.kind) ? '' : measureLabel(line.measure, t);

  function incrementText(line: ReportIndicatorLine, typed: string | null | undefined): string {
    if (typed === null || typed === undefined || typed.trim() === '') return '—';
    return line.kind === 'amount'
      ? indicatorFigure(typed, 'amount', '万元')
      : indicatorFigure(typed, line.kind, line.measure, props.displayDecimals);
  }

  const rows = computed(() =>
    props.lines.map((line) => {
      const typed = values.value[line.indicatorId] ?? '';
      const problem = checkIncrement(typed, line.kind);
      return {
        line,
        typed,
        /** Entered as 累计: the input is the year-to-date, `increment` the month Pacer derives (§10). */
        isYtd: isYtdEntry(line),
        increment: derivedIncrement(line, typed),
        needsReason: needsCorrectionReason(line, typed),
        /** A quarterly indicator outside 3/6/9/12: nothing to report this month (the API refuses a value). */
        isLocked: line.reportFrequency === 'quarterly' && line.isRequired === false,
        frequencyHint:
          line.reportFrequency === 'quarterly'
            ? t(line.isRequired === false ? 'reports.frequency.quarterlyOff' : 'reports.frequency.quarterly')
            : line.reportFrequency === 'optional'
              ? t('reports.frequency.optional')
              : '',
        reason: reasons?.value?.[line.indicatorId] ?? line.correctionReason ?? '',
        figures: lineFigures(line, typed, props.context),
        // the indicator's printed precision (issue 14 point 12), else the plan's
        decimals: lineDecimals(line, { displayDecimals: props.displayDecimals, ...props.context }),
        error: problem ? t(`reports.valueProblems.${problem}`) : (props.errors[line.indicatorId] ?? ''),
      };
    }),
  );

  function setValue(id: number, text: string): void {
    values.value = { ...values.value, [id]: text };
  }

  function setReason(id: number, text: string): void {
    if (reasons) reasons.value = { ...(reasons.value ?? {}), [id]: text };
  }

  return { t, inputUnit, unitOf, incrementText, rows, setValue, setReason };
}
