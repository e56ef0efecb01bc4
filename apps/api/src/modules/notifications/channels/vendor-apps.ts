import type { ChannelMessageType } from '@pacer/shared';

import { type AttemptOutcome, type OutgoingMessage, truncateUtf8 } from './vendor-robots';

/**
 * The enterprise apps' wire formats (a message to one person), as the vendors publish them:
 *
 * - 企业微信 获取access_token (https://developer.work.weixin.qq.com/document/path/91039): `GET
 *   /cgi-bin/gettoken?corpid=ID&corpsecret=SECRET` → `{"errcode":0,"errmsg":"ok","access_token":…,"expires_in":7200}`.
 *   The token must be cached (gettoken is rate limited), is per app, and may be invalidated early: on 40014 (不合法的
 *   access_token) or 42001 (access_token已过期) fetch a new one.
 * - 企业微信 发送应用消息 (https://developer.work.weixin.qq.com/document/path/90236): `POST
 *   /cgi-bin/message/send?access_token=TOKEN`, JSON `{"touser":"UserID1|UserID2","msgtype":"markdown","agentid":1,
 *   "markdown":{"content":…}}` (content at most 2048 UTF-8 bytes) or `{"msgtype":"textcard","textcard":{"title" ≤ 128
 *   bytes,"description" ≤ 512 bytes,"url","btntxt" ≤ 4 characters}}`. The answer carries `invaliduser`; when every
 *   recipient is invalid the call fails with errcode 81013.
 * - 钉钉 获取企业内部应用的access_token (https://open.dingtalk.com/document/orgapp/obtain-orgapp-token): `GET
 *   /gettoken?appkey=KEY&appsecret=SECRET` → `{"errcode":0,"access_token":…,"errmsg":"ok","expires_in":7200}`, cached
 *   per app; repeated calls within the validity return the same token.
 * - 钉钉 发送工作通知 (https://open.dingtalk.com/document/orgapp/asynchronous-sending-of-enterprise-session-messages):
 *   `POST /topapi/message/corpconversation/asyncsend_v2?access_token=TOKEN`, JSON `{"agent_id":…,"userid_list":"u1,u2",
 *   "msg":{"msgtype":"markdown","markdown":{"title","text"}}}` or `"msg":{"msgtype":"action_card","action_card":{"title",
 *   "markdown","single_title","single_url"}}`; `msg` at most 2048 bytes; answer `{"errcode":0,"task_id":…,"request_id"}`.
 *   errcode 88 is an authentication failure whose `sub_code` says why (40014 不合法的access_token, 42001 access_token
 *   超时, 60011 no permission …); 90002 is its flow control. The same content to the same person from one app is shown
 *   once a day (the vendor drops repeats silently).
 * - 钉钉 获取工作通知消息的发送结果 (https://open.dingtalk.com/document/orgapp/gets-the-result-of-sending-messages-asynchronously-to-the-enterprise):
 *   `POST /topapi/message/corpconversation/getsendresult?access_token=TOKEN`, JSON `{"agent_id":…,"task_id":…}` (tasks
 *   of the last 24 hours) → `{"errcode":0,"send_result":{"invalid_user_id_list":[…],"forbidden_user_id_list":[…],
 *   "failed_user_id_list":[…],"read_user_id_list":[…],"unread_user_id_list":[…],"forbidden_list":[{"code","count",
 *   "userid"}]}}`. asyncsend_v2's errcode 0 only says the task was accepted: an unknown userid, a flow-controlled or a
 *   failed recipient is known from here alone.
 */

/** 企业微信 应用消息 markdown.content, in UTF-8 bytes. */
export const WECOM_APP_MARKDOWN_MAX_BYTES = 2048;
export const WECOM_TEXTCARD_TITLE_MAX_BYTES = 128;
export const WECOM_TEXTCARD_DESCRIPTION_MAX_BYTES = 512;
/** 钉钉 工作通知: the `msg` object, serialized, in UTF-8 bytes. */
export const DINGTALK_MSG_MAX_BYTES = 2048;

