import { afterEach, describe, expect, it } from 'vitest';

import { i18n, setLocale } from '@/locales';

import { shortUserAgent } from './user-agent';

const t = (key: string) => i18n.global.t(key);

describe('shortUserAgent', () => {
  afterEach(() => setLocale('zh-CN'));

  it('should name the browsers and systems a county office uses', () => {
    const cases: Array<[string, string]> = [
      [
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
        'Chrome 131 · Windows',
      ],
      [
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86',
        'Edge 131 · Windows',
      ],
      [
        'Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36 MicroMessenger/8.0.50',
        '微信 8 · Android',
      ],
      [
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
        'Safari 17 · iOS',
      ],
      [
        'Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/108.0.5359.125 Safari/537.36 QIHU 360SE',
        '360浏览器 · Windows',
      ],
      ['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox 128 · Linux'],
      [
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.0.0 Safari/537.36 UOS',
        'Chrome 114 · 统信UOS',
      ],
      ['curl/8.5.0', 'curl 8'],
    ];
    for (const [ua, short] of cases) expect(shortUserAgent(ua, t), ua).toBe(short);
  });

  it('should say the Chinese apps in English too, and show a dash for none', () => {
    setLocale('en');
    expect(
      shortUserAgent(
        'Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36 MicroMessenger/8.0.50',
        t,
      ),
    ).toBe('WeChat 8 · Android');
    expect(shortUserAgent(null, t)).toBe('—');
    expect(shortUserAgent('   ', t)).toBe('—');
    expect(shortUserAgent('a strange client without any version at all', t)).toBe(
      'a strange client without…',
    );
  });
});
