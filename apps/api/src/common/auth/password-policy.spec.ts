import { ErrorCode } from '@pacer/shared';

import { TEST_PASSWORD } from '../../../test/factories/user.factory';
import { ApiException } from '../exceptions/api.exception';
import { assertPasswordPolicy, DEFAULT_PASSWORD_MIN_SCORE, passwordProblems } from './password-policy';

const codes = (password: string, username = 'chengguan') => passwordProblems(password, username).map((p) => p.code);

describe('password policy (AUTH-2)', () => {
  it.each(['Qwerty@123', 'Password1!', 'Admin@123', 'P@ssw0rd', 'zhangsan123A', 'Woaini@1314'])(
    'should refuse the guessable %s with a reason, though it has 8+ characters and 3 classes',
    (password) => {
      const problems = passwordProblems(password, 'chengguan');
      expect(problems.map((p) => p.code)).toEqual(['weak']);
      expect(problems[0].message).toMatch(/[\u4e00-\u9fa5]/);
      expect(problems[0].messageEn).toMatch(/[a-z]/);
    },
  );

  it('should say why a pinyin name is weak, and a common password', () => {
    expect(passwordProblems('zhangsan123A', 'chengguan')[0].message).toBe('包含拼音姓名或常用拼音词');
    expect(passwordProblems('Password1!', 'chengguan')[0].message).toContain('常见密码');
  });

  it.each(['Tz9!kLm#4qRw', 'Huaxin#Rpt26', 'Xinmima#2026', 'Chushi#2026'])('should accept the strong %s', (password) => {
    expect(codes(password)).toEqual([]);
  });

  it('should accept the demo password and the test factories’ password', () => {
    expect(codes('Pacer@2026', 'chengguan')).toEqual([]);
    expect(codes(TEST_PASSWORD, 'rep_t01')).toEqual([]);
  });

  it('should keep the length, character class and login id rules', () => {
    expect(codes('Ab1!x')).toContain('length');
    expect(codes(`Tz9!kLm#4qRw${'x'.repeat(60)}`)).toEqual(['length']);
    expect(codes('tz9kxlm4qrwb')).toContain('classes');
    expect(codes('Qk#chengguan7', 'chengguan')).toContain('contains_username');
  });

  it('should take the least score from configuration (default 3)', () => {
    expect(DEFAULT_PASSWORD_MIN_SCORE).toBe(3);
    expect(passwordProblems('Admin@123', 'chengguan', { minScore: 0 })).toEqual([]);
    expect(passwordProblems('Tz9!kLm#4qRw', 'chengguan', { minScore: 4 })).toEqual([]);
    expect(passwordProblems('Pacer@2026', 'chengguan', { minScore: 4 }).map((p) => p.code)).toEqual(['weak']);
  });

  it('should count words about the user as guesses', () => {
    expect(codes('Caolin#2026', 'auditor')).toEqual([]);
    const problems = passwordProblems('Caolin#2026', 'auditor', { userInputs: ['caolin'] });
    expect(problems.map((p) => p.code)).toEqual(['weak']);
  });

  it('should refuse with PASSWORD_POLICY, every reason on the field in both languages', () => {
    let error: ApiException | undefined;
    try {
      assertPasswordPolicy('Qwerty@123', 'chengguan', 'password');
    } catch (e) {
      error = e as ApiException;
    }
    expect(error?.getStatus()).toBe(400);
    expect(error?.code).toBe(ErrorCode.PasswordPolicy);
    expect(error?.messageZh).toBe('密码不符合要求：与常见密码过于相似（仅变换大小写、替换字母或加数字符号）');
    expect(error?.messageEn).toContain('too close to a common password');
    expect(error?.details).toEqual([expect.objectContaining({ field: 'password', code: 'weak' })]);
  });
});
