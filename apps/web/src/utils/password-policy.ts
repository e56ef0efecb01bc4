// AUTH-2 on the client: the same checks as the API's password policy, so the user learns before submitting.
// The server stays the judge (it also refuses guessable passwords, scored by zxcvbn-ts, and the last 5 used).

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 64;
export const PASSWORD_MIN_CLASSES = 3;

export type PasswordProblem = 'length' | 'classes' | 'containsUsername';

const CLASSES = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/];

/** How many of upper case, lower case, digit and symbol the password uses. */
export function characterClasses(password: string): number {
  return CLASSES.filter((re) => re.test(password)).length;
}

/** What is wrong with a new password, in a stable order; empty when it passes. */
export function passwordProblems(password: string, username = ''): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) problems.push('length');
  if (characterClasses(password) < PASSWORD_MIN_CLASSES) problems.push('classes');
  const login = username.trim().toLowerCase();
  if (login && password.toLowerCase().includes(login)) problems.push('containsUsername');
  return problems;
}
