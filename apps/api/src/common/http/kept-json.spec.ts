import { entityTag, JsonPiece, KeptBodies, spliceJsonObject } from './kept-json';

const matrix = {
  units: [
    { unitId: 11, unitName: '城关镇', group: 'towns' },
    { unitId: 12, unitName: '青山镇 "东区"', group: 'towns' },
  ],
  cells: [{ unitId: 11, indicatorId: 3, light: 'green', completion: '1.05' }],
};

describe('kept JSON answers', () => {
  it('should splice kept pieces into exactly what JSON.stringify gives for the whole', () => {
    const whole = {
      planId: 7,
      planName: '示范县2026年度招商引资目标责任考核',
      computedAt: null,
      skipped: undefined,
      matrix,
      lateReports: [{ unitId: 11, unitName: '城关镇', submittedAt: '2026-07-06T01:00:00.000Z' }],
      atRisk: [],
    };
    const { body } = spliceJsonObject({
      ...whole,
      matrix: new JsonPiece(Buffer.from(JSON.stringify(matrix))),
      atRisk: new JsonPiece(Buffer.from('[]')),
    });
    expect(body.toString('utf8')).toBe(JSON.stringify(whole));
    expect(spliceJsonObject({ first: new JsonPiece(Buffer.from('1')) }).body.toString()).toBe('{"first":1}');
    expect(spliceJsonObject({}).body.toString()).toBe('{}');
  });

  it('should digest what was serialized now, so the same pieces with other fresh fields differ', () => {
    const piece = new JsonPiece(Buffer.from(JSON.stringify(matrix)));
    const a = spliceJsonObject({ month: '2026-06', matrix: piece, missing: [] });
    const b = spliceJsonObject({ month: '2026-06', matrix: piece, missing: [{ unitId: 12 }] });
    expect(spliceJsonObject({ month: '2026-06', matrix: piece, missing: [] }).freshDigest).toBe(
      a.freshDigest,
    );
    expect(b.freshDigest).not.toBe(a.freshDigest);
    expect(a.freshDigest).toMatch(/^[\w-]{27}$/);
  });

  it('should build a body once per owners and variant, and a new one for other owners', () => {
    const bodies = new KeptBodies();
    const month = {};
    const ranks = {};
    const view = jest.fn(() => ({ rows: [{ unitName: '白云镇', total: '32' }] }));
    const first = bodies.get([month, ranks], '', view);
    expect(bodies.get([month, ranks], '', view)).toBe(first);
    expect(view).toHaveBeenCalledTimes(1);
    expect(first.toString('utf8')).toBe('{"rows":[{"unitName":"白云镇","total":"32"}]}');
    bodies.get([month, ranks], 'towns', view);
    bodies.get([month, {}], '', view);
    bodies.get([{}, ranks], '', view);
    expect(view).toHaveBeenCalledTimes(4);
  });

  it('should make weak tags of safe parts and refuse what would break an If-None-Match list', () => {
    expect(entityTag(['ranking/1', 'plan-3', '2026-06', 'live-2026-07-20-v42'])).toBe(
      'W/"ranking/1:plan-3:2026-06:live-2026-07-20-v42"',
    );
    expect(() => entityTag(['group-a,b'])).toThrow();
    expect(() => entityTag(['a b'])).toThrow();
    expect(() => entityTag(['"'])).toThrow();
  });
});
