import type { ErrorDetail } from '../contracts/errors.js';
import { isPlainObject } from '../indicators/validation-issue.js';
import { Checker } from './config-checker.js';

/** Board, pool and award codes. */
const CODE = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;
const MAX_LIST_SIZE = 100;
const CONDITION_TYPES = ['onPace', 'behindPace', 'firstOn', 'lastOn'] as const;

interface Refs {
  indicators: ReadonlySet<string>;
  items: ReadonlySet<string>;
  /** null: the plan's groups are not known here (shape only). */
  groups: ReadonlySet<string> | null;
}

/**
 * The rules of issue 16 (7–9) in a plan's scoring configuration: `rankMode`, `tieBreaks`, `boards`, `awards`. Each
 * problem names its field (`scoring.boards.1.lists.black.size`). References to indicators and ranking groups use the
 * codes `unknownIndicator` / `unknownGroup` like the items', so the API answers them as the plan's references.
 */
export function validateBoardRules(
  issues: ErrorDetail[],
  config: Record<string, unknown>,
  path: string,
  refs: Refs,
): void {
  const c = new Checker(issues, path, config);
  c.oneOf('rankMode', ['competition', 'dense']);
  const tieBreaks = c.list('tieBreaks', '并列比较规则', ['by', 'indicator', 'item'], {
    required: false,
    minItems: 0,
  });
  tieBreaks.forEach((t) => tieBreakCheck(t, refs));
  const boards = c.list(
    'boards',
    '榜单',
    ['code', 'name', 'items', 'scoreName', 'groups', 'pools', 'lists'],
    { required: false, minItems: 0 },
  );
  const boardCodes = new Set<string>();
  for (const b of boards) {
    ruleHead(b, refs, boardCodes, '榜单');
    const pools = poolCodes(b, refs);
    listsCheck(b, refs, pools);
  }
  const awards = c.list(
    'awards',
    '评优规则',
    ['code', 'name', 'gates', 'count', 'items', 'scoreName', 'groups', 'pools'],
    { required: false, minItems: 0 },
  );
  const awardCodes = new Set<string>();
  for (const a of awards) {
    ruleHead(a, refs, awardCodes, '评优规则');
    poolCodes(a, refs);
    indicatorList(a, 'gates', '达标指标', refs);
    intField(a, 'count', '获奖名额', 1, MAX_LIST_SIZE);
  }
}

function tieBreakCheck(t: Checker, refs: Refs): void {
  const by = t.value.by;
  t.oneOf('by', ['completion', 'actual', 'item', 'unitOrder']);
  if (by === undefined) t.push(t.at('by'), 'isDefined', '必须指定比较依据', 'is required');
  const needsIndicator = by === 'completion' || by === 'actual';
  if (needsIndicator) t.indicator('indicator', refs.indicators);
  else if (t.value.indicator !== undefined)
    t.push(t.at('indicator'), 'whitelistValidation', '该比较依据不需要指标', 'property should not exist');
  if (by === 'item') itemRef(t, 'item', refs);
  else if (t.value.item !== undefined)
    t.push(t.at('item'), 'whitelistValidation', '该比较依据不需要评分项', 'property should not exist');
}

function itemRef(c: Checker, key: string | number, refs: Refs, at = c.at(key)): void {
  const raw = typeof key === 'number' ? (c.value.items as unknown[])[key] : c.value[key];
  if (typeof raw !== 'string' || !refs.items.has(raw)) {
    c.push(at, 'unknownItem', `没有编码为 ${String(raw)} 的评分项`, `no scoring item ${String(raw)}`);
  }
}

/** code, name, items, scoreName and groups of a board or an award. */
function ruleHead(c: Checker, refs: Refs, seen: Set<string>, label: string): void {
  const code = c.value.code;
  if (typeof code !== 'string' || !CODE.test(code)) {
    c.push(
      c.at('code'),
      'matches',
      `${label}编码必须以字母开头，由字母、数字、_ 或 - 组成`,
      'must be a code starting with a letter',
    );
  } else if (seen.has(code)) {
    c.push(c.at('code'), 'duplicate', `${label}编码重复：${code}`, `duplicate code ${code}`);
  } else seen.add(code);
  textField(c, 'name', '名称', true);
  textField(c, 'scoreName', '排名依据名称', false);
  const items = c.value.items;
  if (items !== undefined) {
    if (!Array.isArray(items) || items.length === 0) {
      c.push(c.at('items'), 'isArray', '评分项必须是非空数组', 'must be a non-empty array');
    } else items.forEach((_, j) => itemRef(c, j, refs, c.at('items', j)));
  }
  groupList(c, 'groups', refs);
}

