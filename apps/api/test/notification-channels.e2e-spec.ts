import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Logger } from '@nestjs/common';

import { DeliveryWorker } from '../src/modules/notifications/delivery.worker';
import { type NewNotification, NotificationsService } from '../src/modules/notifications/notifications.service';
import { createTestApp, type TestApp } from './create-test-app';
import { insertUnits, SMALL_COUNTY } from './factories/unit.factory';
import { bearer, insertStandardUsers } from './factories/user.factory';

// Issue 13 point 3: 企业微信 and 钉钉 group robots next to the webhook, configured by the sysadmin per unit and for the
// office, delivered from a durable log by a worker (never in the request's path), retried with backoff, failures
// visible to the sysadmin, no secret in answers, logs or audit rows. A local server plays both vendors and checks
// each request as their documents describe it (see src/modules/notifications/channels/vendor-robots.ts).

const WECOM_KEY = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa'.replace(/x/g, '8');
const DING_TOKEN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
const DING_SECRET = 'SEC6e1c0d9f3b2a4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d';
const PUBLIC_URL = 'https://pacer.shifanxian.gov.cn';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the vendors' JSON as received, checked field by field below
type Json = Record<string, any>;

interface VendorRequest {
  vendor: 'wecom' | 'dingtalk';
  method: string;
  url: URL;
  contentType: string | undefined;
  json: Json;
  problems: string[];
}

type Answer = { status: number; body: unknown };
const OK: Answer = { status: 200, body: { errcode: 0, errmsg: 'ok' } };