export type AppKind = 'wecom_app' | 'dingtalk_app';

export interface AppRequest {
  url: string;
  body: unknown;
}

/** The gettoken request (GET): the secret travels in the query as the vendor documents it (never logged). */
export function appTokenUrl(kind: AppKind, baseUrl: string, appKey: string, secret: string): string {
  const q = (v: string) => encodeURIComponent(v);
  return kind === 'wecom_app'
    ? `${baseUrl}/cgi-bin/gettoken?corpid=${q(appKey)}&corpsecret=${q(secret)}`
    : `${baseUrl}/gettoken?appkey=${q(appKey)}&appsecret=${q(secret)}`;
}

/** A gettoken answer: the token and its lifetime, or what the failure comes to. */
export type TokenAnswer = { token: string; expiresInSeconds: number } | { outcome: AttemptOutcome };

export function tokenAnswerOf(httpStatus: number, text: string): TokenAnswer {
  const base = { httpStatus, errcode: null, errmsg: null };
  if (httpStatus === 429 || httpStatus >= 500)
    return { outcome: { ...base, result: 'retry', errmsg: `gettoken HTTP ${httpStatus}` } };
  if (httpStatus < 200 || httpStatus >= 300)
    return { outcome: { ...base, result: 'failed', errmsg: `gettoken HTTP ${httpStatus}` } };
  let answer: { errcode?: unknown; errmsg?: unknown; access_token?: unknown; expires_in?: unknown };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    return { outcome: { ...base, result: 'retry', errmsg: 'gettoken answer is not JSON' } };
  }
  const errcode = typeof answer.errcode === 'number' ? answer.errcode : null;
  if (errcode === 0 && typeof answer.access_token === 'string' && answer.access_token) {
    const expires = typeof answer.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in : 7200;
    return { token: answer.access_token, expiresInSeconds: expires };
  }
  const errmsg = `gettoken: ${typeof answer.errmsg === 'string' ? answer.errmsg.slice(0, 400) : 'no access_token'}`;
  // -1 系统繁忙 (and 钉钉's flow control) pass; a wrong corpid/secret (企业微信 40013/40001, 钉钉 40089 …) does not
  return {
    outcome: {
      httpStatus,
      errcode,
      errmsg,
      result: errcode === -1 || errcode === 90002 ? 'retry' : 'failed',
    },
  };
}

/** 企业微信 应用消息 to one UserID: markdown, or a textcard when it has a link to open. */
export function wecomAppRequest(
  baseUrl: string,
  accessToken: string,
  agentId: number,
  userId: string,
  type: ChannelMessageType,
  message: OutgoingMessage,
): AppRequest {
  const url = `${baseUrl}/cgi-bin/message/send?access_token=${encodeURIComponent(accessToken)}`;
  if (type === 'textcard' && message.url) {
    return {
      url,
      body: {
        touser: userId,
        msgtype: 'textcard',
        agentid: agentId,
        textcard: {
          title: truncateUtf8(message.title, WECOM_TEXTCARD_TITLE_MAX_BYTES),
          description: truncateUtf8(message.body, WECOM_TEXTCARD_DESCRIPTION_MAX_BYTES),
          url: message.url,
          btntxt: '详情',
        },
      },
    };
  }
  const head = `**${message.title}**\n\n`;
  const link = message.url ? `\n\n[查看详情](${message.url})` : '';
  const room = WECOM_APP_MARKDOWN_MAX_BYTES - Buffer.byteLength(head + link, 'utf8');
  return {
    url,
    body: {
      touser: userId,
      msgtype: 'markdown',
      agentid: agentId,
      markdown: { content: head + truncateUtf8(message.body, Math.max(room, 0)) + link },
    },
  };
}