function textField(c: Checker, key: string, label: string, required: boolean): void {
  const raw = c.value[key];
  if (raw === undefined && !required) return;
  if (typeof raw !== 'string' || raw.trim().length === 0 || raw.length > 40) {
    c.push(c.at(key), 'isString', `${label}必须是 1–40 个字符`, 'must be text of 1–40 characters');
  }
}

function groupList(c: Checker, key: string, refs: Refs): string[] {
  const raw = c.value[key];
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.length === 0) {
    c.push(c.at(key), 'isArray', '考核分组必须是非空数组', 'must be a non-empty array');
    return [];
  }
  const out: string[] = [];
  raw.forEach((g: unknown, j: number) => {
    if (typeof g !== 'string') {
      c.push(c.at(key, j), 'isString', '必须是考核分组编码', 'must be a ranking-group code');
    } else if (refs.groups !== null && !refs.groups.has(g)) {
      c.push(
        c.at(key, j),
        'unknownGroup',
        `本计划没有编码为 ${g} 的考核分组`,
        `no ranking group ${g} in this plan`,
      );
    } else if (out.includes(g)) {
      c.push(c.at(key, j), 'duplicate', `考核分组重复：${g}`, `duplicate group ${g}`);
    } else out.push(g);
  });
  return out;
}

function indicatorList(c: Checker, key: string, label: string, refs: Refs): string[] {
  const raw = c.value[key];
  if (!Array.isArray(raw) || raw.length === 0) {
    c.push(
      c.at(key),
      'isArray',
      `${label}必须是非空的指标编码数组`,
      'must be a non-empty array of indicator codes',
    );
    return [];
  }
  const out: string[] = [];
  raw.forEach((code: unknown, j: number) => {
    if (typeof code !== 'string') {
      c.push(c.at(key, j), 'indicatorCode', '必须是指标编码', 'must be an indicator code');
    } else if (out.includes(code)) {
      c.push(c.at(key, j), 'duplicate', `指标重复：${code}`, `duplicate indicator ${code}`);
    } else {
      if (!refs.indicators.has(code)) {
        c.push(
          c.at(key, j),
          'unknownIndicator',
          `本计划没有编码为 ${code} 的指标`,
          `no indicator ${code} in this plan`,
        );
      }
      out.push(code);
    }
  });
  return out;
}

function intField(c: Checker, key: string, label: string, min: number, max: number): number | undefined {
  return intAt(c, c.at(key), c.value[key], label, min, max);
}

function intAt(
  c: Checker,
  field: string,
  raw: unknown,
  label: string,
  min: number,
  max: number,
): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < min || raw > max) {
    c.push(field, 'isInt', `${label}必须是 ${min}–${max} 的整数`, `must be an integer from ${min} to ${max}`);
    return undefined;
  }
  return raw;
}

