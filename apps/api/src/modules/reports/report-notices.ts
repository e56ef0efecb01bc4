import { monthLabelZh } from '@pacer/shared';

import type { NewNotification } from '../notifications/notifications.service';
import type { UnsubmittedUnit } from './report-reminders.repository';

// The Chinese texts of the report notifications, as pure functions (what the clerks read in their inbox).

export interface NoticePlan {
  id: number;
  name: string;
}

/** 「月报提醒」 to one reporter about one unit's month. */
export function remindNotice(
  plan: NoticePlan,
  month: string,
  deadline: string,
  unit: UnsubmittedUnit,
  userId: number,
  today: string,
): NewNotification {
  const what =
    unit.status === 'returned'
      ? `${unit.unitName} ${monthLabelZh(month)}月报已退回，请修改后重新报送`
      : `${unit.unitName} ${monthLabelZh(month)}月报尚未报送`;
  const when = today > deadline ? `截止日期 ${deadline} 已过，请尽快报送` : `截止日期 ${deadline}`;
  return {
    userId,
    kind: 'report.remind',
    title: '月报提醒',
    body: `${plan.name}：${what}，${when}。`,
    link: `/reports?planId=${plan.id}&month=${month}&unitId=${unit.unitId}`,
    planId: plan.id,
    unitId: unit.unitId,
    month,
  };
}

/** 「月报逾期」 to one administrator: the units still not in after the deadline. */
export function lateNotice(
  plan: NoticePlan,
  month: string,
  deadline: string,
  units: UnsubmittedUnit[],
  userId: number,
): NewNotification {
  // a province's list can be long: name the first ones (the link opens the whole list)
  const shown: string[] = [];
  let length = 0;
  for (const unit of units) {
    if (length + unit.unitName.length > 600) break;
    shown.push(unit.unitName);
    length += unit.unitName.length + 1;
  }
  const listed = shown.length < units.length ? `${shown.join('、')} 等` : shown.join('、');
  return {
    userId,
    kind: 'report.late',
    title: '月报逾期',
    body: `${plan.name}：${monthLabelZh(month)}月报截止日期 ${deadline} 已过，以下 ${units.length} 个单位尚未报送：${listed}。`,
    link: `/approvals?planId=${plan.id}&month=${month}`,
    planId: plan.id,
    unitId: null,
    month,
  };
}

/** What a workflow step's notice says about its report. */
export interface NoticeReport {
  id: number;
  planId: number;
  unitId: number;
  unitName: string;
  month: string;
  /** When the month was closed (关账), null or absent while open. */
  monthClosedAt?: string | null;
}

/** What a report of a closed month says (issue 14): it does not move the frozen ranking until 重新关账. */
export const CLOSED_MONTH_NOTE = '该月已关账，本月报审核通过后也不改变该月已冻结的排名，须重新关账后才会计入';

/** The report's own screen: the month's report screen of the plan, opened on the unit. */
export function reportLink(report: NoticeReport): string {
  return `/reports?planId=${report.planId}&month=${report.month}&unitId=${report.unitId}&reportId=${report.id}`;
}

/** 「月报待审核」 to one of the office's reviewers: a unit submitted its report. */
export function submittedNotice(report: NoticeReport, userId: number, isLate: boolean): NewNotification {
  return {
    userId,
    kind: 'report.submitted',
    title: '月报待审核',
    body:
      `${report.unitName} ${monthLabelZh(report.month)}月报已提交${isLate ? '（逾期报送）' : ''}，待审核。` +
      (report.monthClosedAt ? `${CLOSED_MONTH_NOTE}。` : ''),
    link: `/approvals?planId=${report.planId}&month=${report.month}&unitId=${report.unitId}&reportId=${report.id}`,
    planId: report.planId,
    unitId: report.unitId,
    month: report.month,
  };
}

/** 「月报被退回」 / 「月报已通过」 / 「月报已解锁」 to one reporter of the unit. */
export function decidedNotice(
  report: NoticeReport,
  step: 'return' | 'approve' | 'unlock',
  reason: string | null,
  userId: number,
): NewNotification {
  const month = monthLabelZh(report.month);
  const texts = {
    return: {
      kind: 'report.returned',
      title: '月报被退回',
      body: `您单位（${report.unitName}）${month}月报被退回：${reason ?? ''}。请修改后重新提交。`,
    },
    approve: {
      kind: 'report.approved',
      title: '月报已通过',
      body: `您单位（${report.unitName}）${month}月报已审核通过。`,
    },
    unlock: {
      kind: 'report.unlocked',
      title: '月报已解锁',
      body: `您单位（${report.unitName}）${month}月报已解锁，可修改后重新提交。原因：${reason ?? ''}。`,
    },
  } as const;
  const text = texts[step];
  return {
    userId,
    kind: text.kind,
    title: text.title,
    body: text.body,
    link: reportLink(report),
    planId: report.planId,
    unitId: report.unitId,
    month: report.month,
  };
}
