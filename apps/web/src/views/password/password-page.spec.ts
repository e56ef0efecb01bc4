import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';

import { i18n, setLocale } from '@/locales';
import { signInAs } from '@/test-fixtures/session';

import PasswordPage from './index.vue';

// 修改密码 (AUTH-2): 城关镇's reporter 李娜 picks a password that passes the form's own rules but that the server
// finds guessable; the server's reason is shown under the new password.

const REASON_ZH = '密码不符合要求：与常见密码过于相似（仅变换大小写、替换字母或加数字符号）';
const REASON_EN = 'Password rejected: it is too close to a common password';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const fetchMock = vi.fn<typeof fetch>(async () =>
  json(400, {
    code: 'PASSWORD_POLICY',
    message: REASON_ZH,
    messageEn: REASON_EN,
    requestId: 'req-5d1b',
    details: [
      {
        field: 'newPassword',
        code: 'weak',
        message: '与常见密码过于相似（仅变换大小写、替换字母或加数字符号）',
        messageEn: 'it is too close to a common password',
      },
    ],
  }),
);

async function mountPage() {
  signInAs(['reporter'], { id: 21, username: 'chengguan', displayName: '城关镇填报员 李娜' });
  setActivePinia(createPinia());
  const Stub = { render: () => null };
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/password', component: PasswordPage },
      { path: '/:rest(.*)*', component: Stub },
    ],
  });
  await router.push('/password');
  const wrapper = mount(PasswordPage, { global: { plugins: [i18n, router] }, attachTo: document.body });
  await flushPromises();
  return wrapper;
}

async function type(selector: string, value: string): Promise<void> {
  const input = document.body.querySelector<HTMLInputElement>(`input[data-test="${selector}"]`)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await flushPromises();
}

async function submitWeak(): Promise<Element> {
  await type('password-current', 'Pacer@2026');
  await type('password-new', 'Qwerty@123');
  await type('password-confirm', 'Qwerty@123');
  document.body.querySelector<HTMLElement>('[data-test="password-submit"]')!.click();
  await flushPromises();
  return document.body.querySelector('input[data-test="password-new"]')!.closest('.el-form-item')!;
}

describe('change-password page: the server’s reason', () => {
  beforeEach(() => {
    sessionStorage.clear();
    fetchMock.mockClear();
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    setLocale('zh-CN');
    document.body.innerHTML = '';
  });

  it('should show why the server refused the new password, under the new password', async () => {
    const wrapper = await mountPage();
    const item = await submitWeak();

    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(item.classList).toContain('is-error');
    await vi.waitFor(() => expect(item.querySelector('.el-form-item__error')?.textContent?.trim()).toBe(REASON_ZH));
    expect(document.body.querySelector('[data-test="password-error"]')).toBeNull();
    wrapper.unmount();
  });

  it('should show it in English for an English reader', async () => {
    setLocale('en');
    const wrapper = await mountPage();
    const item = await submitWeak();
    await vi.waitFor(() => expect(item.querySelector('.el-form-item__error')?.textContent?.trim()).toBe(REASON_EN));
    wrapper.unmount();
  });
});
