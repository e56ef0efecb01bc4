import fc from 'fast-check';

import {
  CREDIT_CODE_CHARSET,
  creditCodeCheckChar,
  isCreditCodeFormat,
  isValidCreditCode,
  withCreditCodeCheckChar,
} from './credit-code.js';

describe('credit-code (GB 32100-2015)', () => {
  it('should accept real published codes', () => {
    // 宁德时代新能源科技股份有限公司, 比亚迪股份有限公司, 华为技术有限公司, the standard's own example
    for (const code of [
      '91350900587527783P',
      '91440300192317458F',
      '914403001922038216',
      '91350100M000100Y43',
    ]) {
      expect(isValidCreditCode(code)).toBe(true);
    }
  });

  it('should compute the check character, writing 31 as 0', () => {
    expect(creditCodeCheckChar('91350900587527783')).toBe('P');
    expect(creditCodeCheckChar('91440300192203821')).toBe('6');
    // Σ ≡ 0 (mod 31) gives 31, written as 0
    expect(creditCodeCheckChar('91350900587527718')).toBe('0');
    expect(creditCodeCheckChar('9135090058752778')).toBeNull();
    expect(creditCodeCheckChar('9135090058752778I')).toBeNull();
  });

  it('should refuse a wrong check character and a broken layout', () => {
    expect(isValidCreditCode('91350900587527783Q')).toBe(false);
    expect(isCreditCodeFormat('91350900587527783Q')).toBe(true);
    for (const bad of [
      '',
      '91350900587527783',
      '91350900587527783PP',
      '9135090058752778OP',
      '91A50900587527783P',
      '91350900587527783p',
      913509005,
    ]) {
      expect(isValidCreditCode(bad)).toBe(false);
    }
  });

  it('should catch every single-character substitution', () => {
    const code = '91350900587527783P';
    for (let i = 0; i < 18; i++) {
      for (const c of CREDIT_CODE_CHARSET) {
        if (c === code[i]) continue;
        const changed = `${code.slice(0, i)}${c}${code.slice(i + 1)}`;
        expect(isValidCreditCode(changed)).toBe(false);
      }
    }
  });

  it('should make valid codes from any well-formed 17 characters', () => {
    const char = fc.constantFrom(...CREDIT_CODE_CHARSET.split(''));
    const digit = fc.constantFrom(...'0123456789'.split(''));
    const first17 = fc
      .tuple(
        fc.array(char, { minLength: 2, maxLength: 2 }),
        fc.array(digit, { minLength: 6, maxLength: 6 }),
        fc.array(char, { minLength: 9, maxLength: 9 }),
      )
      .map(([a, b, c]) => [...a, ...b, ...c].join(''));
    fc.assert(fc.property(first17, (f) => isValidCreditCode(withCreditCodeCheckChar(f))));
    expect(() => withCreditCodeCheckChar('short')).toThrow(RangeError);
  });
});
