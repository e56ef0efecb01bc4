import type { ErrorDetail } from '../contracts/errors.js';
import { SCORING_METHODS, type ScoringMethod } from '../contracts/plans.js';
import { validateScoringOutline } from '../indicators/scoring-outline.js';
import { isPlainObject, joinPath, unknownKeyIssues } from '../indicators/validation-issue.js';
import { Dec } from '../money/decimal.js';
import { Checker } from './config-checker.js';
import { validateBoardRules } from './validate-boards.js';
import { validateScoringSettings } from './settings-validate.js';

const ITEM_FIELDS: Readonly<Record<ScoringMethod, readonly string[]>> = {
  completion: ['indicator', 'weight', 'cap'],
  composite: ['parts', 'weight', 'cap'],
  threshold: ['indicator', 'points', 'threshold', 'increment'],
  tiers: ['indicator', 'tiers', 'otherwise'],
  relative: ['indicator', 'basis', 'max', 'min'],
  rank: ['indicator', 'basis', 'weight', 'step', 'floor'],
  bonus: ['rules', 'cap'],
  deduction: ['base', 'rules', 'floor'],
  'band-shortfall': ['base', 'perMissing', 'bands', 'projects', 'floor', 'higherFillsLower'],
};

export interface ValidateScoringOptions {
  /** The plan's ranking-group codes; when given, item `groups` must name them and rank/relative need one. */
  groupCodes?: readonly string[];
  /** Prefix of the reported fields, e.g. 'scoring'; default none ('items.2.weight'). */
  path?: string;
}

/**
 * Every problem of a plan's scoring configuration, each naming its field (`items.2.weight`) with a code and a
 * zh-CN / English message (docs/scoring.md lists the rules). The outline (codes, names, methods) is the one of
 * indicators/scoring-outline.ts; this adds each method's fields and the references to indicators and groups.
 * An empty list means `config` is a valid `ScoringPlanConfig`.
 */
export function validateScoringConfig(
  config: unknown,
  indicatorCodes: readonly string[],
  options: ValidateScoringOptions = {},
): ErrorDetail[] {
  const path = options.path ?? '';
  const issues = validateScoringOutline(config, path);
  if (!isPlainObject(config) || !Array.isArray(config.items)) return issues;
  const known = new Set(indicatorCodes);
  const groups = options.groupCodes === undefined ? null : new Set(options.groupCodes);
  config.items.forEach((raw: unknown, i: number) => {
    if (!isPlainObject(raw) || !SCORING_METHODS.includes(raw.method as ScoringMethod)) return;
    const method = raw.method as ScoringMethod;
    const c = new Checker(issues, joinPath(path, 'items', i), raw);
    issues.push(
      ...unknownKeyIssues(raw, ['code', 'name', 'method', 'groups', ...ITEM_FIELDS[method]], c.at()),
    );
    if (Array.isArray(raw.groups) && groups !== null) {
      raw.groups.forEach((g: unknown, j: number) => {
        if (typeof g === 'string' && !groups.has(g)) {
          c.push(
            c.at('groups', j),
            'unknownGroup',
            `本计划没有编码为 ${g} 的考核分组`,
            `no ranking group ${g} in this plan`,
          );
        }
      });
    }
    if ((method === 'rank' || method === 'relative') && groups !== null && groups.size === 0) {
      c.push(
        c.at('method'),
        'noRankingGroups',
        '组内比较的赋分方法需要先设置考核分组',
        'needs the plan to have ranking groups',
      );
    }
    METHOD_CHECKS[method](c, known);
  });
  const itemCodes = new Set(
    config.items.flatMap((i: unknown) => (isPlainObject(i) && typeof i.code === 'string' ? [i.code] : [])),
  );
  validateBoardRules(issues, config, path, { indicators: known, items: itemCodes, groups });
  issues.push(...validateScoringSettings(config, known, path));
  return issues;
}

type MethodCheck = (c: Checker, known: ReadonlySet<string>) => void;

const basisCheck = (c: Checker) => c.oneOf('basis', ['completion', 'actual']);

function countRuleChecks(rules: Checker[]): void {
  for (const r of rules) {
    r.name('counter', '计数项名称', true);
    r.decimal('points', '每项分值', { required: true, gt: '0' });
    r.decimal('cap', '该项上限', { min: '0' });
    r.label();
  }
}

