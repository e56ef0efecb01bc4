import type { ErrorDetail } from '../contracts/errors.js';

/**
 * Helpers for the validators of this folder. Each validator takes the path of the value it checks
 * (e.g. `ledgerRule`) and answers ErrorDetail rows naming the exact field (`ledgerRule.origins.1`), so the
 * API can send them as they are and the web can put them beside the right input.
 */

/** `joinPath('scoring', 'items', 2, 'method')` → `scoring.items.2.method`; empty parts are skipped. */
export function joinPath(...parts: Array<string | number>): string {
  return parts.filter((p) => p !== '').join('.');
}

export function issue(field: string, code: string, zh: string, en: string): ErrorDetail {
  return {
    field,
    code,
    message: field ? `${field}：${zh}` : zh,
    messageEn: field ? `${field}: ${en}` : en,
  };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Keys not in `allowed`, reported like the API's whitelist (`whitelistValidation`). */
export function unknownKeyIssues(
  value: Record<string, unknown>,
  allowed: readonly string[],
  path: string,
): ErrorDetail[] {
  return Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) =>
      issue(joinPath(path, key), 'whitelistValidation', '不允许的字段', 'property should not exist'),
    );
}

/** A list of unique strings of 1..maxLength characters, each problem naming its index. */
export function stringListIssues(
  value: unknown,
  path: string,
  options: { maxItems: number; maxLength: number; pattern?: RegExp; minItems?: number; label: string },
): ErrorDetail[] {
  if (!Array.isArray(value)) return [issue(path, 'isArray', '必须是数组', 'must be an array')];
  const issues: ErrorDetail[] = [];
  if (value.length < (options.minItems ?? 0)) {
    issues.push(issue(path, 'arrayMinSize', '条目数不足', `must have at least ${options.minItems} items`));
  }
  if (value.length > options.maxItems) {
    issues.push(issue(path, 'arrayMaxSize', '条目数超出限制', `must have at most ${options.maxItems} items`));
    return issues;
  }
  const seen = new Set<string>();
  value.forEach((item, i) => {
    const field = joinPath(path, i);
    if (typeof item !== 'string' || item.trim().length === 0 || item.length > options.maxLength) {
      issues.push(
        issue(
          field,
          'isString',
          `${options.label}必须是 1–${options.maxLength} 个字符的文本`,
          `must be text of 1–${options.maxLength} characters`,
        ),
      );
    } else if (options.pattern && !options.pattern.test(item)) {
      issues.push(issue(field, 'matches', `${options.label}格式不正确`, 'has an invalid format'));
    } else if (seen.has(item)) {
      issues.push(issue(field, 'duplicate', `${options.label}重复：${item}`, `duplicate value ${item}`));
    } else {
      seen.add(item);
    }
  });
  return issues;
}