describe('notification channels: 企业微信 and 钉钉 robots with a delivery log (e2e)', () => {
  let server: Server;
  let received: VendorRequest[];
  /** Answers queued per vendor; when empty, the vendor's own check decides (ok or its documented error). */
  const answers: Record<'wecom' | 'dingtalk', Answer[]> = { wecom: [], dingtalk: [] };
  let t: TestApp;
  let units: Record<string, number>;
  let users: Awaited<ReturnType<typeof insertStandardUsers>>;
  const auth: Record<string, string> = {};
  const savedEnv = { ...process.env };
  const warnings: string[] = [];
  /** The worker's background wake-up, stubbed: each case drives delivery itself with runDue() (no race with push()). */
  let wake: jest.SpiedFunction<DeliveryWorker['wake']>;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (raw += c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://vendor.test');
        const vendor = url.pathname === '/cgi-bin/webhook/send' ? 'wecom' : 'dingtalk';
        const problems: string[] = [];
        let json: Json = {};
        try {
          json = JSON.parse(raw);
        } catch {
          problems.push('not JSON');
        }
        if (req.method !== 'POST') problems.push('not POST');
        if (!/^application\/json/.test(req.headers['content-type'] ?? '')) problems.push('not application/json');
        let refusal: Answer | null = null;
        if (vendor === 'wecom') {
          // 企业微信 群机器人: POST /cgi-bin/webhook/send?key=KEY, {msgtype:'markdown', markdown:{content ≤ 4096 bytes}}
          if (url.searchParams.get('key') !== WECOM_KEY) refusal = { status: 200, body: { errcode: 93000, errmsg: 'invalid webhook url' } };
          if (json.msgtype !== 'markdown' || Object.keys(json).sort().join() !== 'markdown,msgtype') problems.push('shape');
          if (typeof json.markdown?.content !== 'string' || Object.keys(json.markdown).join() !== 'content') problems.push('markdown shape');
          else if (Buffer.byteLength(json.markdown.content, 'utf8') > 4096) {
            refusal = { status: 200, body: { errcode: 40058, errmsg: 'markdown.content exceed max length 4096' } };
          }
        } else {
          // 钉钉 自定义机器人 加签: /robot/send?access_token&timestamp&sign; sign = base64(HmacSHA256(secret, ts\nsecret))
          const ts = Number(url.searchParams.get('timestamp'));
          const expected = createHmac('sha256', DING_SECRET).update(`${ts}\n${DING_SECRET}`).digest('base64');
          if (url.pathname !== '/robot/send' || url.searchParams.get('access_token') !== DING_TOKEN) {
            refusal = { status: 200, body: { errcode: 300001, errmsg: 'token is not exist' } };
          } else if (url.searchParams.get('sign') !== expected || Math.abs(Date.now() - ts) > 3600_000) {
            refusal = { status: 200, body: { errcode: 310000, errmsg: 'sign not match' } };
          }
          // the raw query carries the sign URL-encoded (base64's + / = escaped)
          if (!/[?&]sign=[A-Za-z0-9%]+(&|$)/.test(req.url ?? '')) problems.push('sign not url-encoded');
          if (json.msgtype === 'markdown') {
            if (typeof json.markdown?.title !== 'string' || typeof json.markdown?.text !== 'string') problems.push('markdown shape');
          } else if (json.msgtype === 'actionCard') {
            const c = json.actionCard ?? {};
            if (!c.title || !c.text || !c.singleTitle || !/^https:\/\//.test(c.singleURL ?? '')) problems.push('actionCard shape');
          } else problems.push('msgtype');
        }
        received.push({ vendor, method: req.method ?? '', url, contentType: req.headers['content-type'], json, problems });
        const answer = answers[vendor].shift() ?? refusal ?? OK;
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
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
      PACER_JOBS: '0',
      // the local vendor answers at once; a loaded machine must not turn an answer into a timeout
      PACER_WEBHOOK_TIMEOUT_MS: '30000',
    });
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
    t = await createTestApp();
    units = await insertUnits(t.dataSource, SMALL_COUNTY);
    users = await insertStandardUsers(t.dataSource, units);
    for (const user of ['admin', 'sysadmin', 'rep_t01']) auth[user] = await bearer(t.http, user);
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
    // each case starts from no notice, no delivery and healthy channels (the channels themselves carry on)
    await t.ownerDataSource.query('DELETE FROM notification_delivery');
    await t.ownerDataSource.query('DELETE FROM notification');
    await t.ownerDataSource.query(
      'UPDATE notification_channel SET failed_count = 0, last_error = NULL, last_error_at = NULL, failing_since = NULL',
    );
    wake.mockClear();
    received = [];
    answers.wecom = [];
    answers.dingtalk = [];
  });

  const api = (as = auth.sysadmin!) => ({
    get: (path: string) => t.http.get(`/api/v1/notification-channels${path}`).set('Authorization', as),
    post: (path: string, body: object = {}) => t.http.post(`/api/v1/notification-channels${path}`).set('Authorization', as).send(body),
    put: (path: string, body: object) => t.http.put(`/api/v1/notification-channels${path}`).set('Authorization', as).send(body),
  });
  const worker = () => t.app.get(DeliveryWorker);
  /** A notice as an owning service writes it: record() in its transaction, push() after the commit. */
  const notify = async (items: NewNotification[]) => {
    const service = t.app.get(NotificationsService);
    const ids = await t.dataSource.transaction((m) => service.record(m, items));
    await service.push(ids);
    // push() woke the worker (stubbed here: the case sends with runDue())
    if (ids.length > 0) expect(wake).toHaveBeenCalled();
    return ids;
  };
  const remindT01 = (body = '示范县2026年度招商引资目标考核：城关镇 2026年11月月报尚未报送，截止日期 2026-12-05。'): NewNotification => ({
    userId: users.reporterT01,
    kind: 'report.remind',
    title: '月报提醒',
    body,
    link: `/reports?planId=1&month=2026-11&unitId=${units.T01}`,
    planId: null,
    unitId: units.T01!,
    month: '2026-11',
  });
  const deliveries = async (channelId: number) =>
    (await api().get(`/${channelId}/deliveries`).expect(200)).body.items as Array<Json>;
  // a second back: PostgreSQL's now() has microseconds, the worker's clock milliseconds (a row made due "now" could be
  // a few microseconds in the worker's future and be left for the next run)
  const makeDue = () =>
    t.ownerDataSource.query(`UPDATE notification_delivery SET next_attempt_at = now() - interval '1 second' WHERE status = 'pending'`);

  let wecomId: number;
  let dingId: number;

  it('should let the sysadmin alone configure robots, keep their keys write-only and encrypted, and audit without them', async () => {
    await api(auth.admin).get('').expect(403);
    await api(auth.rep_t01).post('', {}).expect(403);
    const wecom = await api()
      .post('', { kind: 'wecom_robot', name: '城关镇招商工作群', unitId: units.T01, noticeKinds: ['report.remind', 'report.late'], enabled: true, token: WECOM_KEY })
      .expect(201);
    expect(wecom.body).toMatchObject({ kind: 'wecom_robot', unitName: '城关镇', tokenSet: true, secretSet: false, failedCount: 0 });
    wecomId = wecom.body.id;
    const ding = await api()
      .post('', { kind: 'dingtalk_robot', name: '县招商办钉钉群', unitId: null, noticeKinds: ['summary.drift', 'channel.failing'], messageType: 'actionCard', enabled: true, token: DING_TOKEN, secret: DING_SECRET })
      .expect(201);
    expect(ding.body).toMatchObject({ unitId: null, tokenSet: true, secretSet: true, messageType: 'actionCard' });
    dingId = ding.body.id;

    const list = await api().get('').expect(200);
    expect(list.body.items.map((c: { name: string }) => c.name)).toEqual(['县招商办钉钉群', '城关镇招商工作群']);
    const everything = [
      JSON.stringify(list.body),
      JSON.stringify(await t.dataSource.query('SELECT row_to_json(c)::text AS j FROM notification_channel c')),
      JSON.stringify(await t.dataSource.query(`SELECT before::text, after::text, detail::text FROM audit_event WHERE object_type = 'notification_channel'`)),
    ].join('\n');
    for (const secret of [WECOM_KEY, DING_TOKEN, DING_SECRET]) expect(everything).not.toContain(secret);
    const audit = await t.dataSource.query(
      `SELECT action, username, after->>'name' AS name, after->>'tokenChanged' AS changed FROM audit_event
        WHERE object_type = 'notification_channel' ORDER BY id`,
    );
    expect(audit).toEqual([
      { action: 'notification_channel.create', username: 'sysadmin', name: '城关镇招商工作群', changed: 'true' },
      { action: 'notification_channel.create', username: 'sysadmin', name: '县招商办钉钉群', changed: 'true' },
    ]);
  });

  it('should refuse a 钉钉 robot without its 加签 secret and a malformed key with 422 and the field, writing nothing', async () => {
    const before = (await t.dataSource.query('SELECT count(*)::int AS n FROM notification_channel'))[0].n;
    const noSecret = await api()
      .post('', { kind: 'dingtalk_robot', name: '青山镇钉钉群', unitId: units.T02, noticeKinds: ['report.remind'], enabled: true, token: DING_TOKEN })
      .expect(422);
    expect(noSecret.body).toMatchObject({ code: 'NOTIFICATION_CHANNEL_INVALID', details: [{ field: 'secret' }] });
    const badUrl = await api()
      .post('', { kind: 'webhook', name: '短信网关', unitId: null, noticeKinds: [], enabled: true, token: 'ftp://gateway.local/sms' })
      .expect(422);
    expect(badUrl.body.details[0].field).toBe('token');
    await api().put(`/${wecomId}`, { kind: 'dingtalk_robot', name: '城关镇招商工作群', unitId: units.T01, noticeKinds: [], enabled: true }).expect(422);
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM notification_channel'))[0].n).toBe(before);
  });

  it("should write the unit group's delivery with the notice (gone with a rolled-back change) and send it as 企业微信 markdown", async () => {
    const service = t.app.get(NotificationsService);
    await expect(
      t.dataSource.transaction(async (m) => {
        await service.record(m, [remindT01()]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM notification_delivery'))[0].n).toBe(0);

    // one notice to two reporters of the unit would be one message in its group; the office's group takes none of it
    await notify([remindT01()]);
    const [row] = await t.dataSource.query('SELECT status, attempts FROM notification_delivery');
    expect(row).toEqual({ status: 'pending', attempts: 0 });
    await worker().runDue();
    expect(received).toHaveLength(1);
    const [req] = received;
    expect(req!.problems).toEqual([]);
    expect(req!.vendor).toBe('wecom');
    expect(req!.url.searchParams.get('key')).toBe(WECOM_KEY);
    expect(req!.json.markdown.content).toBe(
      `**月报提醒**\n\n示范县2026年度招商引资目标考核：城关镇 2026年11月月报尚未报送，截止日期 2026-12-05。\n\n[查看详情](${PUBLIC_URL}/reports?planId=1&month=2026-11&unitId=${units.T01})`,
    );
    const log = await deliveries(wecomId);
    expect(log[0]).toMatchObject({ status: 'sent', attempts: 1, errcode: 0, errmsg: 'ok', noticeKind: 'report.remind' });
  });

  it('should keep a 企业微信 markdown within 4096 bytes, cutting the body and keeping the link', async () => {
    // an inbox body holds up to 2000 characters: in Chinese that is 6000 bytes, over 企业微信's 4096
    await notify([remindT01('城关镇重点项目推进情况：'.repeat(166))]);
    await worker().runDue();
    expect(received).toHaveLength(1);
    expect(received[0]!.problems).toEqual([]);
    const content: string = received[0]!.json.markdown.content;
    expect(Buffer.byteLength(content, 'utf8')).toBeLessThanOrEqual(4096);
    expect(content).toContain('…');
    expect(content.endsWith(`unitId=${units.T01})`)).toBe(true);
  });

  it('should retry 企业微信 45009 and HTTP 5xx with a growing backoff, then send', async () => {
    answers.wecom.push({ status: 200, body: { errcode: 45009, errmsg: 'api freq out of limit' } }, { status: 502, body: {} });
    await notify([remindT01('城关镇 2026年11月月报已退回，请修改后重新提交。')]);
    await worker().runDue();
    let [log] = await deliveries(wecomId);
    expect(log).toMatchObject({ status: 'pending', attempts: 1, errcode: 45009, errmsg: 'api freq out of limit' });
    const firstWait = Date.parse(log!.nextAttemptAt) - Date.now();
    expect(firstWait).toBeGreaterThan(20_000);
    expect(firstWait).toBeLessThanOrEqual(30_000);
    await worker().runDue(); // not due yet: nothing sent
    expect(received).toHaveLength(1);
    await makeDue();
    await worker().runDue();
    [log] = await deliveries(wecomId);
    expect(log).toMatchObject({ status: 'pending', attempts: 2, httpStatus: 502 });
    const secondWait = Date.parse(log!.nextAttemptAt) - Date.now();
    expect(secondWait).toBeGreaterThan(50_000);
    await makeDue();
    await worker().runDue();
    [log] = await deliveries(wecomId);
    expect(log).toMatchObject({ status: 'sent', attempts: 3, errcode: 0 });
    expect(received).toHaveLength(3);
  });

  it('should give up after the most attempts, tell the sysadmins once, and mark an invalid key failed at once', async () => {
    answers.wecom.push(...Array.from({ length: 3 }, () => ({ status: 503, body: {} })));
    await notify([remindT01('城关镇 2026年11月月报逾期未报。')]);
    for (let i = 0; i < 3; i++) {
      await makeDue();
      await worker().runDue();
    }
    let [log] = await deliveries(wecomId);
    expect(log).toMatchObject({ status: 'failed', attempts: 3, httpStatus: 503 });
    // the sysadmin is told in the inbox, and the office's 钉钉 group takes 'channel.failing' notices
    const told = await t.dataSource.query(`SELECT user_id AS "userId", body FROM notification WHERE kind = 'channel.failing'`);
    expect(told).toEqual([{ userId: users.sysadmin, body: '通知渠道「城关镇招商工作群」发送失败（HTTP 503），请在 系统管理 → 通知渠道 查看。' }]);
    expect(received.filter((r) => r.vendor === 'dingtalk').map((r) => r.json.actionCard.title)).toEqual(['通知渠道发送失败']);

    // the key was removed in 企业微信: 93000 is final, no retry; the channel still fails, so nobody is told again
    const body = { kind: 'wecom_robot', name: '城关镇招商工作群', unitId: units.T01, noticeKinds: ['report.remind', 'report.late'], enabled: true };
    await api().put(`/${wecomId}`, { ...body, token: 'b0f1e2d3-0000-4000-8000-000000000000' }).expect(200);
    await notify([remindT01('城关镇 2026年11月月报已退回：固定资产投资额与台账不符。')]);
    await worker().runDue();
    [log] = await deliveries(wecomId);
    expect(log).toMatchObject({ status: 'failed', attempts: 1, errcode: 93000, errmsg: 'invalid webhook url' });
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE kind = 'channel.failing'`))[0].n).toBe(1);
    const channel = (await api().get('').expect(200)).body.items.find((c: { id: number }) => c.id === wecomId);
    expect(channel).toMatchObject({ failedCount: 2, lastError: '93000 invalid webhook url' });
    // the right key again: the next delivery goes through and the channel is healthy
    await api().put(`/${wecomId}`, { ...body, token: WECOM_KEY }).expect(200);
    await api().post(`/${wecomId}/test`).expect(202);
    await worker().runDue();
    expect((await api().get('').expect(200)).body.items.find((c: { id: number }) => c.id === wecomId).failingSince).toBeNull();
  });

  it("should sign 钉钉 requests (加签) and send the office's notices as an actionCard", async () => {
    await notify([
      {
        userId: users.admin,
        kind: 'summary.drift',
        title: '累计汇总校验不一致',
        body: '2026年11月关账时发现 城关镇 的累计汇总与重算结果不一致，已按重算结果修正。',
        link: '/months?month=2026-11',
        planId: null,
        unitId: units.T01!,
        month: '2026-11',
      },
    ]);
    await worker().runDue();
    const ding = received.filter((r) => r.vendor === 'dingtalk');
    expect(ding).toHaveLength(1);
    expect(received).toHaveLength(1); // the unit's 企业微信 group does not take office notices
    expect(ding[0]!.problems).toEqual([]);
    expect(ding[0]!.json).toEqual({
      msgtype: 'actionCard',
      actionCard: {
        title: '累计汇总校验不一致',
        text: '**累计汇总校验不一致**\n\n2026年11月关账时发现 城关镇 的累计汇总与重算结果不一致，已按重算结果修正。',
        singleTitle: '查看详情',
        singleURL: `${PUBLIC_URL}/months?month=2026-11`,
      },
    });
    expect((await deliveries(dingId))[0]).toMatchObject({ status: 'sent', errcode: 0 });
  });

  it('should show a failing channel to the sysadmin: failed count, last error, one notice (not one per message)', async () => {
    // the 钉钉 robot's secret was changed in 钉钉 and not here: every request is refused with 310000
    await api().put(`/${dingId}`, { kind: 'dingtalk_robot', name: '县招商办钉钉群', unitId: null, noticeKinds: ['summary.drift'], messageType: 'markdown', enabled: true, secret: 'SEC0000000000000000000000000000000000' }).expect(200);
    const drift = (n: number): NewNotification => ({
      userId: users.admin,
      kind: 'summary.drift',
      title: '累计汇总校验不一致',
      body: `2026年11月关账校验发现第 ${n} 处不一致。`,
      link: null,
      planId: null,
      unitId: null,
      month: '2026-11',
    });
    await notify([drift(1), drift(2)]);
    await worker().runDue();
    const refused = received.filter((r) => r.vendor === 'dingtalk');
    expect(refused).toHaveLength(2);
    expect(refused.map((r) => r.json.msgtype)).toEqual(['markdown', 'markdown']);
    const channel = (await api().get('').expect(200)).body.items.find((c: { id: number }) => c.id === dingId);
    expect(channel).toMatchObject({ failedCount: 2, lastError: '310000 sign not match' });
    expect(channel.failingSince).not.toBeNull();
    const told = await t.dataSource.query(
      `SELECT user_id AS "userId", title FROM notification WHERE kind = 'channel.failing' AND body LIKE '%县招商办钉钉群%'`,
    );
    expect(told).toEqual([{ userId: users.sysadmin, title: '通知渠道发送失败' }]);
    const log = await deliveries(dingId);
    expect(log.slice(0, 2).map((d) => [d.status, d.errcode])).toEqual([
      ['failed', 310000],
      ['failed', 310000],
    ]);
  });

  it('should send a 测试发送 through the worker and show it in the log', async () => {
    const res = await api().post(`/${wecomId}/test`).expect(202);
    await worker().runDue();
    const log = await deliveries(wecomId);
    expect(log[0]).toMatchObject({ id: res.body.deliveryId, notificationId: null, status: 'sent' });
    expect(received.at(-1)!.json.markdown.content).toContain('Pacer 测试消息');
    await api(auth.admin).post(`/${wecomId}/test`).expect(403);
    await api().get('/999999/deliveries').expect(404);
  });

  it('should have push() wake the worker itself: the delivery goes out with no runDue() from the caller', async () => {
    const w = worker();
    // the real wake-up, as in production, for this one push
    wake.mockImplementationOnce(() => DeliveryWorker.prototype.wake.call(w));
    await notify([remindT01('城关镇 2026年11月月报已提交，待县招商办审核。')]);
    const deadline = Date.now() + 10_000;
    let status = '';
    while (Date.now() < deadline) {
      const rows = await t.dataSource.query('SELECT status FROM notification_delivery');
      status = rows[0]?.status ?? '';
      if (status === 'sent') break;
      await new Promise((resolve) => setTimeout(resolve, 25)); // a poll, not a wait for a fixed time
    }
    expect(status).toBe('sent');
    expect(received).toHaveLength(1);
    expect(received[0]!.json.markdown.content).toContain('2026年11月月报已提交');
    await w.runDue(); // let the background run finish before the next case
  });

  it('should leave a pending delivery to the next process: a new app instance sends it', async () => {
    const service = t.app.get(NotificationsService);
    // written, never pushed (the process "died" before its worker ran)
    await t.dataSource.transaction((m) => service.record(m, [remindT01('城关镇 2026年12月月报已通过审核。')]));
    const second = await createTestApp({ databaseUrl: t.databaseUrl });
    try {
      await second.app.get(DeliveryWorker).runDue();
    } finally {
      await second.close();
    }
    expect(received).toHaveLength(1);
    expect(received[0]!.json.markdown.content).toContain('2026年12月月报已通过审核');
    expect((await deliveries(wecomId))[0]).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('should never write a key or secret into a log line', () => {
    expect(warnings.length).toBeGreaterThan(0);
    const text = warnings.join('\n');
    for (const secret of [WECOM_KEY, DING_TOKEN, DING_SECRET]) expect(text).not.toContain(secret);
    expect(text).not.toContain('key=');
  });
});
