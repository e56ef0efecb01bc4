type Translate = (key: string) => string;

// A browser's User-Agent in a few words for the session list: "Chrome 131 · Windows", "微信 8 · Android".
// Order matters: in-app browsers and Chinese shells name Chrome and Safari too, so they are tried first.
const BROWSERS: ReadonlyArray<{ pattern: RegExp; name: string; isKey?: boolean }> = [
  { pattern: /MicroMessenger\/(\d+)/, name: 'sessions.browsers.wechat', isKey: true },
  { pattern: /DingTalk\/(\d+)/, name: 'sessions.browsers.dingtalk', isKey: true },
  { pattern: /QQBrowser\/(\d+)/, name: 'sessions.browsers.qq', isKey: true },
  { pattern: /MetaSr|SogouMobileBrowser|SE 2\.X/, name: 'sessions.browsers.sogou', isKey: true },
  { pattern: /QIHU 360|360SE|360EE/, name: 'sessions.browsers.qihoo', isKey: true },
  { pattern: /Edg(?:e|A|iOS)?\/(\d+)/, name: 'Edge' },
  { pattern: /OPR\/(\d+)/, name: 'Opera' },
  { pattern: /(?:Firefox|FxiOS)\/(\d+)/, name: 'Firefox' },
  { pattern: /(?:Chrome|CriOS|Chromium)\/(\d+)/, name: 'Chrome' },
  { pattern: /Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//, name: 'Safari' },
];

const SYSTEMS: ReadonlyArray<{ pattern: RegExp; name: string; isKey?: boolean }> = [
  { pattern: /HarmonyOS|OpenHarmony/, name: 'sessions.systems.harmony', isKey: true },
  { pattern: /Android/, name: 'Android' },
  { pattern: /iPhone|iPad|iPod/, name: 'iOS' },
  { pattern: /Windows/, name: 'Windows' },
  { pattern: /Mac OS X|Macintosh/, name: 'macOS' },
  { pattern: /UOS|UnionTech/, name: 'sessions.systems.uos', isKey: true },
  { pattern: /Kylin/i, name: 'sessions.systems.kylin', isKey: true },
  { pattern: /CrOS/, name: 'ChromeOS' },
  { pattern: /Linux|X11/, name: 'Linux' },
];

/** A short name of the browser and system; '—' when the session recorded none, the raw start of an unknown one. */
export function shortUserAgent(userAgent: string | null | undefined, t: Translate): string {
  const ua = userAgent?.trim();
  if (!ua) return '—';
  const browser = BROWSERS.find((b) => b.pattern.test(ua));
  const system = SYSTEMS.find((s) => s.pattern.test(ua));
  let name: string | null = null;
  if (browser) {
    const major = browser.pattern.exec(ua)?.[1];
    const label = browser.isKey ? t(browser.name) : browser.name;
    name = major ? `${label} ${major}` : label;
  } else {
    // a client that is not a browser (curl/8.5.0, okhttp/4.12.0): its product and major version
    const product = /^([A-Za-z][\w.-]{0,30})\/(\d+)/.exec(ua);
    if (product) name = `${product[1]} ${product[2]}`;
  }
  const os = system ? (system.isKey ? t(system.name) : system.name) : null;
  if (name && os) return `${name} · ${os}`;
  if (name ?? os) return (name ?? os)!;
  return ua.length > 24 ? `${ua.slice(0, 24)}…` : ua;
}
