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
