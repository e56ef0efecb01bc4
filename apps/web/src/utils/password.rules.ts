import type { FormItemRule, FormRules } from 'element-plus';

import { passwordProblems } from '@/utils/password-policy';

export interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

type Translate = (key: string, named?: Record<string, unknown>) => string;

export function createPasswordForm(): PasswordForm {
  return { currentPassword: '', newPassword: '', confirmPassword: '' };
}

/** The message for the first problem of a new password (AUTH-2), or null when it passes. */
export function newPasswordError(
  password: string,
  username: string,
  t: Translate,
  requiredKey = 'password.rules.newRequired',
): string | null {
  if (!password) return t(requiredKey);
  const [problem] = passwordProblems(password, username);
  return problem ? t(`password.rules.${problem}`) : null;
}

/** The message when the confirmation does not repeat the new password, or null. */
export function confirmPasswordError(confirm: string, password: string, t: Translate): string | null {
  if (!confirm) return t('password.rules.confirmRequired');
  return confirm === password ? null : t('password.rules.mismatch');
}

function asRule(check: (value: string) => string | null): FormItemRule {
  return {
    trigger: 'blur',
    validator: (_rule, value: unknown, callback) => {
      const message = check(typeof value === 'string' ? value : '');
      if (message) callback(new Error(message));
      else callback();
    },
  };
}

/** The new-password rule, also used where an administrator sets a user's password. */
export function createNewPasswordRule(
  t: Translate,
  username: () => string,
  requiredKey?: string,
): FormItemRule {
  return asRule((value) => newPasswordError(value, username(), t, requiredKey));
}

export function createConfirmPasswordRule(t: Translate, password: () => string): FormItemRule {
  return asRule((value) => confirmPasswordError(value, password(), t));
}

/** Element Plus rules of the change-password form; `t` comes in so messages follow the locale. */
export function createPasswordRules(
  t: Translate,
  form: () => PasswordForm,
  username: () => string,
): FormRules<PasswordForm> {
  return {
    currentPassword: [{ required: true, message: t('password.rules.currentRequired'), trigger: 'blur' }],
    newPassword: [
      createNewPasswordRule(t, username),
      asRule((value) =>
        value && value === form().currentPassword ? t('password.rules.sameAsCurrent') : null,
      ),
    ],
    confirmPassword: [createConfirmPasswordRule(t, () => form().newPassword)],
  };
}
