import { NOTIFICATION_KINDS } from '@pacer/shared';
import { describe, expect, it } from 'vitest';

import {
  notificationKindLabel,
  notificationTarget,
  notificationTitle,
} from './notification-kinds';

describe('notification kinds: labels and links', () => {
  it('should label every workflow notice in Chinese and in English', () => {
    expect(notificationKindLabel('report.submitted', 'zh-CN')).toBe('月报待审核');
    expect(notificationKindLabel('report.returned', 'zh-CN')).toBe('月报被退回');
    expect(notificationKindLabel('report.approved', 'zh-CN')).toBe('月报已通过');
    expect(notificationKindLabel('report.unlocked', 'zh-CN')).toBe('月报已解锁');
    expect(notificationKindLabel('month.closed', 'zh-CN')).toBe('月度关账');
    expect(notificationKindLabel('briefing.published', 'zh-CN')).toBe('通报已发布');
    expect(notificationKindLabel('project.share.credited', 'zh-CN')).toBe('项目分成计入');
    expect(notificationKindLabel('report.returned', 'en')).toBe('Report returned');
    expect(notificationKindLabel('month.closed', 'en')).toBe('Month closed');
    expect(notificationKindLabel('briefing.published', 'en')).toBe('Briefing published');
    // a kind this web does not know yet is shown as it is
    expect(notificationKindLabel('report.archived', 'zh-CN')).toBe('report.archived');
  });

  it('should give every kind a label in both languages', () => {
    for (const kind of NOTIFICATION_KINDS) {
      expect(notificationKindLabel(kind, 'zh-CN')).not.toBe(kind);
      expect(notificationKindLabel(kind, 'en')).not.toBe(kind);
    }
  });

  it("should show the row's own title in Chinese and the kind's label in English", () => {
    const row = { kind: 'report.returned' as const, title: '月报被退回' };
    expect(notificationTitle(row, 'zh-CN')).toBe('月报被退回');
    expect(notificationTitle(row, 'en')).toBe('Report returned');
  });

  it('should follow the exact screen each new kind links to', () => {
    const row = (kind: (typeof NOTIFICATION_KINDS)[number], link: string | null) => ({
      kind,
      link,
      planId: 3,
      month: '2026-11',
    });
    expect(notificationTarget(row('report.submitted', '/approvals?planId=3&month=2026-11&unitId=7&reportId=41'))).toBe(
      '/approvals?planId=3&month=2026-11&unitId=7&reportId=41',
    );
    expect(notificationTarget(row('report.returned', '/reports?planId=3&month=2026-11&unitId=7&reportId=41'))).toBe(
      '/reports?planId=3&month=2026-11&unitId=7&reportId=41',
    );
    expect(notificationTarget(row('month.closed', '/ranking?planId=3&month=2026-11'))).toBe(
      '/ranking?planId=3&month=2026-11',
    );
    expect(notificationTarget(row('briefing.published', '/months?planId=3&month=2026-11'))).toBe(
      '/months?planId=3&month=2026-11',
    );
    expect(notificationTarget({ link: '/projects?projectId=12' })).toBe('/projects?projectId=12');
    expect(notificationTarget(row('month.closed', null))).toBeNull();
    // never a link out of the app
    expect(notificationTarget(row('report.approved', '//evil.example.com/reports'))).toBeNull();
    expect(notificationTarget(row('report.approved', 'https://evil.example.com/'))).toBeNull();
  });
});
