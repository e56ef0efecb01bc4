import type {
  NotificationChannelRow,
  NotificationChannelsResponse,
  NotificationDeliveriesResponse,
  SaveNotificationChannelRequest,
  TestNotificationChannelResponse,
} from '@pacer/shared';

import { http } from './http';

/** 通知渠道 (the sysadmin's): every channel with its health; never a key or secret. */
export function fetchNotificationChannels(signal?: AbortSignal): Promise<NotificationChannelsResponse> {
  return http.get<NotificationChannelsResponse>('/notification-channels', { signal });
}

export function createNotificationChannel(body: SaveNotificationChannelRequest): Promise<NotificationChannelRow> {
  return http.post<NotificationChannelRow>('/notification-channels', body);
}

/** token/secret left out keep the stored ones (write-only fields). */
export function updateNotificationChannel(id: number, body: SaveNotificationChannelRequest): Promise<NotificationChannelRow> {
  return http.put<NotificationChannelRow>(`/notification-channels/${id}`, body);
}

export function testNotificationChannel(id: number): Promise<TestNotificationChannelResponse> {
  return http.post<TestNotificationChannelResponse>(`/notification-channels/${id}/test`);
}

export function fetchChannelDeliveries(id: number, signal?: AbortSignal): Promise<NotificationDeliveriesResponse> {
  return http.get<NotificationDeliveriesResponse>(`/notification-channels/${id}/deliveries`, { signal });
}
