import { ChainWalker, GENESIS, hashedPartOf, hashOf, MAX_BROKEN_RANGES, redactSecrets, storableText, type StoredAuditRow } from './audit-chain';
import { deniedObjectOf } from './denied-access.interceptor';

/** A chain of `n` valid rows (ids 1..n) as the writer stores them. */
function chain(n: number): StoredAuditRow[] {
  const rows: StoredAuditRow[] = [];
  let prev = GENESIS;
  for (let i = 1; i <= n; i++) {
    const part = {
      at: new Date(Date.UTC(2026, 2, 1, 8, 0, i)).toISOString(),
      user_id: 7,
      username: 'rep_t01',
      roles: ['reporter'],
      unit_ids: [2],
      ip: '10.1.2.3',
      action: 'report.update',
      object_type: 'report',
      object_id: String(i),
      result: 'success' as const,
      request_id: `r${i}`,
      before: { progressText: '城关镇' },
      after: { progressText: `城关镇第${i}次` },
      detail: null,
    };
    const hash = hashOf(prev, hashedPartOf(part));
    rows.push({ id: String(i), ...part, prev_hash: prev, hash });
    prev = hash;
  }
  return rows;
}

function walk(rows: StoredAuditRow[]) {
  const walker = new ChainWalker(GENESIS);
  for (const row of rows) walker.visit(row);
  return walker;
}

describe(ChainWalker.name, () => {
  it('should find an intact chain intact', () => {
    const w = walk(chain(5));
    expect({ checked: w.checked, brokenRows: w.brokenRows, broken: w.broken }).toEqual({ checked: 5, brokenRows: 0, broken: [] });
  });

  it('should report an altered row alone and a run of altered rows as one range', () => {
    const rows = chain(10);
    rows[1]!.ip = '10.9.9.9';
    for (const i of [5, 6, 7]) rows[i]!.username = '伪造者';
    const w = walk(rows);
    expect(w.broken).toEqual([
      { fromId: '2', toId: '2', rows: 1, reason: 'row' },
      { fromId: '6', toId: '8', rows: 3, reason: 'row' },
    ]);
    expect(w.brokenRows).toBe(4);
    expect(w.checked).toBe(10);
  });

  it('should report a deleted row as a broken link on the row after it', () => {
    const rows = chain(6);
    rows.splice(2, 1);
    expect(walk(rows).broken).toEqual([{ fromId: '4', toId: '4', rows: 1, reason: 'link' }]);
  });

  it('should list at most MAX_BROKEN_RANGES ranges and say it truncated, counting every broken row', () => {
    const rows = chain(2 * MAX_BROKEN_RANGES + 10);
    for (let i = 0; i < rows.length; i += 2) rows[i]!.ip = '10.9.9.9';
    const w = walk(rows);
    expect(w.broken).toHaveLength(MAX_BROKEN_RANGES);
    expect(w.isTruncated).toBe(true);
    expect(w.brokenRows).toBe(MAX_BROKEN_RANGES + 5);
  });
});

describe('storableText', () => {
  it('should replace lone surrogates and NUL with U+FFFD and keep astral characters', () => {
    expect(storableText('\ud800')).toBe('\ufffd');
    expect(storableText('a\udc00b\u0000c')).toBe('a\ufffdb\ufffdc');
    expect(storableText('𠀀😀👍🏽')).toBe('𠀀😀👍🏽');
    expect(storableText('\ud83d\ude00\ud83d')).toBe('😀\ufffd');
  });
});

describe('redactSecrets', () => {
  it('should redact secrets by exact name and keep mustChangePassword and codes', () => {
    expect(
      redactSecrets({ password: 'x', refresh_token: 'y', mustChangePassword: true, code: 'T01', list: [{ newPassword: 'z' }] }),
    ).toEqual({ password: '[redacted]', refresh_token: '[redacted]', mustChangePassword: true, code: 'T01', list: [{ newPassword: '[redacted]' }] });
  });
});

describe('deniedObjectOf', () => {
  it('should name the object of the last id parameter, else the route', () => {
    expect(deniedObjectOf('POST', '/api/v1/reports/:id/submit', { id: '42' })).toEqual({ objectType: 'report', objectId: '42' });
    expect(deniedObjectOf('GET', '/api/v1/plans/:id/units/:unitId/scorecard', { id: '1', unitId: '7' })).toEqual({
      objectType: 'unit',
      objectId: '7',
    });
    expect(deniedObjectOf('PUT', '/api/v1/projects/:id/funds/:month', { id: '9', month: '2026-03' })).toEqual({
      objectType: 'project',
      objectId: '9',
    });
    expect(deniedObjectOf('GET', '/api/v1/imports/:id', { id: 'abc' })).toEqual({ objectType: 'import_batch', objectId: 'abc' });
    expect(deniedObjectOf('GET', '/api/v1/exports/audit.xlsx', {})).toEqual({
      objectType: 'route',
      objectId: 'GET /api/v1/exports/audit.xlsx',
    });
  });
});