function floorCheck(c: Checker, base: Dec | null | undefined): void {
  const floor = c.decimal('floor', '保底分', { nullable: true, signed: true });
  if (floor && base && floor.gt(base)) {
    c.push(c.at('floor'), 'floorAboveBase', '保底分不能高于基础分', 'must not be above base');
  }
}

const METHOD_CHECKS: Readonly<Record<ScoringMethod, MethodCheck>> = {
  completion(c, known) {
    c.indicator('indicator', known);
    c.decimal('weight', '分值', { required: true, gt: '0' });
    c.decimal('cap', '完成率封顶', { nullable: true, gt: '0' });
  },

  composite(c, known) {
    const parts = c.list('parts', '组成部分', ['indicator', 'share', 'cap'], { required: true, minItems: 1 });
    let sum = new Dec(0);
    let isComplete = true;
    const seen = new Set<string>();
    for (const p of parts) {
      p.indicator('indicator', known);
      const code = p.value.indicator;
      if (typeof code === 'string') {
        if (seen.has(code))
          p.push(p.at('indicator'), 'duplicate', `指标重复：${code}`, `duplicate indicator ${code}`);
        seen.add(code);
      }
      const share = p.decimal('share', '占比', { required: true, gt: '0', max: '1' });
      if (share) sum = sum.plus(share);
      else isComplete = false;
      p.decimal('cap', '该部分封顶', { nullable: true, gt: '0' });
    }
    if (parts.length > 0 && isComplete && !sum.eq(1)) {
      c.push(
        c.at('parts'),
        'sharesSumToOne',
        `各部分占比之和必须等于 1（现为 ${sum.toFixed()}）`,
        `shares must add up to 1 (now ${sum.toFixed()})`,
      );
    }
    c.decimal('weight', '分值', { required: true, gt: '0' });
    c.decimal('cap', '完成率封顶', { nullable: true, gt: '0' });
  },

  threshold(c, known) {
    c.indicator('indicator', known);
    c.decimal('points', '达标分值', { required: true, gt: '0' });
    c.decimal('threshold', '达标线', { gt: '0' });
    const inc = c.value.increment;
    if (inc === undefined) return;
    if (!isPlainObject(inc)) {
      c.push(c.at('increment'), 'isObject', '超额加分必须是对象', 'must be an object');
      return;
    }
    const i = c.child('increment', inc, ['per', 'points', 'max', 'mode']);
    i.decimal('per', '每档超额数', { required: true, gt: '0' });
    i.decimal('points', '每档加分', { required: true, min: '0' });
    i.decimal('max', '超额加分上限', { nullable: true, min: '0' });
    i.oneOf('mode', ['whole', 'prorata']);
  },

  tiers(c, known) {
    c.indicator('indicator', known);
    const tiers = c.list('tiers', '分档', ['min', 'points'], { required: true, minItems: 1 });
    let previous: { min: Dec; points: Dec } | null = null;
    for (const t of tiers) {
      const min = t.decimal('min', '档位完成率', { required: true, min: '0' });
      const points = t.decimal('points', '档位分值', { required: true, min: '0' });
      if (!min || !points) {
        previous = null;
        continue;
      }
      if (previous && !min.lt(previous.min)) {
        t.push(
          t.at('min'),
          'descending',
          '分档须按完成率从高到低排列，且不能重复',
          'tiers must go from the highest completion down, without repeats',
        );
      } else if (previous && points.gt(previous.points)) {
        t.push(
          t.at('points'),
          'descending',
          '低档的分值不能高于高档',
          'a lower tier must not earn more than a higher one',
        );
      }
      previous = { min, points };
    }
    const otherwise = c.decimal('otherwise', '未达档分值', { min: '0' });
    if (otherwise && previous && otherwise.gt(previous.points)) {
      c.push(
        c.at('otherwise'),
        'descending',
        '未达档分值不能高于最低一档',
        'must not be above the lowest tier',
      );
    }
  },

  relative(c, known) {
    c.indicator('indicator', known);
    basisCheck(c);
    const max = c.decimal('max', '最高分', { required: true, min: '0' });
    const min = c.decimal('min', '最低分', { required: true, min: '0' });
    if (max && min && min.gt(max))
      c.push(c.at('min'), 'minAboveMax', '最低分不能高于最高分', 'must not be above max');
  },

  rank(c, known) {
    c.indicator('indicator', known);
    basisCheck(c);
    const weight = c.decimal('weight', '第一名分值', { required: true, gt: '0' });
    c.decimal('step', '名次递减分', { required: true, min: '0' });
    const floor = c.decimal('floor', '最低分', { min: '0' });
    if (weight && floor && floor.gt(weight))
      c.push(c.at('floor'), 'floorAboveBase', '最低分不能高于第一名分值', 'must not be above weight');
  },

  bonus(c) {
    const rules = c.list('rules', '加分规则', ['counter', 'points', 'cap', 'label', 'projects', 'bands'], {
      required: false,
      minItems: 0,
    });
    for (const r of rules) {
      const isBand = r.value.projects !== undefined || r.value.bands !== undefined;
      if (isBand && (r.value.counter !== undefined || r.value.points !== undefined)) {
        r.push(
          r.at(),
          'ruleSource',
          '加分规则要么按计数项（counter + points），要么按项目分档（projects + bands）',
          'a rule is either counter + points or projects + bands',
        );
        continue;
      }
      if (!isBand) {
        countRuleChecks([r]);
        continue;
      }
      r.name('projects', '项目清单名称', true);
      r.decimal('cap', '该项上限', { min: '0' });
      r.label();
      const bands = r.list('bands', '分档', ['minWan', 'points', 'label'], { required: true, minItems: 1 });
      let previous: Dec | null = null;
      for (const b of bands) {
        const min = b.decimal('minWan', '档位起点（万元）', { required: true, min: '0' });
        b.decimal('points', '每个项目加分', { required: true, min: '0' });
        b.label();
        if (min && previous && !min.gt(previous)) {
          b.push(
            b.at('minWan'),
            'ascending',
            '分档须按起点从低到高排列，且不能重复',
            'bands must go from the lowest minWan up, without repeats',
          );
        }
        previous = min ?? null;
      }
    }
    c.decimal('cap', '加分上限', { min: '0' });
  },

  deduction(c) {
    const base = c.decimal('base', '基础分', { required: true, min: '0' });
    countRuleChecks(
      c.list('rules', '扣分规则', ['counter', 'points', 'cap', 'label'], { required: false, minItems: 0 }),
    );
    floorCheck(c, base);
  },

  'band-shortfall'(c) {
    const base = c.decimal('base', '基础分', { required: true, min: '0' });
    c.decimal('perMissing', '每缺一个扣分', { required: true, gt: '0' });
    floorCheck(c, base);
    const projects = c.name('projects', '项目清单名称', false);
    const flag = c.value.higherFillsLower;
    if (flag !== undefined && typeof flag !== 'boolean')
      c.push(c.at('higherFillsLower'), 'isBoolean', '必须是 true 或 false', 'must be a boolean');
    const bands = c.list(
      'bands',
      '分档',
      ['minWan', 'maxWan', 'required', 'perMissing', 'counter', 'label'],
      { required: true, minItems: 1 },
    );
    let previousMax: Dec | null | undefined;
    bands.forEach((b, j) => {
      const min = b.decimal('minWan', '档位起点（万元）', { required: true, min: '0' });
      const max = b.decimal('maxWan', '档位上限（万元，不含）', { nullable: true, min: '0' });
      if (min && max && !max.gt(min))
        b.push(b.at('maxWan'), 'min', '档位上限必须大于起点', 'must be above minWan');
      const required = b.value.required;
      if (typeof required !== 'number' || !Number.isInteger(required) || required < 0 || required > 10000) {
        b.push(
          b.at('required'),
          'isInt',
          '要求个数必须是 0–10000 的整数',
          'must be an integer from 0 to 10000',
        );
      }
      b.decimal('perMissing', '每缺一个扣分', { gt: '0' });
      b.label();
      if (projects !== undefined && b.value.counter !== undefined) {
        b.push(
          b.at('counter'),
          'bandSource',
          '已指定项目清单（projects）时分档不能再指定计数项',
          'must be absent when the item names a project list',
        );
      } else if (c.value.projects === undefined) {
        b.name('counter', '计数项名称', true);
      }
      if (j > 0 && min) {
        if (previousMax === null) {
          b.push(
            b.at('minWan'),
            'overlap',
            '上一档没有上限，后面不能再有分档',
            'follows a band without an upper bound',
          );
        } else if (previousMax !== undefined && min.lt(previousMax)) {
          b.push(
            b.at('minWan'),
            'overlap',
            '分档须从低到高排列且互不重叠',
            'bands must go up without overlapping',
          );
        }
      }
      previousMax = max === undefined && b.value.maxWan === undefined ? null : max;
    });
  },
};