/** 钉钉 工作通知 to one userid: markdown, or an action_card when it has a link; `msg` kept within 2048 bytes. */
export function dingtalkAppRequest(
  baseUrl: string,
  accessToken: string,
  agentId: number,
  userId: string,
  type: ChannelMessageType,
  message: OutgoingMessage,
): AppRequest {
  const card = type === 'actionCard' && message.url !== null;
  const msgOf = (body: string) => {
    const text = `**${message.title}**\n\n${body}`;
    return card
      ? {
          msgtype: 'action_card',
          action_card: {
            title: message.title,
            markdown: text,
            single_title: '查看详情',
            single_url: message.url,
          },
        }
      : {
          msgtype: 'markdown',
          markdown: {
            title: message.title,
            text: message.url ? `${text}\n\n[查看详情](${message.url})` : text,
          },
        };
  };
  const size = (body: string) => Buffer.byteLength(JSON.stringify(msgOf(body)), 'utf8');
  // the longest cut of the body whose serialized msg fits (JSON escapes make some text bytes cost two): a bisection
  let body = message.body;
  if (size(body) > DINGTALK_MSG_MAX_BYTES) {
    let [low, high] = [0, Buffer.byteLength(message.body, 'utf8')];
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (size(truncateUtf8(message.body, mid)) <= DINGTALK_MSG_MAX_BYTES) low = mid;
      else high = mid - 1;
    }
    body = truncateUtf8(message.body, low);
  }
  return {
    url: `${baseUrl}/topapi/message/corpconversation/asyncsend_v2?access_token=${encodeURIComponent(accessToken)}`,
    body: { agent_id: agentId, userid_list: userId, msg: msgOf(body) },
  };
}

/** What a send came to; `refresh`: the token was refused (fetch a new one and send again, once). */
export type AppOutcome = AttemptOutcome | (Omit<AttemptOutcome, 'result'> & { result: 'refresh' });

const TOKEN_REFUSED = [40014, 42001];
const RETRYABLE: Record<AppKind, number[]> = {
  // -1 系统繁忙; 45009 接口调用超过限制; 45033 接口并发调用超过限制
  wecom_app: [-1, 45009, 45033],
  // -1 系统繁忙; 90002 flow control
  dingtalk_app: [-1, 90002],
};

/** Classifies a message/send or asyncsend_v2 answer. */
export function appOutcomeOf(kind: AppKind, httpStatus: number, text: string): AppOutcome {
  const base = { httpStatus, errcode: null, errmsg: null };
  if (httpStatus === 429 || httpStatus >= 500)
    return { ...base, result: 'retry', errmsg: `HTTP ${httpStatus}` };
  if (httpStatus < 200 || httpStatus >= 300)
    return { ...base, result: 'failed', errmsg: `HTTP ${httpStatus}` };
  let answer: { errcode?: unknown; errmsg?: unknown; sub_code?: unknown; invaliduser?: unknown; task_id?: unknown };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    return { ...base, result: 'retry', errmsg: 'answer is not JSON' };
  }
  const errcode = typeof answer.errcode === 'number' ? answer.errcode : null;
  const errmsg = typeof answer.errmsg === 'string' ? answer.errmsg.slice(0, 500) : null;
  if (errcode === 0) {
    // 企业微信 answers 0 when some recipients were invalid, and lists them: ours is the only one
    if (kind === 'wecom_app' && typeof answer.invaliduser === 'string' && answer.invaliduser !== '') {
      return {
        httpStatus,
        errcode,
        errmsg: `invaliduser ${answer.invaliduser}`.slice(0, 500),
        result: 'failed',
      };
    }
    // 钉钉 accepted the task: whether it reached the person is its receipt's to say (receiptOf)
    const taskId = kind === 'dingtalk_app' ? taskIdOf(text) : undefined;
    return { httpStatus, errcode, errmsg, result: 'sent', ...(taskId ? { taskId } : {}) };
  }
  if (errcode !== null && TOKEN_REFUSED.includes(errcode))
    return { httpStatus, errcode, errmsg, result: 'refresh' };
  // 钉钉 88: authentication; its sub_code says whether the token was refused
  if (kind === 'dingtalk_app' && errcode === 88) {
    const sub = Number(answer.sub_code);
    return { httpStatus, errcode, errmsg, result: TOKEN_REFUSED.includes(sub) ? 'refresh' : 'failed' };
  }
  const retry = errcode !== null && RETRYABLE[kind].includes(errcode);
  return { httpStatus, errcode, errmsg, result: retry ? 'retry' : 'failed' };
}

