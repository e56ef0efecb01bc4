import { HttpStatus } from '@nestjs/common';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { ErrorCode } from '@pacer/shared';

import { ApiException } from '../exceptions/api.exception';
import { PINYIN_DICTIONARY } from './pinyin-dictionary';

/** zxcvbn's score (0 = guessable in a handful of tries … 4 = very unguessable) a new password needs by default. */
export const DEFAULT_PASSWORD_MIN_SCORE = 3;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 64;

export interface PasswordProblem {
  /** Stable: length, classes, contains_username, weak. */
  code: 'length' | 'classes' | 'contains_username' | 'weak';
  message: string;
  messageEn: string;
}

export interface PasswordPolicyOptions {
  /** The least zxcvbn score accepted (0–4); PACER_PASSWORD_MIN_SCORE. */
  minScore?: number;
  /** More words a guesser would try for this user (the display name…). */
  userInputs?: string[];
}

// zxcvbn's warning keys, as a short reason in both languages
const WARNINGS: Record<string, [string, string]> = {
  straightRow: ['包含键盘上连续的一排按键', 'it contains a straight row of keys'],
  keyPattern: ['包含键盘上的简单图案', 'it contains a short keyboard pattern'],
  simpleRepeat: ['包含重复的字符（如 aaa）', 'it repeats a character (like aaa)'],
  extendedRepeat: ['包含重复的字符组合（如 abcabc）', 'it repeats a group of characters (like abcabc)'],
  sequences: ['包含常见的字符序列（如 abc、123）', 'it contains a common sequence (like abc or 123)'],
  recentYears: ['包含近年的年份', 'it contains a recent year'],
  dates: ['包含日期', 'it contains a date'],
  topTen: ['这是最常用的密码之一', 'it is one of the most used passwords'],
  topHundred: ['这是最常用的密码之一', 'it is one of the most used passwords'],
  common: ['这是常见密码', 'it is a common password'],
  pwned: ['这是常见密码', 'it is a common password'],
  similarToCommon: ['与常见密码过于相似（仅变换大小写、替换字母或加数字符号）', 'it is too close to a common password'],
  wordByItself: ['单个单词很容易被猜到', 'a single word is easy to guess'],
  namesByThemselves: ['姓名很容易被猜到', 'names are easy to guess'],
  commonNames: ['常见姓名很容易被猜到', 'common names are easy to guess'],
  userInputs: ['包含用户名或姓名', 'it contains your login id or name'],
};
const PINYIN: [string, string] = ['包含拼音姓名或常用拼音词', 'it contains a pinyin name or a common pinyin word'];
const GENERIC: [string, string] = [
  '太容易被猜到，请加长或避免拼音、姓名、年份和键盘序列',
  'it is too easy to guess: make it longer and avoid names, pinyin, years and keyboard runs',
];

let estimator: ZxcvbnFactory | null = null;

/** Built once per process (~150 ms for the dictionaries); a check then takes a few milliseconds. */
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...dictionary, pinyin: PINYIN_DICTIONARY },
    graphs: adjacencyGraphs,
    // the Levenshtein pass costs ~100 ms a check; l33t and dictionary matching already catch the variants
    useLevenshteinDistance: false,
  });
  return estimator;
}

/** zxcvbn's verdict: its score, and a reason when the score is low. */
export function passwordStrength(password: string, userInputs: string[] = []): { score: number; reason: [string, string] } {
  const result = zxcvbn().check(password, userInputs.filter((s) => s.length > 0));
  const warning = result.feedback.warning;
  const isPinyin = result.sequence.some((m) => m.pattern === 'dictionary' && m.dictionaryName === 'pinyin');
  const reason = (warning && WARNINGS[warning]) || (isPinyin ? PINYIN : GENERIC);
  return { score: result.score, reason };
}

/**
 * Problems with a new password under AUTH-2: 8–64 characters, 3 of the 4 character classes, not containing the
 * login id, and not guessable (zxcvbn-ts with its common-password dictionary and a pinyin one; score ≥ minScore).
 */
export function passwordProblems(password: string, username: string, options: PasswordPolicyOptions = {}): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    problems.push({ code: 'length', message: '长度须为 8–64 位', messageEn: 'it must be 8–64 characters' });
  }
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) {
    problems.push({
      code: 'classes',
      message: '须包含大写字母、小写字母、数字、符号中的至少三类',
      messageEn: 'it needs 3 of upper case, lower case, digits and symbols',
    });
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push({ code: 'contains_username', message: '不能包含用户名', messageEn: 'it must not contain the login id' });
  }
  if (password.length <= PASSWORD_MAX_LENGTH) {
    const minScore = options.minScore ?? DEFAULT_PASSWORD_MIN_SCORE;
    const { score, reason } = passwordStrength(password, [username, ...(options.userInputs ?? [])]);
    if (score < minScore) problems.push({ code: 'weak', message: reason[0], messageEn: reason[1] });
  }
  return problems;
}

/** Refuses a new password that breaks AUTH-2, with every reason in zh-CN and English on `field`. */
export function assertPasswordPolicy(
  password: string,
  username: string,
  field = 'newPassword',
  options: PasswordPolicyOptions = {},
): void {
  const problems = passwordProblems(password, username, options);
  if (problems.length === 0) return;
  throw new ApiException(
    HttpStatus.BAD_REQUEST,
    ErrorCode.PasswordPolicy,
    `密码不符合要求：${problems.map((p) => p.message).join('；')}`,
    `Password rejected: ${problems.map((p) => p.messageEn).join('; ')}`,
    problems.map((p) => ({ field, code: p.code, message: p.message, messageEn: p.messageEn })),
  );
}
