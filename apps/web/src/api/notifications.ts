import type {
  MarkReadResponse,
  NotificationsQuery,
  NotificationsResponse,
  UnreadCountResponse,
} from '@pacer/shared';

import { http } from './http';

// The signed-in user's own inbox (Permission.Self: every user has one).

/** `GET /notifications`: newest first, `page` from 1. */
export function fetchNotifications(
  query: NotificationsQuery = {},
  signal?: AbortSignal,
): Promise<NotificationsResponse> {
  return http.get<NotificationsResponse>('/notifications', {
    query: { unreadOnly: query.unreadOnly || undefined, page: query.page, pageSize: query.pageSize },
    signal,
  });
}

/** `GET /notifications/unread-count`: the bell's badge. */
export function fetchUnreadCount(signal?: AbortSignal): Promise<UnreadCountResponse> {
  return http.get<UnreadCountResponse>('/notifications/unread-count', { signal });
}

/** `POST /notifications/:id/read`: `marked` is 0 when it was read already. */
export function markNotificationRead(id: number): Promise<MarkReadResponse> {
  return http.post<MarkReadResponse>(`/notifications/${id}/read`);
}

/** `POST /notifications/read-all`. */
export function markAllNotificationsRead(): Promise<MarkReadResponse> {
  return http.post<MarkReadResponse>('/notifications/read-all');
}
