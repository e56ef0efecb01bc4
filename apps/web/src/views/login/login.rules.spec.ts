import { mount } from '@vue/test-utils';
import { ElForm, ElFormItem, ElInput } from 'element-plus';
import type { FormInstance } from 'element-plus';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, reactive, ref } from 'vue';

import { i18n, setLocale } from '@/locales';

import { createLoginForm, createLoginRules, type LoginForm, USERNAME_MAX_LENGTH } from './login.rules';

const t = (key: string, named?: Record<string, unknown>) => i18n.global.t(key, named ?? {});

/** Runs the rules the way the login page does: through Element Plus' own form validation. */
async function validate(values: LoginForm): Promise<{ isValid: boolean; errors: Record<string, string> }> {
  const formRef = ref<FormInstance>();
  const Harness = defineComponent({
    setup() {
      const model = reactive(values);
      return () =>
        h(ElForm, { ref: formRef, model, rules: createLoginRules(t) }, () => [
          h(ElFormItem, { prop: 'username' }, () => h(ElInput, { modelValue: model.username })),
          h(ElFormItem, { prop: 'password' }, () => h(ElInput, { modelValue: model.password })),
        ]);
    },
  });
  const wrapper = mount(Harness, { global: { plugins: [i18n] } });
  try {
    await formRef.value!.validate();
    return { isValid: true, errors: {} };
  } catch (fields) {
    const errors = Object.fromEntries(
      Object.entries(fields as Record<string, { message: string }[]>).map(([field, list]) => [
        field,
        list[0]!.message,
      ]),
    );
    return { isValid: false, errors };
  } finally {
    wrapper.unmount();
  }
}

describe('createLoginRules', () => {
  // async-validator echoes every failed rule to console.warn outside production builds.
  beforeAll(() => {
    const warn = console.warn.bind(console);
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
      if (args[0] !== 'async-validator:') warn(...args);
    });
  });
  afterAll(() => vi.restoreAllMocks());
  afterEach(() => setLocale('zh-CN'));

  it('should reject an empty username and password with Chinese messages', async () => {
    const result = await validate(createLoginForm());
    expect(result.isValid).toBe(false);
    expect(result.errors).toEqual({ username: '请输入用户名', password: '请输入密码' });
  });

  it('should reject a username made only of spaces', async () => {
    const result = await validate({ username: '   ', password: 'secret' });
    expect(result.errors).toEqual({ username: '请输入用户名' });
  });

  it('should reject a username longer than the limit', async () => {
    const result = await validate({ username: 'a'.repeat(USERNAME_MAX_LENGTH + 1), password: 'secret' });
    expect(result.errors).toEqual({ username: `不能超过 ${USERNAME_MAX_LENGTH} 个字符` });
  });

  it('should accept a filled form', async () => {
    const result = await validate({ username: 'zhangsan', password: 'secret' });
    expect(result).toEqual({ isValid: true, errors: {} });
  });

  it('should translate the messages with the current locale', () => {
    setLocale('en');
    const rules = createLoginRules(t);
    const [required] = rules.username as { message: string; required?: boolean }[];
    expect(required).toMatchObject({ required: true, message: 'Please enter your username' });
  });
});
