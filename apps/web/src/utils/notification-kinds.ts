import { NOTIFICATION_KIND_TITLES, NOTIFICATION_KINDS, type NotificationKind, type NotificationRow } from '@pacer/shared';

import { safeRedirect } from '@/router/guards';

// The notice centre's labels and links for each kind of notice (the bell's drawer and the phone's notice page share
// them). Who receives each kind: docs/notifications.md.

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** A kind's label in the language shown ('月报被退回' / 'Report returned'); an unknown kind is shown as it is. */
export function notificationKindLabel(kind: string, locale: string): string {
  if (!isNotificationKind(kind)) return kind;
  const titles = NOTIFICATION_KIND_TITLES[kind];
  return locale === 'en' ? titles.en : titles.zhCN;
}

/** What a row's head shows: its own (Chinese) title, or the kind's English label when the web is in English. */
export function notificationTitle(row: Pick<NotificationRow, 'kind' | 'title'>, locale: string): string {
  return locale === 'en' && isNotificationKind(row.kind) ? NOTIFICATION_KIND_TITLES[row.kind].en : row.title;
}

/** Where a row leads: its own link, an in-app path only (null: none, or one out of the app). */
export function notificationTarget(row: Pick<NotificationRow, 'link'>): string | null {
  return safeRedirect(row.link);
}
