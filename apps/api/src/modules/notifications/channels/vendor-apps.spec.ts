import {
  appOutcomeOf,
  appTokenUrl,
  DINGTALK_MSG_MAX_BYTES,
  dingtalkAppRequest,
  dingtalkReceiptRequest,
  receiptOf,
  tokenAnswerOf,
  WECOM_APP_MARKDOWN_MAX_BYTES,
  wecomAppRequest,
} from './vendor-apps';

const message = {
  title: '月报被退回',
  body: '城关镇 2026年11月月报已被退回：固定资产投资额与项目台账不符，请核实后重新提交。',
  url: 'https://pacer.shifanxian.gov.cn/reports?planId=1&month=2026-11&unitId=2',
};
const bytes = (v: unknown) => Buffer.byteLength(typeof v === 'string' ? v : JSON.stringify(v), 'utf8');

describe('vendor apps (企业微信 应用消息, 钉钉 工作通知)', () => {
  it('should ask for the token as each gettoken document does, the secret URL-encoded in the query', () => {
    expect(appTokenUrl('wecom_app', 'https://qyapi.weixin.qq.com', 'ww8a7f1c2e3d4b5a69', 'a+b/c')).toBe(
      'https://qyapi.weixin.qq.com/cgi-bin/gettoken?corpid=ww8a7f1c2e3d4b5a69&corpsecret=a%2Bb%2Fc',
    );
    expect(appTokenUrl('dingtalk_app', 'https://oapi.dingtalk.com', 'dingx7k2', 's3cr3t')).toBe(
      'https://oapi.dingtalk.com/gettoken?appkey=dingx7k2&appsecret=s3cr3t',
    );
  });

  it.each([
    [
      200,
      '{"errcode":0,"errmsg":"ok","access_token":"tok-1","expires_in":7200}',
      { token: 'tok-1', expiresInSeconds: 7200 },
    ],
    [
      200,
      '{"errcode":40001,"errmsg":"invalid credential"}',
      { outcome: { result: 'failed', errcode: 40001 } },
    ],
    [
      200,
      '{"errcode":40089,"errmsg":"不合法的corpid或corpsecret"}',
      { outcome: { result: 'failed', errcode: 40089 } },
    ],
    [200, '{"errcode":-1,"errmsg":"system busy"}', { outcome: { result: 'retry', errcode: -1 } }],
    [503, '', { outcome: { result: 'retry', httpStatus: 503 } }],
  ] as const)('should read a gettoken answer HTTP %i %s', (status, text, expected) => {
    expect(tokenAnswerOf(status, text)).toMatchObject(expected);
  });

  it('should build 企业微信 markdown and textcard bodies, falling back to markdown without a link', () => {
    const md = wecomAppRequest(
      'https://qyapi.weixin.qq.com',
      'tok',
      1000002,
      'ChenJing',
      'markdown',
      message,
    );
    expect(md).toEqual({
      url: 'https://qyapi.weixin.qq.com/cgi-bin/message/send?access_token=tok',
      body: {
        touser: 'ChenJing',
        msgtype: 'markdown',
        agentid: 1000002,
        markdown: { content: `**月报被退回**\n\n${message.body}\n\n[查看详情](${message.url})` },
      },
    });
    const card = wecomAppRequest(
      'https://qyapi.weixin.qq.com',
      'tok',
      1000002,
      'ChenJing',
      'textcard',
      message,
    ).body;
    expect(card).toEqual({
      touser: 'ChenJing',
      msgtype: 'textcard',
      agentid: 1000002,
      textcard: { title: '月报被退回', description: message.body, url: message.url, btntxt: '详情' },
    });
    const noLink = wecomAppRequest('https://q', 'tok', 1, 'ChenJing', 'textcard', { ...message, url: null })
      .body as {
      msgtype: string;
    };
    expect(noLink.msgtype).toBe('markdown');
    const long = wecomAppRequest('https://q', 'tok', 1, 'ChenJing', 'markdown', {
      ...message,
      body: '招商'.repeat(2000),
    }).body as { markdown: { content: string } };
    expect(bytes(long.markdown.content)).toBeLessThanOrEqual(WECOM_APP_MARKDOWN_MAX_BYTES);
    expect(long.markdown.content.endsWith(`(${message.url})`)).toBe(true);
  });

  it('should build 钉钉 markdown and action_card msgs within 2048 bytes serialized, escapes counted', () => {
    const card = dingtalkAppRequest(
      'https://oapi.dingtalk.com',
      'tok',
      2768349822,
      '0123456789012345',
      'actionCard',
      message,
    );
    expect(card.url).toBe(
      'https://oapi.dingtalk.com/topapi/message/corpconversation/asyncsend_v2?access_token=tok',
    );
    expect(card.body).toEqual({
      agent_id: 2768349822,
      userid_list: '0123456789012345',
      msg: {
        msgtype: 'action_card',
        action_card: {
          title: '月报被退回',
          markdown: `**月报被退回**\n\n${message.body}`,
          single_title: '查看详情',
          single_url: message.url,
        },
      },
    });
    const quoted = '项目"新能源电池材料产业园"\n二期\\主体封顶；'.repeat(120);
    for (const type of ['markdown', 'actionCard'] as const) {
      const { msg } = dingtalkAppRequest('https://o', 't', 1, 'u1', type, { ...message, body: quoted })
        .body as { msg: unknown };
      expect(bytes(msg)).toBeLessThanOrEqual(DINGTALK_MSG_MAX_BYTES);
      expect(bytes(msg)).toBeGreaterThan(DINGTALK_MSG_MAX_BYTES - 64);
      expect(JSON.stringify(msg)).toContain('…');
    }
  });

  it.each([
    ['wecom_app', '{"errcode":0,"errmsg":"ok","invaliduser":""}', 'sent', 0],
    ['wecom_app', '{"errcode":0,"errmsg":"ok","invaliduser":"chenjing"}', 'failed', 0],
    ['wecom_app', '{"errcode":42001,"errmsg":"access_token expired"}', 'refresh', 42001],
    ['wecom_app', '{"errcode":40014,"errmsg":"invalid access_token"}', 'refresh', 40014],
    ['wecom_app', '{"errcode":45009,"errmsg":"api freq out of limit"}', 'retry', 45009],
    ['wecom_app', '{"errcode":81013,"errmsg":"user & party & tag all invalid"}', 'failed', 81013],
    ['dingtalk_app', '{"errcode":0,"task_id":256271667526,"request_id":"4jzllmte0wau"}', 'sent', 0],
    [
      'dingtalk_app',
      '{"errcode":88,"sub_code":"40014","errmsg":"ding talk error[subcode=40014]"}',
      'refresh',
      88,
    ],
    ['dingtalk_app', '{"errcode":88,"sub_code":"60011","errmsg":"没有调用该接口的权限"}', 'failed', 88],
    ['dingtalk_app', '{"errcode":42001,"errmsg":"access_token超时"}', 'refresh', 42001],
    ['dingtalk_app', '{"errcode":90002,"errmsg":"flow control"}', 'retry', 90002],
  ] as const)('should classify %s %s as %s', (kind, text, result, errcode) => {
    expect(appOutcomeOf(kind, 200, text)).toMatchObject({ result, errcode });
  });

  it('should keep 钉钉 task_id exactly as text, even past 2^53, and ask for its receipt with it', () => {
    expect(appOutcomeOf('dingtalk_app', 200, '{"errcode":0,"task_id":256271667526,"request_id":"r"}')).toMatchObject({
      taskId: '256271667526',
    });
    const big = appOutcomeOf('dingtalk_app', 200, '{"errcode":0,"task_id":9007199254740993,"request_id":"r"}');
    expect(big.taskId).toBe('9007199254740993');
    // 企业微信 answers no task: nothing to ask later
    expect(appOutcomeOf('wecom_app', 200, '{"errcode":0,"errmsg":"ok","invaliduser":""}')).not.toHaveProperty('taskId');
    const request = dingtalkReceiptRequest('https://oapi.dingtalk.com', 'to+k', 2768349822, '9007199254740993');
    expect(request.url).toBe('https://oapi.dingtalk.com/topapi/message/corpconversation/getsendresult?access_token=to%2Bk');
    expect(request.bodyText).toBe('{"agent_id":2768349822,"task_id":9007199254740993}');
  });

  const receipt = (lists: Record<string, string[]>) => JSON.stringify({ errcode: 0, send_result: lists });
  it.each([
    [receipt({ unread_user_id_list: ['0123456789012345'] }), 'delivered'],
    [receipt({ read_user_id_list: ['0123456789012345'], unread_user_id_list: [] }), 'delivered'],
    [receipt({ invalid_user_id_list: ['0123456789012345'], unread_user_id_list: [] }), 'undelivered'],
    [receipt({ forbidden_user_id_list: ['0123456789012345'] }), 'undelivered'],
    [receipt({ failed_user_id_list: ['0123456789012345'] }), 'undelivered'],
    // the list names someone else: ours is not known yet
    [receipt({ unread_user_id_list: ['0298765432109876'] }), 'pending'],
    [receipt({}), 'pending'],
    ['{"errcode":88,"sub_code":"40014","errmsg":"不合法的access_token"}', 'refresh'],
    ['{"errcode":-1,"errmsg":"系统繁忙"}', 'retry'],
    ['not json', 'retry'],
  ] as const)('should read the receipt %s as %s for userid 0123456789012345', (text, result) => {
    expect(receiptOf(200, text, '0123456789012345').result).toBe(result);
  });

  it('should say why a receipt failed the delivery, and retry on a 5xx', () => {
    expect(receiptOf(200, receipt({ invalid_user_id_list: ['0123456789012345'] }), '0123456789012345').errmsg).toBe(
      '钉钉无此用户（userid 无效）（invalid_user_id_list）',
    );
    expect(receiptOf(502, '', '0123456789012345')).toMatchObject({ result: 'retry', errmsg: 'HTTP 502' });
  });
});
