import { afterEach, describe, expect, it, vi } from 'vitest';

import { LOCALE_STORAGE_KEY } from './index';

describe('locales', () => {
  afterEach(() => {
    localStorage.clear();
    vi.resetModules();
  });

  it('should default to zh-CN', async () => {
    const { getLocale, i18n } = await import('./index');
    expect(getLocale()).toBe('zh-CN');
    expect(i18n.global.t('menu.dashboard')).toBe('驾驶舱');
  });

  it('should persist the choice in localStorage and restore it on the next start', async () => {
    const first = await import('./index');
    first.setLocale('en');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(first.i18n.global.t('menu.dashboard')).toBe('Dashboard');

    vi.resetModules();
    const second = await import('./index');
    expect(second.getLocale()).toBe('en');
  });

  it('should ignore an unknown stored locale', async () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'fr');
    const { getLocale } = await import('./index');
    expect(getLocale()).toBe('zh-CN');
  });
});

describe('messages', () => {
  // A stray '@', '|' or '{' is message syntax to vue-i18n: the page breaks only when the message is shown.
  it('should all compile and render in both languages', async () => {
    const { i18n } = await import('./index');
    const { zhCN } = await import('./zh-CN');
    const keys: string[] = [];
    const walk = (node: Record<string, unknown>, prefix: string) => {
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === 'string') keys.push(`${prefix}${key}`);
        else walk(value as Record<string, unknown>, `${prefix}${key}.`);
      }
    };
    walk(zhCN, '');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      for (const locale of ['zh-CN', 'en'] as const) {
        for (const key of keys) {
          const named = {
            max: 1,
            page: 'x',
            status: 500,
            password: 'p',
            name: 'n',
            username: 'u',
            count: 2,
            id: '7',
            checked: 3,
          };
          const text = i18n.global.t(key, named, { locale });
          expect(text, `${locale} ${key}`).not.toBe(key);
        }
      }
      expect(errors).not.toHaveBeenCalled();
      expect(warnings).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
      warnings.mockRestore();
    }
  });
});
