import type { ErrorDetail } from '../contracts/errors.js';
import { issue, isPlainObject, joinPath, unknownKeyIssues } from '../indicators/validation-issue.js';
import { Dec } from '../money/decimal.js';

/** Decimal text of a scoring field: an optional sign where allowed, up to 8 decimals. */
const CONFIG_DECIMAL = /^-?\d{1,14}(\.\d{1,8})?$/;
/** Counter and project-list names. */
const NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,39}$/;
const MAX_LIST = 20;

/** Collects the issues of one object (an item, a part, a rule, a band) under its path. */
export class Checker {
  constructor(
    private readonly issues: ErrorDetail[],
    private readonly path: string,
    readonly value: Record<string, unknown>,
  ) {}

  at(...rest: Array<string | number>): string {
    return joinPath(this.path, ...rest);
  }

  push(field: string, code: string, zh: string, en: string): void {
    this.issues.push(issue(field, code, zh, en));
  }

  child(key: string | number, value: Record<string, unknown>, allowed: readonly string[]): Checker {
    const child = new Checker(this.issues, this.at(key), value);
    this.issues.push(...unknownKeyIssues(value, allowed, child.at()));
    return child;
  }

  /**
   * A decimal field. Answers its value when valid, null when explicitly null (and allowed), undefined when absent
   * or invalid (the issue is recorded).
   */
  decimal(
    key: string,
    label: string,
    rule: {
      required?: boolean;
      nullable?: boolean;
      signed?: boolean;
      gt?: string;
      min?: string;
      max?: string;
    } = {},
  ): Dec | null | undefined {
    const raw = this.value[key];
    const field = this.at(key);
    if (raw === undefined || (raw === null && !rule.nullable)) {
      if (rule.required || raw === null) this.push(field, 'isDefined', `${label}不能为空`, 'is required');
      return undefined;
    }
    if (raw === null) return null;
    if (typeof raw !== 'string' || !CONFIG_DECIMAL.test(raw) || (!rule.signed && raw.startsWith('-'))) {
      this.push(
        field,
        'isDecimalString',
        `${label}必须是数值文本（如 "30"、"1.2"，最多 8 位小数${rule.signed ? '' : '，不能为负'}）`,
        `must be a decimal string such as "30" or "1.2" (at most 8 decimals${rule.signed ? '' : ', not negative'})`,
      );
      return undefined;
    }
    const value = new Dec(raw);
    if (rule.gt !== undefined && value.lte(rule.gt)) {
      this.push(field, 'min', `${label}必须大于 ${rule.gt}`, `must be above ${rule.gt}`);
      return undefined;
    }
    if (rule.min !== undefined && value.lt(rule.min)) {
      this.push(field, 'min', `${label}不能小于 ${rule.min}`, `must be at least ${rule.min}`);
      return undefined;
    }
    if (rule.max !== undefined && value.gt(rule.max)) {
      this.push(field, 'max', `${label}不能大于 ${rule.max}`, `must be at most ${rule.max}`);
      return undefined;
    }
    return value;
  }

  indicator(key: string, known: ReadonlySet<string>): void {
    const raw = this.value[key];
    if (raw === undefined) {
      this.push(this.at(key), 'isDefined', '必须指定指标编码', 'is required');
    } else if (typeof raw !== 'string') {
      this.push(this.at(key), 'indicatorCode', '必须是指标编码', 'must be an indicator code');
    } else if (!known.has(raw)) {
      this.push(
        this.at(key),
        'unknownIndicator',
        `本计划没有编码为 ${raw} 的指标`,
        `no indicator ${raw} in this plan`,
      );
    }
  }

  name(key: string, label: string, required: boolean): string | undefined {
    const raw = this.value[key];
    if (raw === undefined) {
      if (required) this.push(this.at(key), 'isDefined', `${label}不能为空`, 'is required');
      return undefined;
    }
    if (typeof raw !== 'string' || !NAME.test(raw)) {
      this.push(
        this.at(key),
        'matches',
        `${label}必须以字母开头，由字母、数字、_ - . 组成（最多 40 个字符）`,
        'must start with a letter, then letters, digits, _ - . (at most 40)',
      );
      return undefined;
    }
    return raw;
  }

  label(key = 'label'): void {
    const raw = this.value[key];
    if (raw !== undefined && (typeof raw !== 'string' || raw.trim().length === 0 || raw.length > 40)) {
      this.push(this.at(key), 'isString', '显示名称必须是 1–40 个字符', 'must be text of 1–40 characters');
    }
  }

  oneOf(key: string, allowed: readonly string[]): void {
    const raw = this.value[key];
    if (raw !== undefined && !allowed.includes(raw as string)) {
      this.push(
        this.at(key),
        'isIn',
        `必须是 ${allowed.join('、')} 之一`,
        `must be one of ${allowed.join(', ')}`,
      );
    }
  }

  /** A list of objects; answers a checker per valid element. */
  list(
    key: string,
    label: string,
    allowed: readonly string[],
    rule: { required: boolean; minItems: number },
  ): Checker[] {
    const raw = this.value[key];
    if (raw === undefined) {
      if (rule.required) this.push(this.at(key), 'isDefined', `${label}不能为空`, 'is required');
      return [];
    }
    if (!Array.isArray(raw)) {
      this.push(this.at(key), 'isArray', `${label}必须是数组`, 'must be an array');
      return [];
    }
    if (raw.length < rule.minItems) {
      this.push(
        this.at(key),
        'arrayMinSize',
        `${label}至少需要 ${rule.minItems} 条`,
        `must have at least ${rule.minItems} entries`,
      );
    }
    if (raw.length > MAX_LIST) {
      this.push(
        this.at(key),
        'arrayMaxSize',
        `${label}最多 ${MAX_LIST} 条`,
        `must have at most ${MAX_LIST} entries`,
      );
      return [];
    }
    return raw.flatMap((element: unknown, j: number) => {
      if (!isPlainObject(element)) {
        this.push(this.at(key, j), 'isObject', '必须是对象', 'must be an object');
        return [];
      }
      return [new Checker(this.issues, this.at(key), {}).child(j, element, allowed)];
    });
  }
}
