import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Logger } from '@nestjs/common';
import type { NotificationRow } from '@pacer/shared';

import type { JobsConfig } from '../../../config/jobs.config';
import type { NotificationsRepository } from '../notifications.repository';
import { NotificationsService } from '../notifications.service';
import { WebhookChannel } from './webhook.channel';

const notification: NotificationRow = {
  id: 17,
  kind: 'report.remind',
  title: '月报提醒',
  body: '示范县2026年度招商引资目标考核：城关镇 2026年11月月报尚未报送，截止日期 2026-12-05。',
  link: '/reports?planId=1&month=2026-11&unitId=2',
  planId: 1,
  unitId: 2,
  month: '2026-11',
  createdAt: '2026-12-03T01:00:00.000Z',
  readAt: null,
};
const recipient = { userId: 5, username: 'rep_t01', displayName: '城关镇填报员' };

interface Received {
  method: string;
  headers: IncomingMessage['headers'];
  body: string;
}

describe(WebhookChannel.name, () => {
  let server: Server;
  let url: string;
  let received: Received[];
  let answer: (res: ServerResponse) => void;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        received.push({ method: req.method ?? '', headers: req.headers, body });
        answer(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/pacer?key=secret`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    Logger.overrideLogger(['log', 'error', 'warn']);
  });
  beforeEach(() => {
    received = [];
    answer = (res) => res.writeHead(204).end();
  });

  const channel = (config: Partial<JobsConfig> = {}) =>
    new WebhookChannel({
      enabled: false,
      remindDays: 2,
      webhookUrl: url,
      webhookTimeoutMs: 500,
      auditRetentionDays: 0,
      ...config,
    });

  it('should POST the notification and its recipient as UTF-8 JSON, with an id to drop duplicates by', async () => {
    await channel().send(notification, recipient);
    expect(received).toHaveLength(1);
    expect(received[0]!.method).toBe('POST');
    expect(received[0]!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(received[0]!.headers['x-pacer-notification-id']).toBe('17');
    expect(JSON.parse(received[0]!.body)).toEqual({ type: 'notification', notification, recipient });
  });

  it('should be disabled, and send nothing, without PACER_WEBHOOK_URL', async () => {
    const off = channel({ webhookUrl: null });
    expect(off.isEnabled).toBe(false);
    await off.send(notification, recipient);
    expect(received).toHaveLength(0);
  });

  it('should throw on an answer that is not 2xx', async () => {
    answer = (res) => res.writeHead(500).end('boom');
    await expect(channel().send(notification, recipient)).rejects.toThrow('webhook answered HTTP 500');
  });

  it('should give up after the timeout instead of hanging the job', async () => {
    answer = () => undefined; // never answers
    const started = Date.now();
    await expect(channel({ webhookTimeoutMs: 200 }).send(notification, recipient)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('should never let a failing channel fail the push of the others', async () => {
    answer = (res) => res.writeHead(502).end();
    const repo = {
      listWithRecipients: jest.fn(async () => [
        { notification, recipient },
        { notification: { ...notification, id: 18 }, recipient },
      ]),
    } as unknown as NotificationsRepository;
    const sent: number[] = [];
    const recorder = {
      name: 'recorder',
      isEnabled: true,
      send: async (n: NotificationRow) => void sent.push(n.id),
    };
    const sut = new NotificationsService(repo, { now: () => new Date() }, [channel(), recorder]);
    await expect(sut.push([17, 18])).resolves.toBeUndefined();
    expect(received).toHaveLength(2);
    expect(sent).toEqual([17, 18]);
  });
});
