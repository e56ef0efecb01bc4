import { HttpStatus } from '@nestjs/common';

import { ApiException } from '../exceptions/api.exception';

// a few of the most common passwords; a fuller list comes with the security hardening
const COMMON = new Set([
  'password',
  'password1',
  'password123',
  'p@ssw0rd',
  'passw0rd',
  'admin123',
  'admin@123',
  'qwerty123',
  '12345678',
  '123456789',
  '1qaz2wsx',
  'abc12345',
  'abcd1234',
  'a1234567',
  'iloveyou',
  'welcome1',
  'changeme',
]);

/** Problems with a new password under AUTH-2 (8–64 characters, 3 classes, not common, not the login id). */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < 8 || password.length > 64) problems.push('length');
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('classes');
  if (COMMON.has(password.toLowerCase())) problems.push('common');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('contains_username');
  return problems;
}

export function assertPasswordPolicy(password: string, username: string, field = 'newPassword'): void {
  const problems = passwordProblems(password, username);
  if (problems.length === 0) return;
  throw new ApiException(
    HttpStatus.BAD_REQUEST,
    'PASSWORD_POLICY',
    '密码不符合要求：8–64 位，至少包含大写字母、小写字母、数字、符号中的三类，不能是常见密码，不能包含用户名',
    'Password rejected: 8–64 characters, at least 3 of upper/lower/digit/symbol, not common, not containing the login id',
    problems.map((code) => ({ field, code, message: `${field}：密码不符合要求（${code}）`, messageEn: `password ${code}` })),
  );
}
