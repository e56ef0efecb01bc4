import { describe, expect, it } from 'vitest';

import { fileNameFromDisposition } from './excel';

describe('fileNameFromDisposition', () => {
  it('should prefer the RFC 5987 name over the ASCII fallback', () => {
    const name = encodeURIComponent('目标任务-2026年度.xlsx');
    expect(fileNameFromDisposition(`attachment; filename="pacer.xlsx"; filename*=UTF-8''${name}`)).toBe(
      '目标任务-2026年度.xlsx',
    );
  });

  it('should read filename* with a language tag, quotes and any case', () => {
    expect(fileNameFromDisposition(`ATTACHMENT; FILENAME*="utf-8'zh-CN'%E8%B5%9B%E9%A9%AC.xlsx"`)).toBe(
      '赛马.xlsx',
    );
  });

  it('should fall back to the plain filename, quoted or not', () => {
    expect(fileNameFromDisposition('attachment; filename="a \\"b\\".xlsx"')).toBe('a "b".xlsx');
    expect(fileNameFromDisposition('attachment; filename=report.xlsx')).toBe('report.xlsx');
  });

  it('should fall back when the extended name is malformed', () => {
    expect(fileNameFromDisposition(`attachment; filename="x.xlsx"; filename*=UTF-8''%E8%ZZ`)).toBe('x.xlsx');
  });

  it('should give null when no file is named', () => {
    expect(fileNameFromDisposition(null)).toBeNull();
    expect(fileNameFromDisposition('attachment')).toBeNull();
  });
});
