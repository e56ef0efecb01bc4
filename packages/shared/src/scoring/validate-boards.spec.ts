import { boardsScoring } from './fixtures/boards-plan.js';
import { validateScoringConfig } from './validate.js';

const indicators = ['funds', 'signed', 'started'];
const groupCodes = ['towns', 'streets', 'departments'];
const issues = (rules: Record<string, unknown>) =>
  validateScoringConfig({ ...boardsScoring, ...rules }, indicators, { groupCodes, path: 'scoring' });
const fields = (rules: Record<string, unknown>) => issues(rules).map((i) => [i.field, i.code]);

describe('validateScoringConfig: tie-breaks, boards and awards', () => {
  const board = {
    code: 'progress',
    name: '指标进度',
    pools: [{ code: 'local', name: '乡镇（街道）', groups: ['towns', 'streets'] }],
    lists: {
      red: { size: 5, sizes: { local: 3 }, allOf: [{ type: 'onPace', indicators: ['funds'] }] },
      black: {
        size: 3,
        anyOf: [{ type: 'lastOn', indicators: ['funds', 'signed'], min: 2, basis: 'actual' }],
      },
    },
  };

  it('should accept every rule of docs/scoring.md §8', () => {
    expect(
      issues({
        rankMode: 'dense',
        tieBreaks: [
          { by: 'completion', indicator: 'funds' },
          { by: 'actual', indicator: 'signed' },
          { by: 'item', item: 'basics' },
          { by: 'unitOrder' },
        ],
        boards: [
          board,
          { code: 'basics', name: '基础工作', items: ['basics'], lists: { black: { size: 1 } } },
        ],
        awards: [
          { code: 'banner', name: '流动红旗', gates: ['funds', 'signed'], count: 2, groups: ['towns'] },
        ],
      }),
    ).toEqual([]);
  });

  it('should name the field of each bad rule', () => {
    expect(
      fields({
        rankMode: 'olympic',
        tieBreaks: [
          { by: 'completion' },
          { by: 'item', item: 'nope' },
          { by: 'unitOrder', indicator: 'funds' },
        ],
        boards: [
          board,
          {
            code: 'progress',
            name: '',
            groups: ['towns', 'villages'],
            pools: [{ code: 'p', name: '合并', groups: ['streets'] }],
            lists: {
              red: { size: 0, sizes: { mars: 2 } },
              black: {
                anyOf: [
                  { type: 'firstOn', indicators: ['funds'], min: 2 },
                  { type: 'onPace', indicators: ['gdp'], min: 1 },
                ],
              },
            },
          },
          { code: 'empty', name: '空榜', lists: { red: {} } },
        ],
        awards: [{ code: 'banner', name: '流动红旗', gates: [], count: 0 }],
      }),
    ).toEqual([
      ['scoring.rankMode', 'isIn'],
      ['scoring.tieBreaks.0.indicator', 'isDefined'],
      ['scoring.tieBreaks.1.item', 'unknownItem'],
      ['scoring.tieBreaks.2.indicator', 'whitelistValidation'],
      ['scoring.boards.1.code', 'duplicate'],
      ['scoring.boards.1.name', 'isString'],
      ['scoring.boards.1.groups.1', 'unknownGroup'],
      ['scoring.boards.1.pools.0.groups', 'arrayMinSize'],
      // 街道 is not among the board's groups
      ['scoring.boards.1.pools.0.groups.0', 'unknownGroup'],
      ['scoring.boards.1.lists.red.size', 'isInt'],
      ['scoring.boards.1.lists.red.sizes.mars', 'unknownGroup'],
      ['scoring.boards.1.lists.black.anyOf.0.min', 'max'],
      ['scoring.boards.1.lists.black.anyOf.1.indicators.0', 'unknownIndicator'],
      ['scoring.boards.1.lists.black.anyOf.1.min', 'whitelistValidation'],
      ['scoring.boards.2.lists.red', 'isDefined'],
      ['scoring.awards.0.gates', 'isArray'],
      ['scoring.awards.0.count', 'isInt'],
    ]);
  });

  it('should give each issue a zh-CN and an English message', () => {
    const [first] = issues({ boards: [{ ...board, lists: { black: { size: 101 } } }] });
    expect(first).toEqual({
      field: 'scoring.boards.0.lists.black.size',
      code: 'isInt',
      message: 'scoring.boards.0.lists.black.size：名额必须是 1–100 的整数',
      messageEn: 'scoring.boards.0.lists.black.size: must be an integer from 1 to 100',
    });
  });

  it('should refuse unknown keys of a board, a list and a condition', () => {
    expect(
      fields({
        boards: [
          {
            code: 'b',
            name: '榜',
            colour: 'red',
            lists: {
              red: { size: 1, top: 2, allOf: [{ type: 'onPace', indicators: ['funds'], op: '>=' }] },
              green: {},
            },
          },
        ],
      }),
    ).toEqual([
      ['scoring.boards.0.colour', 'whitelistValidation'],
      ['scoring.boards.0.lists.green', 'whitelistValidation'],
      ['scoring.boards.0.lists.red.top', 'whitelistValidation'],
      ['scoring.boards.0.lists.red.allOf.0.op', 'whitelistValidation'],
    ]);
  });
});
