import type {
  ChannelAccountRow,
  ChannelAccountsResponse,
  MyChannelAccountResponse,
  NotificationChannelRow,
  NotificationChannelsResponse,
  NotificationDeliveriesResponse,
  SaveChannelAccountRequest,
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

/** Every user's 企业微信 UserID and 钉钉 userid (the enterprise apps message them there). */
export function fetchChannelAccounts(signal?: AbortSignal): Promise<ChannelAccountsResponse> {
  return http.get<ChannelAccountsResponse>('/notification-channels/accounts', { signal });
}

/** null removes a mapping. */
export function saveChannelAccount(userId: number, body: SaveChannelAccountRequest): Promise<ChannelAccountRow> {
  return http.put<ChannelAccountRow>(`/notification-channels/accounts/${userId}`, body);
}

/** The caller's own mapping (账号安全), read-only. */
export function fetchMyChannelAccount(signal?: AbortSignal): Promise<MyChannelAccountResponse> {
  return http.get<MyChannelAccountResponse>('/notification-channels/accounts/me', { signal });
}
