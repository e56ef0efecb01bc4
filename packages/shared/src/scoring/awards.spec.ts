import { boardsInput, withRules } from './fixtures/boards-plan.js';
import { scorePlan } from './index.js';

describe('scorePlan awards (issue 16 rule 9)', () => {
  const banner = { code: 'banner', name: '流动红旗', gates: ['funds', 'signed'] };

  it('should award the best total among the units whose every gate indicator is on 序时进度', () => {
    const [award] = scorePlan(withRules({ awards: [banner] })).awards!;
    expect(award!.pools.map((p) => [p.name, p.qualified, p.winners])).toEqual([
      // 城关镇 (82) and 东湖镇 (78) pass both gates; 西山乡 (40% of 实际到位资金) and 石桥镇 (4 of 10 签约) do not
      ['乡镇', [1, 2], [1]],
      // 北关街道 exactly on 50% of 实际到位资金 qualifies, and wins on its total (80 to 66)
      ['街道', [12, 11], [12]],
      // no department is on pace: none qualifies, none wins
      ['县直部门', [], []],
    ]);
    expect(award!.pools[0]!.rule).toBe('实际到位资金、签约项目均达到序时进度的单位中综合得分最高的单位');
  });

  it('should give several awards per group, never more than the qualified units', () => {
    const [award] = scorePlan(withRules({ awards: [{ ...banner, count: 2 }] })).awards!;
    expect(award!.pools.map((p) => p.winners)).toEqual([[1, 2], [12, 11], []]);
    expect(award!.pools[0]!.rule).toBe('实际到位资金、签约项目均达到序时进度的单位中综合得分最高的2个单位');
    const three = scorePlan(withRules({ awards: [{ ...banner, count: 3 }] })).awards![0]!;
    expect(three.pools[0]!.winners).toEqual([1, 2]);
  });

  it('should rank the qualified by the award’s items when it names some', () => {
    // on 基础工作 alone the two qualified towns tie (10 each): both win the one award
    const [award] = scorePlan(
      withRules({ awards: [{ ...banner, items: ['basics'], scoreName: '基础工作得分', groups: ['towns'] }] }),
    ).awards!;
    expect(award!.pools.map((p) => [p.code, p.winners])).toEqual([['towns', [1, 2]]]);
    expect(award!.pools[0]!.rule).toBe('实际到位资金、签约项目均达到序时进度的单位中基础工作得分最高的单位');
  });

  it('should award nobody in a month no unit has a target on a gate indicator', () => {
    const input = {
      ...withRules({ awards: [banner] }),
      targets: boardsInput.targets.filter((t) => t.indicatorId !== 2),
    };
    expect(scorePlan(input).awards![0]!.pools.every((p) => p.winners.length === 0)).toBe(true);
  });
});
