import type { ErrorDetail } from '../contracts/errors.js';
import { validatePlanCurve } from '../indicators/plan-settings.js';
import { issue, isPlainObject, joinPath, unknownKeyIssues } from '../indicators/validation-issue.js';
import { ROUNDING_MODES } from './exact.js';

/** The most decimals a published figure may print. */
export const MAX_PRINTED_DECIMALS = 6;

/**
 * The plan-wide `rounding` and the per-indicator `indicators` of a scoring configuration (issue 16, rules 4 and 5),
 * each problem naming its field (`indicators.FDI.timeProgress.lagMonths`).
 */
export function validateScoringSettings(
  config: Record<string, unknown>,
  indicatorCodes: ReadonlySet<string>,
  path: string,
): ErrorDetail[] {
  const issues: ErrorDetail[] = [];
  if (config.rounding !== undefined)
    issues.push(...validateRoundingRule(config.rounding, joinPath(path, 'rounding'), true));
  if (config.indicators === undefined) return issues;
  const at = joinPath(path, 'indicators');
  if (!isPlainObject(config.indicators)) {
    return [
      ...issues,
      issue(
        at,
        'isObject',
        '指标规则必须是以指标编码为键的对象',
        'must be an object keyed by indicator code',
      ),
    ];
  }
  for (const [code, settings] of Object.entries(config.indicators)) {
    const p = joinPath(at, code);
    if (!indicatorCodes.has(code)) {
      issues.push(
        issue(p, 'unknownIndicator', `本计划没有编码为 ${code} 的指标`, `no indicator ${code} in this plan`),
      );
      // its shape is still checked: the API checks shapes and references in two passes
    }
    if (!isPlainObject(settings)) {
      issues.push(issue(p, 'isObject', '必须是对象', 'must be an object'));
      continue;
    }
    issues.push(...unknownKeyIssues(settings, ['timeProgress', 'rounding'], p));
    if (settings.timeProgress !== undefined)
      issues.push(...validateTimeProgress(settings.timeProgress, joinPath(p, 'timeProgress')));
    if (settings.rounding !== undefined)
      issues.push(...validateRoundingRule(settings.rounding, joinPath(p, 'rounding'), false));
  }
  return issues;
}

function validateTimeProgress(value: unknown, path: string): ErrorDetail[] {
  if (!isPlainObject(value)) return [issue(path, 'isObject', '必须是对象', 'must be an object')];
  const issues = unknownKeyIssues(value, ['lagMonths', 'curve'], path);
  const lag = value.lagMonths;
  if (lag !== undefined && (typeof lag !== 'number' || !Number.isInteger(lag) || lag < 0 || lag > 11)) {
    issues.push(
      issue(
        joinPath(path, 'lagMonths'),
        'isInt',
        '滞后月数必须是 0–11 的整数',
        'must be an integer from 0 to 11',
      ),
    );
  }
  if (value.curve !== undefined) issues.push(...validatePlanCurve(value.curve, joinPath(path, 'curve')));
  return issues;
}

const OUTPUTS = ['completion', 'gapPp', 'points'] as const;

function validateRoundingRule(value: unknown, path: string, allowPoints: boolean): ErrorDetail[] {
  if (!isPlainObject(value)) return [issue(path, 'isObject', '必须是对象', 'must be an object')];
  const outputs = allowPoints ? OUTPUTS : OUTPUTS.filter((o) => o !== 'points');
  const issues = unknownKeyIssues(value, ['mode', 'decimals', 'gapFrom', ...outputs], path);
  issues.push(...outputIssues(value, path));
  if (value.gapFrom !== undefined && value.gapFrom !== 'exact' && value.gapFrom !== 'rounded') {
    issues.push(
      issue(
        joinPath(path, 'gapFrom'),
        'isIn',
        '差距计算依据必须是 exact 或 rounded',
        'must be exact or rounded',
      ),
    );
  }
  for (const output of outputs) {
    const sub = value[output];
    if (sub === undefined) continue;
    const p = joinPath(path, output);
    if (!isPlainObject(sub)) {
      issues.push(issue(p, 'isObject', '必须是对象', 'must be an object'));
      continue;
    }
    issues.push(...unknownKeyIssues(sub, ['mode', 'decimals'], p), ...outputIssues(sub, p));
  }
  return issues;
}

function outputIssues(value: Record<string, unknown>, path: string): ErrorDetail[] {
  const issues: ErrorDetail[] = [];
  if (value.mode !== undefined && !ROUNDING_MODES.includes(value.mode as never)) {
    issues.push(
      issue(
        joinPath(path, 'mode'),
        'isIn',
        '舍入方式必须是 half-up（四舍五入）、up（进一法）或 down（去尾法）',
        'must be half-up, up or down',
      ),
    );
  }
  const d = value.decimals;
  if (
    d !== undefined &&
    (typeof d !== 'number' || !Number.isInteger(d) || d < 0 || d > MAX_PRINTED_DECIMALS)
  ) {
    issues.push(
      issue(
        joinPath(path, 'decimals'),
        'isInt',
        `保留小数位数必须是 0–${MAX_PRINTED_DECIMALS} 的整数`,
        `must be an integer from 0 to ${MAX_PRINTED_DECIMALS}`,
      ),
    );
  }
  return issues;
}
