import type {
  ChannelKind,
  ChannelMessageType,
  NotificationChannelRow,
  NotificationKind,
  SaveNotificationChannelRequest,
} from '@pacer/shared';

/** The add/edit form of a channel. token and secret are write-only: blank on edit means "keep the stored one". */
export interface ChannelForm {
  kind: ChannelKind;
  name: string;
  unitId: number | null;
  noticeKinds: NotificationKind[];
  messageType: ChannelMessageType;
  enabled: boolean;
  token: string;
  secret: string;
}

export function channelFormOf(row: NotificationChannelRow | null): ChannelForm {
  return {
    kind: row?.kind ?? 'wecom_robot',
    name: row?.name ?? '',
    unitId: row?.unitId ?? null,
    noticeKinds: row ? [...row.noticeKinds] : ['report.remind', 'report.late'],
    messageType: row?.messageType ?? 'markdown',
    enabled: row?.enabled ?? true,
    token: '',
    secret: '',
  };
}

/** The request body: a blank token/secret is left out (kept on the server), never sent as ''. */
export function toSaveRequest(form: ChannelForm): SaveNotificationChannelRequest {
  const request: SaveNotificationChannelRequest = {
    kind: form.kind,
    name: form.name.trim(),
    unitId: form.unitId,
    noticeKinds: [...form.noticeKinds],
    messageType: form.kind === 'dingtalk_robot' ? form.messageType : 'markdown',
    enabled: form.enabled,
  };
  if (form.token.trim()) request.token = form.token.trim();
  if (form.kind === 'dingtalk_robot' && form.secret.trim()) request.secret = form.secret.trim();
  return request;
}

/** i18n key of a notice kind's name (dots become underscores). */
