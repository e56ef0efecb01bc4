import { excerptWords, GROUP_SHOWN_LIMIT, groupExcerpt } from './briefing-excerpt';
import { namesListText } from './briefing-text';

const towns = (n: number) => Array.from({ length: n }, (_, i) => `第${i + 1}镇`);

describe('what the 通报 shows of a big plan', () => {
  it('should show a group of up to 30 units whole, as a county 通报 always did', () => {
    expect(GROUP_SHOWN_LIMIT).toBe(30);
    expect(groupExcerpt(towns(30))).toEqual({ head: towns(30), tail: [], omitted: 0 });
    expect(groupExcerpt([])).toEqual({ head: [], tail: [], omitted: 0 });
  });

  it('should show a bigger group as its first 15 and last 10 units, counting the ones left out', () => {
    const all = towns(5899);
    const { head, tail, omitted } = groupExcerpt(all);
    expect(head).toEqual(all.slice(0, 15));
    expect(tail).toEqual(['第5890镇', ...all.slice(5890)]);
    expect(omitted).toBe(5874);
    expect(groupExcerpt(towns(31)).omitted).toBe(6);
    expect(excerptWords()).toBe('前15名和后10名');
  });

  it('should write up to 30 names in full and name the first 30 of a longer list with the count and the sheet', () => {
    expect(namesListText([], '月报报送情况')).toBe('无');
    expect(namesListText(['城关镇', '青山镇'], '月报报送情况')).toBe('城关镇、青山镇');
    expect(namesListText(towns(30), '指标完成情况')).toBe(towns(30).join('、'));
    expect(namesListText(towns(2345), '指标完成情况')).toBe(
      `${towns(30).join('、')}等2345个单位（名单见附件“指标完成情况”表）`,
    );
  });
});
