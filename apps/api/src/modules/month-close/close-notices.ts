import { Injectable } from '@nestjs/common';
import { monthLabelZh } from '@pacer/shared';
import type { EntityManager } from 'typeorm';

import { type NewNotification, NotificationsService } from '../notifications/notifications.service';

interface NoticePlan {
  id: number;
  name: string;
  rootUnitId: number;
}

/** The ranking screen of the plan's month: what a month close froze. */
export function rankingLink(planId: number, month: string): string {
  return `/ranking?planId=${planId}&month=${month}`;
}

/** 「月度关账」 (or 重新关账, with its reason) to one reporter or leader of the plan. */
export function monthClosedNotice(
  plan: NoticePlan,
  month: string,
  reclose: { reason: string } | null,
  userId: number,
): NewNotification {
  const what = `「${plan.name}」${monthLabelZh(month)}`;
  return {
    userId,
    kind: 'month.closed',
    title: '月度关账',
    body: reclose
      ? `${what}已重新关账，排名按最新审核数据重新计算并冻结。原因：${reclose.reason}。`
      : `${what}已关账，本月排名已冻结，可在赛马榜查看。`,
    link: rankingLink(plan.id, month),
    planId: plan.id,
    unitId: null,
    month,
  };
}

/**
 * The month close's notice to every unit of the plan (its reporters and leaders), written in the close's transaction.
 * Once per person and text: a re-close with the same reason tells no one twice.
 */
@Injectable()
export class CloseNotices {
  constructor(private readonly notifications: NotificationsService) {}

  async record(
    manager: EntityManager,
    plan: NoticePlan,
    month: string,
    reclose: { reason: string } | null,
  ): Promise<number[]> {
    const audience = await this.notifications.planAudience(manager, plan.rootUnitId);
    return this.notifications.recordOnce(
      manager,
      audience.map((userId) => monthClosedNotice(plan, month, reclose, userId)),
    );
  }

  push(ids: number[]): Promise<void> {
    return this.notifications.push(ids);
  }
}
