import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Logger } from '@nestjs/common';

import { DeliveryWorker } from '../src/modules/notifications/delivery.worker';
import {
  type NewNotification,
  NotificationsService,
} from '../src/modules/notifications/notifications.service';
import { createTestApp, type TestApp } from './create-test-app';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';

// Issue 13 point 3, the enterprise app beside the group robots: 企业微信 应用消息 and 钉钉 工作通知 to a person's
// mapped account, configured once per deployment by the sysadmin (secrets write-only and encrypted), delivered from
// the same durable log by the worker with the app's access_token cached and refreshed when the vendor refuses it.
// A local server plays both vendors and checks each request as their documents describe it (see
// src/modules/notifications/channels/vendor-apps.ts): token in the query, the JSON shape, touser / userid_list,
// agentid, content sizes; it answers as they do, errors included.

const CORP_ID = 'ww8a7f1c2e3d4b5a69';
const CORP_SECRET = 'Qm9ndXNDb3JwU2VjcmV0X3NoaWZhbnhpYW5nX3d3MDE';
const WECOM_AGENT_ID = 1000002;
const APP_KEY = 'dingx7k2m9q4w1e8r5t3';
const APP_SECRET = 'Zm9vYmFyX2RpbmdfYXBwX3NlY3JldF9zaGlmYW54aWFuX2tvYW9oZTIwMjZfeHl6';
const DING_AGENT_ID = 2768349822; // 钉钉 agent_ids pass int4
const PUBLIC_URL = 'https://pacer.shifanxian.gov.cn';
/** The people each vendor's directory knows. */
const WECOM_DIRECTORY = ['ChenJing', 'LiuYang'];
const DINGTALK_DIRECTORY = ['0123456789012345', '0298765432109876'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the vendors' JSON as received, checked field by field below
type Json = Record<string, any>;

interface VendorRequest {
  vendor: 'wecom' | 'dingtalk';
  what: 'gettoken' | 'send';
  method: string;
  url: URL;
  json: Json;
  problems: string[];
}

const bytes = (s: unknown) => Buffer.byteLength(typeof s === 'string' ? s : JSON.stringify(s), 'utf8');

describe('notification channels: 企业微信 应用消息 and 钉钉 工作通知 to a person (e2e)', () => {
  let server: Server;
  let received: VendorRequest[];
  /** Tokens each vendor has issued and still honours; a token taken out answers 42001 / 88(40014). */
  const live = { wecom: new Set<string>(), dingtalk: new Set<string>() };
  /** 钉钉 tasks accepted (task_id → userids), the receipts asked for, and whether 钉钉 has them yet. */
  const tasks = new Map<string, string[]>();
  const receipts: Array<{ taskId: unknown; agentId: unknown; raw: string }> = [];
  let receiptsKnown = true;
  let issued = 0;
  let t: TestApp;
  let units: Record<string, number>;
  let users: Awaited<ReturnType<typeof insertStandardUsers>>;
  const auth: Record<string, string> = {};
  const savedEnv = { ...process.env };
  const warnings: string[] = [];
  let wake: jest.SpiedFunction<DeliveryWorker['wake']>;

  const wecomAnswer = (url: URL, json: Json, problems: string[]): Json => {
    if (url.pathname === '/cgi-bin/gettoken') {
      if (url.searchParams.get('corpid') !== CORP_ID) return { errcode: 40013, errmsg: 'invalid corpid' };
      if (url.searchParams.get('corpsecret') !== CORP_SECRET)
        return { errcode: 40001, errmsg: 'invalid credential' };
      const token = `wecom-token-${++issued}`;
      live.wecom.add(token);
      return { errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 };
    }
    // POST /cgi-bin/message/send?access_token=TOKEN
    const token = url.searchParams.get('access_token') ?? '';
    if (!token) return { errcode: 41001, errmsg: 'access_token missing' };
    if (!live.wecom.has(token)) {
      return token.startsWith('wecom-token-')
        ? { errcode: 42001, errmsg: 'access_token expired' }
        : { errcode: 40014, errmsg: 'invalid access_token' };
    }
    if (typeof json.touser !== 'string' || !/^[A-Za-z0-9_.@-]+(\|[A-Za-z0-9_.@-]+)*$/.test(json.touser))
      problems.push('touser');
    if (json.agentid !== WECOM_AGENT_ID) problems.push('agentid');
    if (json.msgtype === 'markdown') {
      if (Object.keys(json).sort().join() !== 'agentid,markdown,msgtype,touser') problems.push('shape');
      if (typeof json.markdown?.content !== 'string') problems.push('markdown shape');
      else if (bytes(json.markdown.content) > 2048)
        return { errcode: 40058, errmsg: 'markdown.content exceed max length 2048' };
    } else if (json.msgtype === 'textcard') {
      const c = json.textcard ?? {};
      if (Object.keys(c).sort().join() !== 'btntxt,description,title,url') problems.push('textcard shape');
      if (bytes(c.title) > 128 || bytes(c.description) > 512) problems.push('textcard size');
      if ([...String(c.btntxt)].length > 4) problems.push('btntxt');
      if (!/^https:\/\//.test(c.url ?? '')) problems.push('textcard url');
    } else problems.push('msgtype');
    const to = String(json.touser).split('|');
    const invalid = to.filter((u) => !WECOM_DIRECTORY.some((d) => d.toLowerCase() === u.toLowerCase()));
    if (invalid.length === to.length) return { errcode: 81013, errmsg: 'user & party & tag all invalid' };
    return {
      errcode: 0,
      errmsg: 'ok',
      invaliduser: invalid.join('|').toLowerCase(),
      msgid: `msg-${received.length}`,
    };
  };

  const dingAnswer = (url: URL, json: Json, problems: string[]): Json => {
    if (url.pathname === '/gettoken') {
      if (url.searchParams.get('appkey') !== APP_KEY || url.searchParams.get('appsecret') !== APP_SECRET) {
        return { errcode: 40089, errmsg: '不合法的corpid或corpsecret' };
      }
      const token = `ding-token-${++issued}`;
      live.dingtalk.add(token);
      return { errcode: 0, access_token: token, errmsg: 'ok', expires_in: 7200 };
    }
    // POST /topapi/message/corpconversation/asyncsend_v2?access_token=TOKEN
    const token = url.searchParams.get('access_token') ?? '';
    if (!live.dingtalk.has(token)) {
      return {
        errcode: 88,
        sub_code: '40014',
        sub_msg: '不合法的access_token',
        errmsg: 'ding talk error[subcode=40014,submsg=不合法的access_token]',
      };
    }
    if (json.agent_id !== DING_AGENT_ID) problems.push('agent_id');
    if (
      typeof json.userid_list !== 'string' ||
      !/^[A-Za-z0-9_.@-]+(,[A-Za-z0-9_.@-]+)*$/.test(json.userid_list)
    )
      problems.push('userid_list');
    if (String(json.userid_list).split(',').length > 100) problems.push('userid_list over 100');
    const msg = json.msg ?? {};
    if (bytes(msg) > 2048) return { errcode: 40035, errmsg: '不合法的参数: msg 超过 2048 字节' };
    if (msg.msgtype === 'markdown') {
      if (typeof msg.markdown?.title !== 'string' || typeof msg.markdown?.text !== 'string')
        problems.push('markdown shape');
    } else if (msg.msgtype === 'action_card') {
      const c = msg.action_card ?? {};
      if (!c.title || !c.markdown || !c.single_title || !/^https:\/\//.test(c.single_url ?? ''))
        problems.push('action_card shape');
    } else problems.push('msgtype');
    const taskId = 256271667526 + received.length;
    tasks.set(String(taskId), String(json.userid_list).split(','));
    return { errcode: 0, task_id: taskId, request_id: `req${received.length}` };
  };

  // POST /topapi/message/corpconversation/getsendresult: 钉钉 lists an unknown userid as invalid, a known one unread
  const receiptAnswer = (url: URL, json: Json): Json => {
    if (!live.dingtalk.has(url.searchParams.get('access_token') ?? '')) {
      return { errcode: 88, sub_code: '40014', errmsg: 'ding talk error[subcode=40014,submsg=不合法的access_token]' };
    }
    if (json.agent_id !== DING_AGENT_ID) return { errcode: 400002, errmsg: '无效的agent_id' };
    const to = tasks.get(String(json.task_id));
    if (!to) return { errcode: 0, send_result: {} };
    if (!receiptsKnown) return { errcode: 0, send_result: { read_user_id_list: [], unread_user_id_list: [] } };
    return {
      errcode: 0,
      send_result: {
        invalid_user_id_list: to.filter((u) => !DINGTALK_DIRECTORY.includes(u)),
        forbidden_user_id_list: [],
        failed_user_id_list: [],
        read_user_id_list: [],
        unread_user_id_list: to.filter((u) => DINGTALK_DIRECTORY.includes(u)),
        forbidden_list: [],
      },
    };
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (raw += c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://vendor.test');
        if (url.pathname === '/topapi/message/corpconversation/getsendresult') {
          // the task id exactly as 钉钉 gave it (a JSON number, not text)
          const json = JSON.parse(raw) as Json;
          receipts.push({ taskId: json.task_id, agentId: json.agent_id, raw });
          return void res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify(receiptAnswer(url, json)));
        }
        const vendor = url.pathname.startsWith('/cgi-bin/') ? 'wecom' : 'dingtalk';
        const what = url.pathname.endsWith('gettoken') ? 'gettoken' : 'send';
        const problems: string[] = [];
        let json: Json = {};
        if (what === 'gettoken') {
          if (req.method !== 'GET') problems.push('gettoken not GET');
        } else {
          if (req.method !== 'POST') problems.push('not POST');
          if (!/^application\/json/.test(req.headers['content-type'] ?? ''))
            problems.push('not application/json');
          try {
            json = JSON.parse(raw);
          } catch {
            problems.push('not JSON');
          }
        }
        const known =
          vendor === 'wecom'
            ? ['/cgi-bin/gettoken', '/cgi-bin/message/send'].includes(url.pathname)
            : ['/gettoken', '/topapi/message/corpconversation/asyncsend_v2'].includes(url.pathname);
        if (!known) {
          received.push({ vendor, what, method: req.method ?? '', url, json, problems: ['unknown path'] });
          return void res.writeHead(404).end();
        }
        const answer =
          vendor === 'wecom' ? wecomAnswer(url, json, problems) : dingAnswer(url, json, problems);
        received.push({ vendor, what, method: req.method ?? '', url, json, problems });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    Object.assign(process.env, {
      PACER_WECOM_BASE_URL: base,
      PACER_DINGTALK_BASE_URL: base,
      PACER_PUBLIC_URL: PUBLIC_URL,
      PACER_DELIVERY_MAX_ATTEMPTS: '3',
      PACER_DELIVERY_RETRY_SECONDS: '30',
      // a 钉钉 task's receipt is asked for in the same run
      PACER_DINGTALK_RECEIPT_SECONDS: '0',
      PACER_JOBS: '0',
      // the local vendor answers at once; a loaded machine must not turn an answer into a timeout
      PACER_WEBHOOK_TIMEOUT_MS: '30000',
    });
    jest
      .spyOn(Logger.prototype, 'warn')
      .mockImplementation((message: unknown) => void warnings.push(String(message)));
    t = await createTestApp();
    units = await insertUnits(t.dataSource, SMALL_COUNTY);
    users = await insertStandardUsers(t.dataSource, units);
    for (const user of ['admin', 'sysadmin', 'rep_t01']) auth[user] = await bearer(t.http, user);
    // the background wake-up is stubbed: each case sends with runDue() (push() waking it is the robots' spec's case)
    wake = jest.spyOn(t.app.get(DeliveryWorker), 'wake').mockImplementation(() => undefined);
  });
  afterAll(async () => {
    await t.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    process.env = savedEnv;
    jest.restoreAllMocks();
  });
  beforeEach(async () => {
    await t.ownerDataSource.query('DELETE FROM notification_delivery');
    await t.ownerDataSource.query('DELETE FROM notification');
    await t.ownerDataSource.query(
      'UPDATE notification_channel SET failed_count = 0, last_error = NULL, last_error_at = NULL, failing_since = NULL',
    );
    wake.mockClear();
    received = [];
  });

  const api = (as = auth.sysadmin!) => ({
    get: (path: string) => t.http.get(`/api/v1/notification-channels${path}`).set('Authorization', as),
    post: (path: string, body: object = {}) =>
      t.http.post(`/api/v1/notification-channels${path}`).set('Authorization', as).send(body),
    put: (path: string, body: object) =>
      t.http.put(`/api/v1/notification-channels${path}`).set('Authorization', as).send(body),
  });
  const worker = () => t.app.get(DeliveryWorker);
  const notify = async (items: NewNotification[]) => {
    const service = t.app.get(NotificationsService);
    const ids = await t.dataSource.transaction((m) => service.record(m, items));
    await service.push(ids);
    return ids;
  };
  const returned = (
    userId: number,
    body = '城关镇 2026年11月月报已被退回：固定资产投资额与项目台账不符，请核实后重新提交。',
  ): NewNotification => ({
    userId,
    kind: 'report.returned',
    title: '月报被退回',
    body,
    link: `/reports?planId=1&month=2026-11&unitId=${units.T01}`,
    planId: null,
    unitId: units.T01!,
    month: '2026-11',
  });
  const deliveries = async (channelId: number) =>
    (await api().get(`/${channelId}/deliveries`).expect(200)).body.items as Array<Json>;
  const sends = (vendor: 'wecom' | 'dingtalk') =>
    received.filter((r) => r.vendor === vendor && r.what === 'send');
  const tokenCalls = (vendor: 'wecom' | 'dingtalk') =>
    received.filter((r) => r.vendor === vendor && r.what === 'gettoken');
  const link = () => `${PUBLIC_URL}/reports?planId=1&month=2026-11&unitId=${units.T01}`;

  const wecomApp = {
    kind: 'wecom_app',
    name: '示范县招商考核（企业微信应用）',
    unitId: null,
    noticeKinds: ['report.returned', 'report.approved', 'report.remind'],
    messageType: 'markdown',
    enabled: true,
    appKey: CORP_ID,
    agentId: WECOM_AGENT_ID,
  };
  const dingApp = {
    kind: 'dingtalk_app',
    name: '示范县招商考核（钉钉工作通知）',
    unitId: null,
    noticeKinds: ['report.returned', 'report.approved', 'report.remind'],
    messageType: 'actionCard',
    enabled: true,
    appKey: APP_KEY,
    agentId: DING_AGENT_ID,
  };
  let wecomId: number;
  let dingId: number;

  it('should let the sysadmin configure one 企业微信 app and one 钉钉 app, their secrets write-only, encrypted and never audited', async () => {
    await api(auth.admin)
      .post('', { ...wecomApp, token: CORP_SECRET })
      .expect(403);
    // two sysadmins saving the app at the same moment: one is created, the other told it exists (never a 500)
    const both = await Promise.all([
      api().post('', { ...wecomApp, token: CORP_SECRET }),
      api().post('', { ...wecomApp, name: '同时保存的企业微信应用', token: CORP_SECRET }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)!.body).toMatchObject({ code: 'NOTIFICATION_CHANNEL_EXISTS' });
    const wecom = both.find((r) => r.status === 201)!;
    expect(wecom.body).toMatchObject({
      kind: 'wecom_app',
      unitId: null,
      appKey: CORP_ID,
      agentId: WECOM_AGENT_ID,
      tokenSet: true,
    });
    wecomId = wecom.body.id;
    const ding = await api()
      .post('', { ...dingApp, token: APP_SECRET })
      .expect(201);
    expect(ding.body).toMatchObject({
      kind: 'dingtalk_app',
      appKey: APP_KEY,
      agentId: DING_AGENT_ID,
      messageType: 'actionCard',
    });
    dingId = ding.body.id;

    const everything = [
      JSON.stringify((await api().get('').expect(200)).body),
      JSON.stringify(
        await t.dataSource.query('SELECT row_to_json(c)::text AS j FROM notification_channel c'),
      ),
      JSON.stringify(
        await t.dataSource.query(
          `SELECT before::text, after::text, detail::text FROM audit_event WHERE object_type = 'notification_channel'`,
        ),
      ),
    ].join('\n');
    for (const secret of [CORP_SECRET, APP_SECRET]) expect(everything).not.toContain(secret);
    const audit = await t.dataSource.query(
      `SELECT after->>'appKey' AS "appKey", after->>'tokenChanged' AS changed FROM audit_event
        WHERE object_type = 'notification_channel' ORDER BY id`,
    );
    expect(audit).toEqual([
      { appKey: CORP_ID, changed: 'true' },
      { appKey: APP_KEY, changed: 'true' },
    ]);
  });

  it('should refuse a second app of a vendor (409), an app for a unit, without its agentid or with a robot message type (422), writing nothing', async () => {
    const before = (await t.dataSource.query('SELECT count(*)::int AS n FROM notification_channel'))[0].n;
    const twice = await api()
      .post('', { ...wecomApp, name: '第二个企业微信应用', token: CORP_SECRET })
      .expect(409);
    expect(twice.body).toMatchObject({ code: 'NOTIFICATION_CHANNEL_EXISTS', details: [{ field: 'kind' }] });
    const forUnit = await api()
      .post('', { ...dingApp, kind: 'wecom_app', unitId: units.T01, token: CORP_SECRET })
      .expect(422);
    expect(forUnit.body).toMatchObject({
      code: 'NOTIFICATION_CHANNEL_INVALID',
      details: [{ field: 'unitId' }],
    });
    const noAgent = await api()
      .put(`/${dingId}`, { ...dingApp, agentId: undefined })
      .expect(422);
    expect(noAgent.body.details[0].field).toBe('agentId');
    const badType = await api()
      .put(`/${wecomId}`, { ...wecomApp, messageType: 'actionCard' })
      .expect(422);
    expect(badType.body.details[0].field).toBe('messageType');
    const bigAgent = await api()
      .put(`/${wecomId}`, { ...wecomApp, agentId: 2 ** 60 })
      .expect(400);
    expect(JSON.stringify(bigAgent.body)).toContain('agentId');
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM notification_channel'))[0].n).toBe(
      before,
    );
    // the edit keeps the stored secret when the form leaves it blank
    await api()
      .put(`/${wecomId}`, { ...wecomApp, name: '示范县招商考核' })
      .expect(200);
  });

  it("should let the sysadmin map a user's 企业微信 UserID and 钉钉 userid: one user per account, the format checked, audited; the user reads their own", async () => {
    await api(auth.rep_t01)
      .put(`/accounts/${users.reporterT01}`, { wecomUserId: 'ChenJing', dingtalkUserId: null })
      .expect(403);
    const mapped = await api()
      .put(`/accounts/${users.reporterT01}`, {
        wecomUserId: 'ChenJing',
        dingtalkUserId: DINGTALK_DIRECTORY[0],
      })
      .expect(200);
    expect(mapped.body).toMatchObject({
      userId: users.reporterT01,
      username: 'rep_t01',
      wecomUserId: 'ChenJing',
      dingtalkUserId: DINGTALK_DIRECTORY[0],
    });
    // 企业微信 compares UserIDs without case: chenjing is the same person
    const taken = await api()
      .put(`/accounts/${users.reporterT02}`, { wecomUserId: 'chenjing', dingtalkUserId: null })
      .expect(409);
    expect(taken.body).toMatchObject({ code: 'CHANNEL_ACCOUNT_TAKEN', details: [{ field: 'wecomUserId' }] });
    // a | or , would address two people (touser "a|b", userid_list "a,b")
    const listed = await api()
      .put(`/accounts/${users.reporterT02}`, { wecomUserId: 'LiuYang|ChenJing', dingtalkUserId: null })
      .expect(422);
    expect(listed.body.details[0].field).toBe('wecomUserId');
    const two = await api()
      .put(`/accounts/${users.reporterT02}`, { wecomUserId: null, dingtalkUserId: '0123,0298' })
      .expect(422);
    expect(two.body.details[0].field).toBe('dingtalkUserId');
    await api().put('/accounts/999999', { wecomUserId: 'LiuYang', dingtalkUserId: null }).expect(404);
    expect(
      (
        await t.dataSource.query(`SELECT count(*)::int AS n FROM user_channel_account WHERE user_id = $1`, [
          users.reporterT02,
        ])
      )[0].n,
    ).toBe(0);

    const list = (await api().get('/accounts').expect(200)).body;
    expect(list.enabledVendors).toEqual(['wecom', 'dingtalk']);
    expect(list.items.find((a: Json) => a.userId === users.reporterT01)).toMatchObject({
      wecomUserId: 'ChenJing',
    });
    await api(auth.rep_t01).get('/accounts').expect(403);
    const mine = await api(auth.rep_t01).get('/accounts/me').expect(200);
    expect(mine.body).toEqual({
      wecomUserId: 'ChenJing',
      dingtalkUserId: DINGTALK_DIRECTORY[0],
      enabledVendors: ['wecom', 'dingtalk'],
    });
    const audit = await t.dataSource.query(
      `SELECT action, object_id AS "objectId", after->>'wecomUserId' AS wecom FROM audit_event WHERE action = 'notification_channel.account'`,
    );
    expect(audit).toEqual([
      { action: 'notification_channel.account', objectId: String(users.reporterT01), wecom: 'ChenJing' },
    ]);
  });

  it("should deliver a person's notice to their mapped accounts as 企业微信 markdown and a 钉钉 action_card, with one token per app", async () => {
    // rep_t02 has no account: their copy of the notice stays in the inbox alone
    await notify([returned(users.reporterT01), returned(users.reporterT02)]);
    expect(wake).toHaveBeenCalled();
    const rows = await t.dataSource.query(
      'SELECT channel_id AS "channelId", user_id AS "userId", status FROM notification_delivery ORDER BY channel_id',
    );
    expect(rows).toEqual([
      { channelId: wecomId, userId: users.reporterT01, status: 'pending' },
      { channelId: dingId, userId: users.reporterT01, status: 'pending' },
    ]);
    await worker().runDue();
    expect(received.flatMap((r) => r.problems)).toEqual([]);
    expect(tokenCalls('wecom')).toHaveLength(1);
    expect(tokenCalls('dingtalk')).toHaveLength(1);
    const [w] = sends('wecom');
    expect(w!.url.searchParams.get('access_token')).toMatch(/^wecom-token-/);
    expect(w!.json).toEqual({
      touser: 'ChenJing',
      msgtype: 'markdown',
      agentid: WECOM_AGENT_ID,
      markdown: {
        content: `**月报被退回**\n\n城关镇 2026年11月月报已被退回：固定资产投资额与项目台账不符，请核实后重新提交。\n\n[查看详情](${link()})`,
      },
    });
    const [d] = sends('dingtalk');
    expect(d!.json).toEqual({
      agent_id: DING_AGENT_ID,
      userid_list: DINGTALK_DIRECTORY[0],
      msg: {
        msgtype: 'action_card',
        action_card: {
          title: '月报被退回',
          markdown:
            '**月报被退回**\n\n城关镇 2026年11月月报已被退回：固定资产投资额与项目台账不符，请核实后重新提交。',
          single_title: '查看详情',
          single_url: link(),
        },
      },
    });
    expect((await deliveries(wecomId))[0]).toMatchObject({
      status: 'sent',
      attempts: 1,
      errcode: 0,
      noticeKind: 'report.returned',
    });
    expect((await deliveries(dingId))[0]).toMatchObject({ status: 'sent', attempts: 1, errcode: 0 });

    // the next notice reuses the cached tokens
    await notify([
      {
        ...returned(users.reporterT01, '城关镇 2026年11月月报已通过审核。'),
        kind: 'report.approved',
        title: '月报已通过',
      },
    ]);
    await worker().runDue();
    expect(tokenCalls('wecom')).toHaveLength(1);
    expect(tokenCalls('dingtalk')).toHaveLength(1);
    expect(sends('wecom')).toHaveLength(2);
    expect(sends('dingtalk')).toHaveLength(2);
  });

  it('should fetch a new token when the vendor refuses the cached one (企业微信 42001, 钉钉 88/40014) and send again at once', async () => {
    // both vendors invalidated their tokens early (their documents warn they may)
    live.wecom.clear();
    live.dingtalk.clear();
    await notify([returned(users.reporterT01, '城关镇 2026年11月月报逾期未报，请尽快报送。')]);
    await worker().runDue();
    expect(received.map((r) => `${r.vendor} ${r.what}`)).toEqual([
      'wecom send',
      'wecom gettoken',
      'wecom send',
      'dingtalk send',
      'dingtalk gettoken',
      'dingtalk send',
    ]);
    expect(received.flatMap((r) => r.problems)).toEqual([]);
    expect((await deliveries(wecomId))[0]).toMatchObject({ status: 'sent', attempts: 1, errcode: 0 });
    expect((await deliveries(dingId))[0]).toMatchObject({ status: 'sent', attempts: 1, errcode: 0 });
  });

  it("should keep each message within the vendors' sizes: 企业微信 markdown 2048 bytes, textcard 128/512, 钉钉 msg 2048", async () => {
    const long =
      '城关镇重点项目推进情况：示范县新能源电池材料产业园二期主体结构封顶，"设备"进场调试；'.repeat(40);
    await notify([returned(users.reporterT01, long)]);
    await worker().runDue();
    expect(received.flatMap((r) => r.problems)).toEqual([]);
    const content: string = sends('wecom')[0]!.json.markdown.content;
    expect(bytes(content)).toBeLessThanOrEqual(2048);
    expect(content).toContain('…');
    expect(content.endsWith(`(${link()})`)).toBe(true);
    const msg = sends('dingtalk')[0]!.json.msg;
    expect(bytes(msg)).toBeLessThanOrEqual(2048);
    expect(bytes(msg)).toBeGreaterThan(1900);
    expect(msg.action_card.single_url).toBe(link());

    // the 企业微信 app as a textcard: title and description cut to their limits, the link in url
    await api()
      .put(`/${wecomId}`, { ...wecomApp, messageType: 'textcard' })
      .expect(200);
    await notify([{ ...returned(users.reporterT01, long), title: '月报被退回'.repeat(20) }]);
    await worker().runDue();
    const card = sends('wecom')[1]!.json;
    expect(sends('wecom')[1]!.problems).toEqual([]);
    expect(card.msgtype).toBe('textcard');
    expect(bytes(card.textcard.title)).toBeLessThanOrEqual(128);
    expect(bytes(card.textcard.description)).toBeLessThanOrEqual(512);
    expect(card.textcard).toMatchObject({ url: link(), btntxt: '详情' });
    await api().put(`/${wecomId}`, wecomApp).expect(200);
  });

  it('should mark a message to an account the vendor does not know failed at once (企业微信 81013), and a wrong secret failed', async () => {
    // the UserID was mistyped: 企业微信's directory has no such member
    await api()
      .put(`/accounts/${users.reporterT01}`, {
        wecomUserId: 'ChenJin',
        dingtalkUserId: DINGTALK_DIRECTORY[0],
      })
      .expect(200);
    await notify([returned(users.reporterT01)]);
    await worker().runDue();
    expect((await deliveries(wecomId))[0]).toMatchObject({
      status: 'failed',
      attempts: 1,
      errcode: 81013,
      errmsg: 'user & party & tag all invalid',
    });
    expect(sends('wecom')).toHaveLength(1);
    await api()
      .put(`/accounts/${users.reporterT01}`, {
        wecomUserId: 'ChenJing',
        dingtalkUserId: DINGTALK_DIRECTORY[0],
      })
      .expect(200);

    // the 钉钉 AppSecret was reset in 钉钉 and not here: its gettoken refuses (40089), nothing is sent
    received = [];
    live.dingtalk.clear();
    await api()
      .put(`/${dingId}`, { ...dingApp, token: 'V3JvbmdTZWNyZXRfcmVzZXRfaW5fZGluZ3RhbGtfYWRtaW5fY29uc29sZQ' })
      .expect(200);
    await notify([returned(users.reporterT01, '城关镇 2026年12月月报已开放填报。')]);
    await worker().runDue();
    expect((await deliveries(dingId))[0]).toMatchObject({ status: 'failed', errcode: 40089 });
    expect(sends('dingtalk')).toHaveLength(0);
    const channel = (await api().get('').expect(200)).body.items.find((c: Json) => c.id === dingId);
    expect(channel).toMatchObject({ failedCount: 1 });
    expect(channel.lastError).toContain('40089');
    await api()
      .put(`/${dingId}`, { ...dingApp, token: APP_SECRET })
      .expect(200);
  });

  it("should send an app's 测试发送 to the sysadmin's own account, and refuse it while they have none", async () => {
    const none = await api().post(`/${wecomId}/test`).expect(422);
    expect(none.body).toMatchObject({
      code: 'NOTIFICATION_CHANNEL_INVALID',
      details: [{ field: 'account' }],
    });
    await api()
      .put(`/accounts/${users.sysadmin}`, { wecomUserId: 'LiuYang', dingtalkUserId: null })
      .expect(200);
    const res = await api().post(`/${wecomId}/test`).expect(202);
    await worker().runDue();
    expect(sends('wecom').map((r) => r.json.touser)).toEqual(['LiuYang']);
    expect(sends('wecom')[0]!.json.markdown.content).toContain('Pacer 测试消息');
    expect((await deliveries(wecomId))[0]).toMatchObject({
      id: res.body.deliveryId,
      notificationId: null,
      status: 'sent',
    });
  });

  it('should fail a 钉钉 工作通知 whose receipt lists the userid as invalid, mark a known one delivered, and keep asking while 钉钉 has none', async () => {
    // a mistyped 钉钉 userid: asyncsend_v2 accepts the task all the same (errcode 0); only its receipt tells
    await api()
      .put(`/accounts/${users.reporterT01}`, { wecomUserId: 'ChenJing', dingtalkUserId: '0299999999999999' })
      .expect(200);
    received = [];
    receipts.length = 0;
    await notify([returned(users.reporterT01, '城关镇 2026年11月月报已被退回，请补充项目台账后重新提交。')]);
    await worker().runDue();
    // (the token cached before the secret was reset is refused first: the message goes again with a new one)
    expect(sends('dingtalk').map((r) => r.json.userid_list)).toContain('0299999999999999');
    expect(receipts).toHaveLength(1);
    // the task id sent back as the number 钉钉 gave, with the app's agent id
    expect(receipts[0]).toMatchObject({ agentId: DING_AGENT_ID });
    expect(tasks.has(String(receipts[0]!.taskId))).toBe(true);
    expect(receipts[0]!.raw).toMatch(/"task_id":\d+\}/);
    const failed = (await deliveries(dingId))[0]!;
    expect(failed).toMatchObject({ status: 'failed', deliveredAt: null, awaitingReceipt: false });
    expect(failed.errmsg).toContain('invalid_user_id_list');
    const channel = (await api().get('').expect(200)).body.items.find((c: Json) => c.id === dingId);
    expect(channel.lastError).toContain('钉钉无此用户');

    // the right userid: the receipt lists it unread, the delivery is delivered
    await api()
      .put(`/accounts/${users.reporterT01}`, { wecomUserId: 'ChenJing', dingtalkUserId: DINGTALK_DIRECTORY[0] })
      .expect(200);
    await notify([returned(users.reporterT01, '城关镇 2026年11月月报已通过审核。')]);
    await worker().runDue();
    const delivered = (await deliveries(dingId))[0]!;
    expect(delivered).toMatchObject({ status: 'sent', awaitingReceipt: false });
    expect(delivered.deliveredAt).not.toBeNull();

    // 钉钉 has no receipt yet: the delivery stays sent and awaits it (asked again later, not in this run)
    receiptsKnown = false;
    receipts.length = 0;
    await notify([returned(users.reporterT01, '城关镇 2026年12月月报已开放填报。')]);
    await worker().runDue();
    expect(receipts).toHaveLength(1);
    expect((await deliveries(dingId))[0]).toMatchObject({ status: 'sent', deliveredAt: null, awaitingReceipt: true });
    const [due] = await t.dataSource.query(
      `SELECT receipt_checks AS checks, receipt_due_at > now() + interval '10 seconds' AS later
         FROM notification_delivery WHERE channel_id = $1 ORDER BY id DESC LIMIT 1`,
      [dingId],
    );
    expect(due).toEqual({ checks: 1, later: true });
    receiptsKnown = true;
  });

  it('should never write an app secret or an access_token into a log line', () => {
    expect(warnings.length).toBeGreaterThan(0);
    const text = warnings.join('\n');
    for (const secret of [CORP_SECRET, APP_SECRET, 'wecom-token-', 'ding-token-'])
      expect(text).not.toContain(secret);
    // no gettoken URL (its query carries the secret)
    expect(text).not.toContain('corpsecret=');
    expect(text).not.toContain('appsecret=');
  });
});
