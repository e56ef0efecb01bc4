import { VERIFICATION_KIND_LABELS, type VerificationKind } from '@pacer/shared';

import type { NewNotification } from '../notifications/notifications.service';

/** The event as a notice names it, e.g. 签约（2026-03-18） or 到位资金（2026-05）. */
export function eventLabel(kind: VerificationKind, eventDate: string, fundMonth: string | null): string {
  return `${VERIFICATION_KIND_LABELS[kind]}（${fundMonth ?? eventDate}）`;
}

export interface DecidedEvent {
  projectId: number;
  projectName: string;
  unitId: number;
  kind: VerificationKind;
  eventDate: string;
  fundMonth: string | null;
}

/** 认定结果 to one reporter of the project's unit: what was decided, the reason and note, and whether it may be appealed. */
export function verificationDecidedNotice(
  event: DecidedEvent,
  decision: { status: 'verified' | 'rejected'; reason: string | null; note: string | null; isFinal: boolean },
  userId: number,
): NewNotification {
  const what = `项目「${event.projectName}」的${eventLabel(event.kind, event.eventDate, event.fundMonth)}`;
  let body: string;
  if (decision.status === 'verified') {
    body = `${what}已认定。`;
  } else {
    body = `${what}不予认定，原因：${decision.reason}。`;
    body += decision.isFinal ? '此为申诉复核结论，不再受理申诉。' : '如有异议，可在项目页面申诉一次。';
  }
  if (decision.note) body += `说明：${decision.note}`;
  return {
    userId,
    kind: 'verification.decided',
    title: '认定结果',
    body: body.slice(0, 2000),
    link: `/projects?projectId=${event.projectId}`,
    planId: null,
    unitId: event.unitId,
    month: event.fundMonth ?? event.eventDate.slice(0, 7),
  };
}
