import {
  CHANNEL_KIND_MESSAGE_TYPES,
  type ChannelKind,
  type ChannelMessageType,
  type NotificationChannelRow,
  type NotificationKind,
  PERSON_CHANNEL_KINDS,
  type SaveNotificationChannelRequest,
} from '@pacer/shared';

/** The enterprise apps (企业微信 应用消息, 钉钉 工作通知): to a person's account, for no unit. */
export const isPersonKind = (kind: ChannelKind): boolean => (PERSON_CHANNEL_KINDS as readonly ChannelKind[]).includes(kind);

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
  /** The apps: 企业微信 corpid / 钉钉 AppKey, and the agentid. */
  appKey: string;
  agentId: number | null;
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
    appKey: row?.appKey ?? '',
    agentId: row?.agentId ?? null,
  };
}

/** The request body: a blank token/secret is left out (kept on the server), never sent as ''. */
export function toSaveRequest(form: ChannelForm): SaveNotificationChannelRequest {
  const isApp = isPersonKind(form.kind);
  const request: SaveNotificationChannelRequest = {
    kind: form.kind,
    name: form.name.trim(),
    unitId: isApp ? null : form.unitId,
    noticeKinds: [...form.noticeKinds],
    messageType: CHANNEL_KIND_MESSAGE_TYPES[form.kind].includes(form.messageType) ? form.messageType : 'markdown',
    enabled: form.enabled,
  };
  if (isApp) {
    request.appKey = form.appKey.trim();
    if (form.agentId !== null) request.agentId = form.agentId;
  }
  if (form.token.trim()) request.token = form.token.trim();
  if (form.kind === 'dingtalk_robot' && form.secret.trim()) request.secret = form.secret.trim();
  return request;
}

/** i18n key of a notice kind's name (dots become underscores). */
