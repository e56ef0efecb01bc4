import { afterEach, describe, expect, it } from 'vitest';

import { i18n, setLocale } from '@/locales';

import {
  auditActionKey,
  auditActionLabel,
  auditResultLabel,
  brokenRangeText,
  jsonDiffLines,
  KNOWN_AUDIT_ACTIONS,
  objectTypeLabel,
  prettyJson,
} from './audit-labels';

const t = (key: string) => i18n.global.t(key);

describe('audit labels', () => {
  afterEach(() => setLocale('zh-CN'));

  it('should name the known actions in Chinese', () => {
    expect(auditActionLabel('auth.login', t)).toBe('登录');
    expect(auditActionLabel('auth.denied', t)).toBe('越权访问');
    expect(auditActionLabel('user.create', t)).toBe('新建用户');
    expect(auditActionLabel('user.password.reset', t)).toBe('重置密码');
    expect(auditActionLabel('auth.password.change', t)).toBe('修改密码');
    expect(auditActionLabel('unit.update', t)).toBe('修改单位');
    // the month close found the maintained summary differing from its rebuild
    expect(auditActionLabel('ytd_summary.drift', t)).toBe('累计汇总偏差');
  });

  it('should have a label in both languages for every known action', () => {
    for (const action of KNOWN_AUDIT_ACTIONS) {
      const key = auditActionKey(action)!;
      expect(i18n.global.te(key, 'zh-CN'), action).toBe(true);
      expect(i18n.global.te(key, 'en'), action).toBe(true);
    }
  });

  it('should show an unknown action as its code', () => {
    expect(auditActionKey('plan.archive')).toBeNull();
    expect(auditActionLabel('plan.archive', t)).toBe('plan.archive');
  });

  it('should follow the language switch', () => {
    setLocale('en');
    expect(auditActionLabel('auth.login', t)).toBe('Sign-in');
    expect(auditResultLabel('denied', t)).toBe('Denied');
  });

  it('should label results and object types, leaving unknown ones as they are', () => {
    expect(auditResultLabel('success', t)).toBe('成功');
    expect(auditResultLabel('denied', t)).toBe('拒绝');
    expect(objectTypeLabel('unit', t)).toBe('单位');
    expect(objectTypeLabel('attachment', t)).toBe('attachment');
  });

  it('should pretty-print change records and skip empty ones', () => {
    expect(prettyJson({ name: '城关镇' })).toBe('{\n  "name": "城关镇"\n}');
    expect(prettyJson(null)).toBeNull();
  });

  it('should mark the top-level keys a change changed', () => {
    const before = { name: '青山镇', sortOrder: 20, tags: ['a'] };
    const after = { name: '青山镇人民政府', sortOrder: 20, tags: ['a', 'b'] };

    const lines = jsonDiffLines(after, before);

    expect(lines.map((l) => l.text).join('\n')).toBe(prettyJson(after));
    expect(lines.filter((l) => l.isChanged).map((l) => l.text.trim())).toEqual([
      '"name": "青山镇人民政府",',
      '"tags": [',
      '"a",',
      '"b"',
      ']',
    ]);
    expect(jsonDiffLines(null, after)).toEqual([]);
    expect(jsonDiffLines(after, null).every((l) => l.isChanged || l.text === '{' || l.text === '}')).toBe(
      true,
    );
  });

  it('should describe every broken range of the chain check, one record or many, in both languages', () => {
    const tv = (key: string, values?: Record<string, unknown>) => i18n.global.t(key, values ?? {});
    expect(brokenRangeText({ fromId: '12', toId: '12', rows: 1, reason: 'row' }, tv)).toBe(
      '第 12 条：记录内容与其哈希不符（写入后被修改）',
    );
    expect(brokenRangeText({ fromId: '30', toId: '34', rows: 5, reason: 'link' }, tv)).toContain('第 30–34 条（共 5 条）');
    expect(brokenRangeText({ fromId: '7', toId: '7', rows: 1, reason: 'row+link' }, tv)).toContain('内容被修改');
    setLocale('en');
    expect(brokenRangeText({ fromId: '12', toId: '12', rows: 1, reason: 'row' }, tv)).toBe(
      'Record 12: the content no longer matches its hash (changed after it was written)',
    );
  });

  it('should name the objects a refused access names (notification, session)', () => {
    expect(objectTypeLabel('notification', t)).toBe('通知');
    expect(objectTypeLabel('session', t)).toBe('会话');
  });
});
