import { createHmac } from 'node:crypto';

import {
  dingtalkRequest,
  dingtalkSign,
  MARKDOWN_MAX_BYTES,
  outcomeOf,
  truncateUtf8,
  wecomRequest,
} from './vendor-robots';

const message = {
  title: '月报已退回',
  body: '城关镇 2026年11月月报已被退回：固定资产投资额与项目台账不符，请核实后重新提交。',
  url: 'https://pacer.shifanxian.gov.cn/reports?planId=1&month=2026-11&unitId=2',
};

describe('vendor robots (企业微信 群机器人, 钉钉 自定义机器人)', () => {
  it('should sign 钉钉 requests as its 加签 document does: urlEncode(base64(HmacSHA256(secret, ts\\nsecret)))', () => {
    const secret = 'SEC8a7f1c2e3d4b5a69788766554433221100aabbccddeeff';
    const ts = 1796674788844;
    const expected = encodeURIComponent(createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64'));
    expect(dingtalkSign(ts, secret)).toBe(expected);
    // base64's + / = never travel raw in the query
    expect(dingtalkSign(ts, secret)).not.toMatch(/[+/=]/);
    const { url } = dingtalkRequest('https://oapi.dingtalk.com', 'tok123', secret, 'markdown', message, ts);
    expect(url).toBe(`https://oapi.dingtalk.com/robot/send?access_token=tok123&timestamp=${ts}&sign=${expected}`);
  });

  it('should build 企业微信 markdown and 钉钉 markdown/actionCard bodies in the documented shapes', () => {
    expect(wecomRequest('https://qyapi.weixin.qq.com', 'k-1', message)).toEqual({
      url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-1',
      body: { msgtype: 'markdown', markdown: { content: `**月报已退回**\n\n${message.body}\n\n[查看详情](${message.url})` } },
    });
    expect(dingtalkRequest('https://oapi.dingtalk.com', 't', null, 'actionCard', message, 1).body).toEqual({
      msgtype: 'actionCard',
      actionCard: { title: '月报已退回', text: `**月报已退回**\n\n${message.body}`, singleTitle: '查看详情', singleURL: message.url },
    });
    // an actionCard needs a link: without PACER_PUBLIC_URL it is sent as markdown
    expect(dingtalkRequest('https://oapi.dingtalk.com', 't', null, 'actionCard', { ...message, url: null }, 1).body).toEqual({
      msgtype: 'markdown',
      markdown: { title: '月报已退回', text: `**月报已退回**\n\n${message.body}` },
    });
  });

  it('should cut at a character boundary within the byte limit', () => {
    const cut = truncateUtf8('招商引资'.repeat(2000), MARKDOWN_MAX_BYTES);
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(MARKDOWN_MAX_BYTES);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).not.toContain('\uFFFD');
    expect(truncateUtf8('短消息', 100)).toBe('短消息');
  });

  it.each([
    ['wecom_robot', 200, '{"errcode":0,"errmsg":"ok"}', 'sent', 0],
    ['wecom_robot', 200, '{"errcode":45009,"errmsg":"api freq out of limit"}', 'retry', 45009],
    ['wecom_robot', 200, '{"errcode":93000,"errmsg":"invalid webhook url"}', 'failed', 93000],
    ['wecom_robot', 502, '', 'retry', null],
    ['wecom_robot', 404, '', 'failed', null],
    ['dingtalk_robot', 200, '{"errcode":130101,"errmsg":"send too fast"}', 'retry', 130101],
    ['dingtalk_robot', 200, '{"errcode":310000,"errmsg":"sign not match"}', 'failed', 310000],
    ['webhook', 204, '', 'sent', null],
  ] as const)('should classify %s HTTP %i %s as %s', (kind, status, text, result, errcode) => {
    expect(outcomeOf(kind, status, text)).toMatchObject({ result, errcode });
  });
});
