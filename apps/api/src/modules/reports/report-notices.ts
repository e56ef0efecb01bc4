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
