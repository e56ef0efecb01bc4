import type { AwardRule, BoardCondition, BoardList, BoardRule, RedBlack } from './types.js';

/** Resolves an indicator code to its name for the words ("实际到位资金"); the code itself when unnamed. */
export type IndicatorNamer = (code: string) => string;

/** What a board or award ranks by, in words: its scoreName, else 综合得分, or "<name>得分" when it sums some items. */
export function scoreLabelOf(rule: Pick<BoardRule, 'name' | 'items' | 'scoreName'>): string {
  if (rule.scoreName !== undefined) return rule.scoreName;
  return rule.items === undefined ? '综合得分' : `${rule.name}得分`;
}

function names(codes: readonly string[], namer: IndicatorNamer): string {
  return codes.map(namer).join('、');
}

/** One condition in words: "实际到位资金达到序时进度", "签约项目、开工项目中至少2项完成率居第一". */
export function conditionWords(c: BoardCondition, namer: IndicatorNamer): string {
  const list = names(c.indicators, namer);
  const isMany = c.indicators.length > 1;
  switch (c.type) {
    case 'onPace':
      return isMany ? `${list}均达到序时进度` : `${list}达到序时进度`;
    case 'behindPace':
      return isMany ? `${list}中任一项低于序时进度` : `${list}低于序时进度`;
    case 'firstOn':
    case 'lastOn': {
      const basis = (c.basis ?? 'completion') === 'completion' ? '完成率' : '完成额';
      const place = c.type === 'firstOn' ? '居第一' : '居末位';
      if (!isMany) return `${list}${basis}${place}`;
      const min = c.min ?? 1;
      return min === 1 ? `${list}中任一项${basis}${place}` : `${list}中至少${min}项${basis}${place}`;
    }
  }
}

/**
 * A list's rule in words, as the 通报 states it: "综合得分前5名且实际到位资金达到序时进度的单位";
 * "实际到位资金完成率居第一或签约项目完成率居第一的单位".
 */
export function listWords(
  board: Pick<BoardRule, 'name' | 'items' | 'scoreName'>,
  list: BoardList,
  side: RedBlack,
  size: number | null,
  namer: IndicatorNamer,
): string {
  const parts: string[] = [];
  if (size !== null) parts.push(`${scoreLabelOf(board)}${side === 'red' ? '前' : '后'}${size}名`);
  for (const c of list.allOf ?? []) parts.push(conditionWords(c, namer));
  const anyOf = (list.anyOf ?? []).map((c) => conditionWords(c, namer));
  if (anyOf.length === 1) parts.push(anyOf[0]!);
  else if (anyOf.length > 1) parts.push(parts.length > 0 ? `（${anyOf.join('或')}）` : anyOf.join('或'));
  return parts.length === 0 ? '全部单位' : `${parts.join('且')}的单位`;
}

/** An award's rule in words: "实际到位资金、签约项目均达到序时进度的单位中综合得分最高的2个单位". */
export function awardWords(award: AwardRule, namer: IndicatorNamer): string {
  const gate = conditionWords({ type: 'onPace', indicators: award.gates }, namer);
  const count = award.count ?? 1;
  return `${gate}的单位中${scoreLabelOf(award)}最高的${count === 1 ? '' : `${count}个`}单位`;
}
