import type { TrafficLight } from '../enums/project-enums.js';
import type { DecimalString, MonthString } from './common.js';

export interface ProgressCell {
  unitId: number;
  indicatorId: number;
  /** Year-to-date actual of the unit and its descendants (a fraction for ratio indicators). */
  actual: DecimalString;
  target: DecimalString | null;
  /** actual ÷ target, exact; null without a target ("—"). */
  completion: DecimalString | null;
  /** The plan's curve at the month (fraction). */
  expected: DecimalString;
  /** (completion − expected) × 100, in percentage points; null without a target. */
  gapPp: DecimalString | null;
  light: TrafficLight | null;
}

export interface ProgressUnit {
  id: number;
  code: string;
  name: string;
  category: string;
  parentId: number | null;
  depth: number;
  sortOrder: number;
}

export interface ProgressIndicator {
  id: number;
  code: string;
  name: string;
  measure: string;
  kind: string;
  source: string;
  isHeadline: boolean;
}

export interface ProgressResponse {
  planId: number;
  month: MonthString;
  expected: DecimalString;
  units: ProgressUnit[];
  indicators: ProgressIndicator[];
  cells: ProgressCell[];
}