/** A board's or award's pools: codes unique, 2+ groups each, a group in one pool only. Answers the pool codes. */
function poolCodes(c: Checker, refs: Refs): Set<string> {
  const codes = new Set<string>();
  const pools = c.list('pools', '合并排名', ['code', 'name', 'groups'], { required: false, minItems: 1 });
  const grouped = new Set<string>();
  for (const p of pools) {
    const code = p.value.code;
    if (typeof code !== 'string' || !CODE.test(code)) {
      p.push(p.at('code'), 'matches', '合并排名编码必须以字母开头', 'must be a code starting with a letter');
    } else if (codes.has(code)) {
      p.push(p.at('code'), 'duplicate', `合并排名编码重复：${code}`, `duplicate code ${code}`);
    } else codes.add(code);
    textField(p, 'name', '名称', true);
    const groups = groupList(p, 'groups', refs);
    if (p.value.groups === undefined) p.push(p.at('groups'), 'isDefined', '考核分组不能为空', 'is required');
    else if (Array.isArray(p.value.groups) && p.value.groups.length === 1)
      p.push(p.at('groups'), 'arrayMinSize', '合并排名至少需要 2 个考核分组', 'must have at least 2 groups');
    const own = Array.isArray(c.value.groups) ? (c.value.groups as unknown[]) : null;
    groups.forEach((g) => {
      const j = (p.value.groups as unknown[]).indexOf(g);
      if (grouped.has(g)) {
        p.push(
          p.at('groups', j),
          'duplicate',
          `考核分组 ${g} 已在另一个合并排名中`,
          `group ${g} is in another pool`,
        );
      } else if (own !== null && !own.includes(g)) {
        p.push(
          p.at('groups', j),
          'unknownGroup',
          `考核分组 ${g} 不在本榜的分组中`,
          `group ${g} is not among groups`,
        );
      }
      grouped.add(g);
    });
  }
  return codes;
}

function listsCheck(b: Checker, refs: Refs, pools: ReadonlySet<string>): void {
  const raw = b.value.lists;
  if (!isPlainObject(raw)) {
    b.push(
      b.at('lists'),
      'isObject',
      '红黑榜规则必须是对象（red / black）',
      'must be an object with red and/or black',
    );
    return;
  }
  const lists = b.child('lists', raw, ['red', 'black']);
  if (raw.red === undefined && raw.black === undefined) {
    lists.push(lists.at(), 'isDefined', '至少需要红榜或黑榜之一', 'needs red or black');
  }
  for (const side of ['red', 'black'] as const) {
    const list = raw[side];
    if (list === undefined) continue;
    if (!isPlainObject(list)) {
      lists.push(lists.at(side), 'isObject', '必须是对象', 'must be an object');
      continue;
    }
    const l = lists.child(side, list, ['size', 'sizes', 'allOf', 'anyOf']);
    intField(l, 'size', '名额', 1, MAX_LIST_SIZE);
    const sizes = list.sizes;
    if (sizes !== undefined) {
      if (!isPlainObject(sizes)) l.push(l.at('sizes'), 'isObject', '分组名额必须是对象', 'must be an object');
      else {
        for (const [key, n] of Object.entries(sizes)) {
          const known = pools.has(key) || refs.groups === null || refs.groups.has(key);
          if (!known) {
            l.push(
              l.at('sizes', key),
              'unknownGroup',
              `没有编码为 ${key} 的考核分组或合并排名`,
              `no group or pool ${key}`,
            );
          }
          intAt(l, l.at('sizes', key), n, '名额', 1, MAX_LIST_SIZE);
        }
      }
    }
    const allOf = conditions(l, 'allOf', refs);
    const anyOf = conditions(l, 'anyOf', refs);
    if (list.size === undefined && list.sizes === undefined && allOf + anyOf === 0) {
      l.push(l.at(), 'isDefined', '名额或入榜条件至少需要一项', 'needs a size or a condition');
    }
  }
}

function conditions(l: Checker, key: string, refs: Refs): number {
  const list = l.list(key, '入榜条件', ['type', 'indicators', 'min', 'basis'], {
    required: false,
    minItems: 1,
  });
  for (const c of list) {
    c.oneOf('type', CONDITION_TYPES);
    if (c.value.type === undefined) c.push(c.at('type'), 'isDefined', '必须指定条件类型', 'is required');
    const codes = indicatorList(c, 'indicators', '条件指标', refs);
    const isPlace = c.value.type === 'firstOn' || c.value.type === 'lastOn';
    if (isPlace) {
      c.oneOf('basis', ['completion', 'actual']);
      const min = intField(c, 'min', '至少项数', 1, 20);
      if (min !== undefined && codes.length > 0 && min > codes.length) {
        c.push(
          c.at('min'),
          'max',
          `至少项数不能多于所列指标数（${codes.length}）`,
          `must be at most ${codes.length}`,
        );
      }
    } else {
      for (const k of ['min', 'basis']) {
        if (c.value[k] !== undefined)
          c.push(c.at(k), 'whitelistValidation', '序时进度条件不需要该字段', 'property should not exist');
      }
    }
  }
  return list.length;
}
