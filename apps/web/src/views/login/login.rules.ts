import type { FormRules } from 'element-plus';

export interface LoginForm {
  username: string;
  password: string;
}

export const USERNAME_MAX_LENGTH = 64;
export const PASSWORD_MAX_LENGTH = 128;

type Translate = (key: string, named?: Record<string, unknown>) => string;

export function createLoginForm(): LoginForm {
  return { username: '', password: '' };
}

/**
 * Element Plus rules for the login form; `t` is passed in so the rules stay a pure function
 * and messages follow the current locale.
 */
export function createLoginRules(t: Translate): FormRules<LoginForm> {
  return {
    username: [
      // whitespace: true rejects '   ' as empty, which a bare `required` would accept.
      { required: true, whitespace: true, message: t('login.usernameRequired'), trigger: 'blur' },
      {
        max: USERNAME_MAX_LENGTH,
        message: t('login.tooLong', { max: USERNAME_MAX_LENGTH }),
        trigger: 'blur',
      },
    ],
    password: [
      { required: true, message: t('login.passwordRequired'), trigger: 'blur' },
      {
        max: PASSWORD_MAX_LENGTH,
        message: t('login.tooLong', { max: PASSWORD_MAX_LENGTH }),
        trigger: 'blur',
      },
    ],
  };
}
