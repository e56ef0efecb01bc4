import { createHmac } from 'node:crypto';

import type { ChannelKind, ChannelMessageType } from '@pacer/shared';

/**
 * The 企业微信 and 钉钉 group robots' wire formats, as the vendors publish them:
 *
 * - 企业微信 群机器人配置说明 (https://developer.work.weixin.qq.com/document/path/91770): `POST
 *   https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY`, JSON `{"msgtype":"markdown","markdown":{"content":…}}`,
 *   the markdown content at most 4096 bytes (UTF-8); the answer `{"errcode":0,"errmsg":"ok"}`, errcode 45009 when the
 *   robot's rate limit (20 messages a minute) is exceeded, 93000 for an invalid webhook key.
 * - 钉钉 自定义机器人 安全设置 / 加签 (https://open.dingtalk.com/document/robots/customize-robot-security-settings) and
 *   消息类型 (https://open.dingtalk.com/document/robots/custom-robot-access): `POST
 *   https://oapi.dingtalk.com/robot/send?access_token=TOKEN&timestamp=MS&sign=SIGN` where SIGN is
 *   urlEncode(base64(HmacSHA256(key = secret, data = timestamp + "\n" + secret))) and the timestamp (milliseconds) must
 *   be within one hour of the server's time; JSON `{"msgtype":"markdown","markdown":{"title","text"}}` or
 *   `{"msgtype":"actionCard","actionCard":{"title","text","singleTitle","singleURL"}}`. A robot sends at most 20
 *   messages a minute (over it: throttled for 10 minutes, errcode 130101/410100); 310000 is a sign/keyword/IP refusal.
 *   钉钉 publishes no byte limit for markdown that we could confirm; we keep its text to the same 4096 bytes.
 */

/** 企业微信 markdown.content limit, in UTF-8 bytes; 钉钉 markdown kept to the same. */
export const MARKDOWN_MAX_BYTES = 4096;

/** What a channel sends for one notice. */
export interface OutgoingMessage {
  title: string;
  body: string;
  /** An absolute URL to the screen, when PACER_PUBLIC_URL is set. */
  url: string | null;
}

export interface RobotRequest {
  url: string;
  body: unknown;
}

/** Cuts `text` to at most `maxBytes` UTF-8 bytes at a character boundary, ending with … when cut. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const ellipsis = '…';
  let budget = maxBytes - Buffer.byteLength(ellipsis, 'utf8');
  let out = '';
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (size > budget) break;
    budget -= size;
    out += ch;
  }
  return out + ellipsis;
}

/** Markdown-escapes nothing but keeps a notice on its own lines: title in bold, the body, the link. */
function markdownOf(message: OutgoingMessage, heading: string): string {
  const link = message.url ? `\n\n[查看详情](${message.url})` : '';
  // the link is kept whole: the body is cut first
  const head = `${heading}${message.title}**\n\n`;
  const room = MARKDOWN_MAX_BYTES - Buffer.byteLength(head + link, 'utf8');
  return head + truncateUtf8(message.body, Math.max(room, 0)) + link;
}

/** 钉钉 加签: urlEncode(base64(HmacSHA256(secret, `${timestamp}\n${secret}`))). */
export function dingtalkSign(timestamp: number, secret: string): string {
  const digest = createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
  return encodeURIComponent(digest);
}

export function wecomRequest(baseUrl: string, key: string, message: OutgoingMessage): RobotRequest {
  return {
    url: `${baseUrl}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`,
    body: { msgtype: 'markdown', markdown: { content: markdownOf(message, '**') } },
  };
}

export function dingtalkRequest(
  baseUrl: string,
  accessToken: string,
  secret: string | null,
  type: ChannelMessageType,
  message: OutgoingMessage,
  now: number,
): RobotRequest {
  let url = `${baseUrl}/robot/send?access_token=${encodeURIComponent(accessToken)}`;
  if (secret) url += `&timestamp=${now}&sign=${dingtalkSign(now, secret)}`;
  if (type === 'actionCard' && message.url) {
    const text = markdownOf({ ...message, url: null }, '**');
    return {
      url,
      body: {
        msgtype: 'actionCard',
        actionCard: { title: message.title, text, singleTitle: '查看详情', singleURL: message.url },
      },
    };
  }
  return { url, body: { msgtype: 'markdown', markdown: { title: message.title, text: markdownOf(message, '**') } } };
}

/** What one attempt came to: sent, to try again later, or given up. */
export interface AttemptOutcome {
  result: 'sent' | 'retry' | 'failed';
  httpStatus: number | null;
  errcode: number | null;
  errmsg: string | null;
  /** 钉钉 工作通知's task_id (decimal text): the send is asynchronous, its receipt is asked for later. */
  taskId?: string;
}

/** 企业微信's and 钉钉's codes worth another try: system busy, rate limits. */
const RETRYABLE: Record<'wecom_robot' | 'dingtalk_robot', number[]> = {
  // -1 系统繁忙; 45009 接口调用超过限制 (the robot's 20-a-minute limit)
  wecom_robot: [-1, 45009, 45033],
  // -1 系统繁忙; 130101 send too fast; 410100 发送速度太快而限流
  dingtalk_robot: [-1, 130101, 410100],
};

/** Classifies a vendor's answer (HTTP status and JSON body). */
export function outcomeOf(kind: Exclude<ChannelKind, 'wecom_app' | 'dingtalk_app'>, httpStatus: number, text: string): AttemptOutcome {
  const base = { httpStatus, errcode: null, errmsg: null };
  if (httpStatus === 429 || httpStatus >= 500) return { ...base, result: 'retry', errmsg: `HTTP ${httpStatus}` };
  if (httpStatus < 200 || httpStatus >= 300) return { ...base, result: 'failed', errmsg: `HTTP ${httpStatus}` };
  if (kind === 'webhook') return { ...base, result: 'sent' };
  let answer: { errcode?: unknown; errmsg?: unknown };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    return { ...base, result: 'retry', errmsg: 'answer is not JSON' };
  }
  const errcode = typeof answer.errcode === 'number' ? answer.errcode : null;
  const errmsg = typeof answer.errmsg === 'string' ? answer.errmsg.slice(0, 500) : null;
  if (errcode === 0) return { httpStatus, errcode, errmsg, result: 'sent' };
  const retry = errcode !== null && RETRYABLE[kind].includes(errcode);
  return { httpStatus, errcode, errmsg, result: retry ? 'retry' : 'failed' };
}
