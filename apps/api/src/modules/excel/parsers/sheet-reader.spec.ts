import { readDate } from './sheet-reader';

describe('readDate', () => {
  it('should read a date cell, an Excel serial and Chinese date text inside the business window', () => {
    expect(readDate(new Date(Date.UTC(2026, 2, 18)))).toEqual({ value: '2026-03-18' });
    expect(readDate(46099)).toEqual({ value: '2026-03-18' });
    expect(readDate('2026年3月18日')).toEqual({ value: '2026-03-18' });
  });

  it('should refuse a date outside 2000-01-01 … 2099-12-31 with a message (VAL-1)', () => {
    for (const cell of ['1900-01-01', new Date(Date.UTC(1900, 0, 1)), 1, '2100/1/1']) {
      const read = readDate(cell);
      expect(read).toEqual({
        error: [expect.stringContaining('超出允许范围'), expect.stringContaining('outside')],
      });
    }
  });
});
