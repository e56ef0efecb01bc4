import { ErrorCode } from '@pacer/shared';

import { ApiException } from '../exceptions/api.exception';

/**
 * JSON deeper than this is refused before anything walks it: class-transformer and class-validator recurse, and a
 * body nested 5,000 deep overflows their stack (a 500). No Pacer request nests more than a handful of levels.
 */
export const MAX_JSON_DEPTH = 32;

/** A lone UTF-16 surrogate (tested per code unit, without the `u` flag, so a valid pair does not match). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export type HostileInputProblem = { field: string; kind: 'text' } | { field: string; kind: 'depth' };

/** What a string may not hold (VAL-1): PostgreSQL refuses NUL in text, and stores a lone surrogate as U+FFFD. */
export function isBadText(value: string): boolean {
  return value.includes('\u0000') || LONE_SURROGATE.test(value);
}

/** A field path safe to echo back: a bad character in a key is written as its \u escape. */
function fieldPart(key: string): string {
  return key.replace(/[\p{Cc}\p{Cs}]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `password.a.a.a…` → `password`, `0.value.0.0…` → `0.value`: the field the client sent, not the whole descent. */
function namedField(path: string): string {
  const parts = path.split('.');
  const named = parts.findIndex((part) => !/^\d+$/.test(part));
  return named < 0 ? parts.slice(0, 1).join('.') || '(body)' : parts.slice(0, named + 1).join('.');
}

/**
 * Walks a parsed JSON value (or a query object) without recursion and reports the first string or key holding a NUL
 * or a lone surrogate, or the first place deeper than `maxDepth`. `prefix` names the root (`''` for a body).
 */
export function findHostileInput(
  root: unknown,
  prefix = '',
  maxDepth = MAX_JSON_DEPTH,
): HostileInputProblem | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [
    { value: root, path: prefix, depth: 0 },
  ];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (isBadText(value)) return { field: path || '(body)', kind: 'text' };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) return { field: namedField(path), kind: 'depth' };
    const entries: Array<[string, unknown]> = Array.isArray(value)
      ? value.map((v, i) => [String(i), v])
      : Object.entries(value as Record<string, unknown>);
    for (const [key, child] of entries) {
      const childPath = path ? `${path}.${fieldPart(key)}` : fieldPart(key);
      if (isBadText(key)) return { field: childPath, kind: 'text' };
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return null;
}

/** The 400 for a problem found by findHostileInput: a stable code, both languages, the field. */
export function hostileInputException(problem: HostileInputProblem): ApiException {
  const { field } = problem;
  if (problem.kind === 'depth') {
    return new ApiException(
      400,
      ErrorCode.ValidationFailed,
      `请求参数有误：${field} 嵌套层级超过 ${MAX_JSON_DEPTH} 层`,
      `Invalid request: ${field} is nested deeper than ${MAX_JSON_DEPTH} levels`,
      [
        {
          field,
          code: 'maxDepth',
          message: `${field}：嵌套层级超过 ${MAX_JSON_DEPTH} 层`,
          messageEn: `${field} is nested deeper than ${MAX_JSON_DEPTH} levels`,
        },
      ],
    );
  }
  return new ApiException(
    400,
    ErrorCode.ValidationFailed,
    `请求参数有误：${field} 含有不允许的字符（空字符或不成对的代理字符）`,
    `Invalid request: ${field} holds a NUL character or a lone UTF-16 surrogate`,
    [
      {
        field,
        code: 'isWellFormedText',
        message: `${field}：含有不允许的字符（空字符或不成对的代理字符）`,
        messageEn: `${field} holds a NUL character or a lone UTF-16 surrogate`,
      },
    ],
  );
}