/** task_id as decimal text, read from the answer's text (a 64-bit id is not always exact as a JS number). */
function taskIdOf(text: string): string | undefined {
  return /"task_id"\s*:\s*"?(\d{1,19})"?/.exec(text)?.[1];
}

/** 钉钉 获取工作通知消息的发送结果 of one task. */
export function dingtalkReceiptRequest(
  baseUrl: string,
  accessToken: string,
  agentId: number,
  taskId: string,
): { url: string; bodyText: string } {
  return {
    url: `${baseUrl}/topapi/message/corpconversation/getsendresult?access_token=${encodeURIComponent(accessToken)}`,
    // the task id written as the vendor gave it (no rounding through a JS number)
    bodyText: `{"agent_id":${agentId},"task_id":${taskId}}`,
  };
}

/**
 * What a task's receipt says of one recipient: `delivered` (read or unread: it reached them), `undelivered` (an
 * invalid, flow-controlled or failed userid — the reason in errmsg), `pending` (not in any list yet: ask again later),
 * `refresh` (the token was refused) or `retry` (the vendor could not answer now).
 */
export interface ReceiptOutcome {
  result: 'delivered' | 'undelivered' | 'pending' | 'refresh' | 'retry';
  errcode: number | null;
  errmsg: string | null;
}

const RECEIPT_FAILURES: ReadonlyArray<[string, string]> = [
  ['invalid_user_id_list', '钉钉无此用户（userid 无效）'],
  ['forbidden_user_id_list', '钉钉流控未发送（同一内容一天只发一次或超出每日条数）'],
  ['failed_user_id_list', '钉钉发送失败'],
];

export function receiptOf(httpStatus: number, text: string, accountId: string): ReceiptOutcome {
  if (httpStatus === 429 || httpStatus >= 500 || httpStatus < 200 || httpStatus >= 300) {
    return { result: 'retry', errcode: null, errmsg: `HTTP ${httpStatus}` };
  }
  let answer: { errcode?: unknown; errmsg?: unknown; sub_code?: unknown; send_result?: Record<string, unknown> };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    return { result: 'retry', errcode: null, errmsg: 'answer is not JSON' };
  }
  const errcode = typeof answer.errcode === 'number' ? answer.errcode : null;
  const errmsg = typeof answer.errmsg === 'string' ? answer.errmsg.slice(0, 500) : null;
  if (errcode !== 0) {
    const refused =
      (errcode !== null && TOKEN_REFUSED.includes(errcode)) ||
      (errcode === 88 && TOKEN_REFUSED.includes(Number(answer.sub_code)));
    return { result: refused ? 'refresh' : 'retry', errcode, errmsg };
  }
  const result = answer.send_result ?? {};
  const has = (key: string) =>
    Array.isArray(result[key]) && (result[key] as unknown[]).some((id) => String(id).toLowerCase() === accountId.toLowerCase());
  for (const [key, why] of RECEIPT_FAILURES) {
    if (has(key)) return { result: 'undelivered', errcode: 0, errmsg: `${why}（${key}）` };
  }
  if (has('read_user_id_list') || has('unread_user_id_list')) return { result: 'delivered', errcode: 0, errmsg: null };
  return { result: 'pending', errcode: 0, errmsg: null };
}
