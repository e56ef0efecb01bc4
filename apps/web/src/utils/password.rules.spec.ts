import { describe, expect, it } from 'vitest';

import { i18n } from '@/locales';
import { characterClasses, passwordProblems } from '@/utils/password-policy';

import { confirmPasswordError, newPasswordError } from './password.rules';

const t = (key: string, named?: Record<string, unknown>) => i18n.global.t(key, named ?? {});

describe('passwordProblems (AUTH-2)', () => {
  it('should accept 8–64 characters with three classes that do not contain the username', () => {
    expect(passwordProblems('Chushi#2026', 'root')).toEqual([]);
    expect(passwordProblems('abcdefg1!', 'root')).toEqual([]);
    expect(passwordProblems('ABCDEFG1a', '')).toEqual([]);
  });

  it('should refuse a password shorter than 8 or longer than 64 characters', () => {
    expect(passwordProblems('Ab1!xyz', 'root')).toEqual(['length']);
    expect(passwordProblems(`Ab1!${'x'.repeat(60)}`, 'root')).toEqual([]);
    expect(passwordProblems(`Ab1!${'x'.repeat(61)}`, 'root')).toEqual(['length']);
  });

  it('should count upper, lower, digit and symbol classes', () => {
    expect(characterClasses('abcdefgh')).toBe(1);
    expect(characterClasses('abcdEFGH')).toBe(2);
    expect(characterClasses('abcd1234')).toBe(2);
    expect(characterClasses('ab12!@CD')).toBe(4);
    expect(characterClasses('密码密码密码1a')).toBe(3); // Chinese characters count as symbols, as on the server
    expect(passwordProblems('abcdefgh12', 'root')).toEqual(['classes']);
  });

  it('should refuse a password containing the username, whatever the case', () => {
    expect(passwordProblems('Chengguan#1', 'chengguan')).toEqual(['containsUsername']);
    expect(passwordProblems('xCHENGGUANx1!', 'ChengGuan')).toEqual(['containsUsername']);
  });

  it('should list every problem at once', () => {
    expect(passwordProblems('root', 'root')).toEqual(['length', 'classes', 'containsUsername']);
  });
});

describe('password form messages', () => {
  it('should explain the first problem in Chinese', () => {
    expect(newPasswordError('', 'root', t)).toBe('请输入新密码');
    expect(newPasswordError('Ab1!', 'root', t)).toBe('密码长度须为 8–64 个字符');
    expect(newPasswordError('abcdefgh', 'root', t)).toBe('须至少包含大写字母、小写字母、数字、符号中的三类');
    expect(newPasswordError('Root#2026x', 'root', t)).toBe('密码不能包含用户名');
    expect(newPasswordError('Xinmima#2026', 'root', t)).toBeNull();
  });

  it('should check that the confirmation matches', () => {
    expect(confirmPasswordError('', 'Xinmima#2026', t)).toBe('请再次输入新密码');
    expect(confirmPasswordError('Xinmima#2025', 'Xinmima#2026', t)).toBe('两次输入的密码不一致');
    expect(confirmPasswordError('Xinmima#2026', 'Xinmima#2026', t)).toBeNull();
  });
});
