import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { ApiErrorBody } from '@pacer/shared';

import { setLocale } from '@/locales';

import { ApiError, buildUrl, configureHttp, forgetRevalidated, http, request } from './http';

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

const validationError: ApiErrorBody = {
  code: 'VALIDATION_FAILED',
  message: '请求参数不正确',
  messageEn: 'The request is invalid',
  requestId: 'req-7f3a',
  details: [
    {
      field: 'values.0.amountWan',
      code: 'isDecimalString',
      message: '金额格式不正确',
      messageEn: 'Invalid amount',
    },
  ],
};

describe('http client', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    configureHttp({ getAccessToken: () => null, onUnauthorized: () => {}, onApiError: () => {} });
    setLocale('zh-CN');
  });

  it('should turn an API error body into an ApiError with code, zh-CN message and requestId', async () => {
    fetchMock.mockResolvedValue(jsonResponse(400, validationError));

    const error = await request('/reports/1', { method: 'PUT', body: {} }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe('VALIDATION_FAILED');
    expect(apiError.message).toBe('请求参数不正确');
    expect(apiError.requestId).toBe('req-7f3a');
    expect(apiError.details).toEqual(validationError.details);
    expect(apiError.fieldMessages).toEqual({ 'values.0.amountWan': '金额格式不正确' });
  });

  it('should use messageEn when the interface is in English', async () => {
    setLocale('en');
    fetchMock.mockResolvedValue(jsonResponse(400, validationError));

    const error = (await http.get('/units').catch((e: unknown) => e)) as ApiError;

    expect(error.message).toBe('The request is invalid');
    expect(error.fieldMessages).toEqual({ 'values.0.amountWan': 'Invalid amount' });
  });

  it('should keep both languages so a shown error can follow a language switch', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(409, { ...validationError, code: 'VERSION_CONFLICT' }));
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));

    const fromApi = (await http.get('/reports/1').catch((e: unknown) => e)) as ApiError;
    const fromClient = (await http.get('/reports/1').catch((e: unknown) => e)) as ApiError;

    expect(fromApi.localizedMessage('en')).toBe('The request is invalid');
    expect(fromApi.localizedMessage('zh-CN')).toBe('请求参数不正确');
    expect(fromClient.localizedMessage('en')).toBe('Network error: cannot reach the server');
    expect(fromClient.localizedMessage('zh-CN')).toBe('网络异常，无法连接服务器');
  });

  it('should send JSON to /api/v1 with the bearer token from the registered getter', async () => {
    configureHttp({ getAccessToken: () => 'token-123' });
    fetchMock.mockResolvedValue(jsonResponse(200, { id: 1 }));

    const result = await http.post<{ id: number }>('/units', { name: '经开区' });

    expect(result).toEqual({ id: 1 });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/units');
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe('{"name":"经开区"}');
    const headers = init?.headers as Record<string, string>;
    expect(headers.Authorization).toBe('Bearer token-123');
    expect(headers['Content-Type']).toBe('application/json');
    expect(headers['Accept-Language']).toBe('zh-CN');
  });

  it('should not send a token when auth is off, and use /api for raw routes', async () => {
    configureHttp({ getAccessToken: () => 'token-123' });
    fetchMock.mockResolvedValue(jsonResponse(200, { status: 'ok' }));

    await request('/health/live', { base: 'raw', auth: false });

    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/health/live');
    expect((init?.headers as Record<string, string>).Authorization).toBeUndefined();
  });

  it('should report a non-JSON error page as an HTTP error with a localized message', async () => {
    fetchMock.mockResolvedValue(
      new Response('<html>Internal error</html>', { status: 500, headers: { 'x-request-id': 'gw-1' } }),
    );

    const error = (await http.get('/units').catch((e: unknown) => e)) as ApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('HTTP_ERROR');
    expect(error.status).toBe(500);
    expect(error.message).toBe('服务器返回错误（HTTP 500）');
    expect(error.requestId).toBe('gw-1');
  });

  it('should report a bodiless gateway error as the API being unavailable', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 502 }));

    const error = (await http.get('/units').catch((e: unknown) => e)) as ApiError;

    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.status).toBe(502);
    expect(error.message).toContain('API 服务暂不可用（HTTP 502）');
  });

  it('should report a failed connection as NETWORK_ERROR with status 0', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));

    const error = (await http.get('/units').catch((e: unknown) => e)) as ApiError;

    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.status).toBe(0);
    expect(error.message).toBe('网络异常，无法连接服务器');
  });

  it('should answer with the body of an accepted non-2xx status, but still throw an error body', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(503, { status: 'error' }));
    await expect(request('/health/ready', { base: 'raw', acceptStatus: [503] })).resolves.toEqual({
      status: 'error',
    });

    fetchMock.mockResolvedValueOnce(
      jsonResponse(503, {
        code: 'SERVICE_UNAVAILABLE',
        message: '服务维护中',
        messageEn: 'Down',
        requestId: 'r',
      }),
    );
    await expect(request('/health/ready', { base: 'raw', acceptStatus: [503] })).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: '服务维护中',
    });
  });

  it('should call the unauthorized hook on a 401 to an authenticated call', async () => {
    const onUnauthorized = vi.fn();
    configureHttp({ getAccessToken: () => 'expired', onUnauthorized });
    fetchMock.mockResolvedValue(
      jsonResponse(401, {
        code: 'UNAUTHENTICATED',
        message: '请先登录',
        messageEn: 'Sign in first',
        requestId: 'r1',
      }),
    );

    await expect(http.get('/units')).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(onUnauthorized.mock.calls[0]![0]).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
  });

  it('should resend a call once with the new token when the unauthorized hook answers true', async () => {
    let token = 'old';
    const onUnauthorized = vi.fn(async (_error: ApiError, _sentToken: string) => {
      token = 'new';
      return true;
    });
    configureHttp({ getAccessToken: async () => token, onUnauthorized });
    const unauthenticated = {
      code: 'UNAUTHENTICATED',
      message: '请先登录',
      messageEn: 'Sign in',
      requestId: 'r',
    };
    fetchMock.mockResolvedValueOnce(jsonResponse(401, unauthenticated));
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { ok: true }));

    await expect(http.get('/units')).resolves.toEqual({ ok: true });

    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(onUnauthorized.mock.calls[0]![1]).toBe('old');
    const authOf = (i: number) =>
      (fetchMock.mock.calls[i]![1]?.headers as Record<string, string>).Authorization;
    expect([authOf(0), authOf(1)]).toEqual(['Bearer old', 'Bearer new']);
  });

  it('should not retry a second time when the resent call is refused too', async () => {
    const onUnauthorized = vi.fn(async () => true);
    configureHttp({ getAccessToken: () => 't', onUnauthorized });
    fetchMock.mockImplementation(async () =>
      jsonResponse(401, {
        code: 'UNAUTHENTICATED',
        message: '请先登录',
        messageEn: 'Sign in',
        requestId: 'r',
      }),
    );

    await expect(http.get('/units')).rejects.toMatchObject({ status: 401 });
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('should send an explicit bearer without asking the hooks and never retry it', async () => {
    const getAccessToken = vi.fn(() => 'hook-token');
    const onUnauthorized = vi.fn(async () => true);
    configureHttp({ getAccessToken, onUnauthorized });
    fetchMock.mockResolvedValue(
      jsonResponse(401, {
        code: 'UNAUTHENTICATED',
        message: '请先登录',
        messageEn: 'Sign in',
        requestId: 'r',
      }),
    );

    await expect(http.post('/auth/logout', {}, { bearer: 'mine' })).rejects.toBeInstanceOf(ApiError);
    expect(getAccessToken).not.toHaveBeenCalled();
    expect(onUnauthorized).not.toHaveBeenCalled();
    expect((fetchMock.mock.calls[0]![1]?.headers as Record<string, string>).Authorization).toBe(
      'Bearer mine',
    );
  });

  it('should show every API error to the error observer', async () => {
    const onApiError = vi.fn();
    configureHttp({ onApiError });
    fetchMock.mockResolvedValue(
      jsonResponse(403, {
        code: 'PASSWORD_CHANGE_REQUIRED',
        message: '请先修改密码',
        messageEn: 'Change your password',
        requestId: 'r',
      }),
    );

    await expect(http.get('/units')).rejects.toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
    expect(onApiError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'PASSWORD_CHANGE_REQUIRED', status: 403 }),
    );
  });

  it('should time out as TIMEOUT', async () => {
    vi.useFakeTimers();
    fetchMock.mockImplementation(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );

    const pending = http.get('/slow', { timeoutMs: 1000 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1000);
    const error = (await pending) as ApiError;
    vi.useRealTimers();

    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toBe('请求超时，请稍后重试');
  });

  it('should return undefined for 204 No Content', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    await expect(http.delete('/units/1')).resolves.toBeUndefined();
  });
});

describe('revalidated answers (ETag / If-None-Match)', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const ranking = { month: '2026-10', groups: [{ code: 'towns', rows: [{ unitName: '城关镇', total: '87.5' }] }] };
  const sentTag = (call: number) => new Headers(fetchMock.mock.calls[call]![1]!.headers).get('If-None-Match');

  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    forgetRevalidated();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('should send the kept tag and give the kept answer back on a 304', async () => {
    const tag = 'W/"ranking/1:plan-1:2026-10:snapshot-3-v1:group-towns"';
    fetchMock.mockResolvedValueOnce(jsonResponse(200, ranking, { ETag: tag }));
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 304, headers: { ETag: tag } }));

    const first = await http.get('/plans/1/ranking', { query: { month: '2026-10' }, revalidate: true });
    const second = await http.get('/plans/1/ranking', { query: { month: '2026-10' }, revalidate: true });

    expect(sentTag(0)).toBeNull();
    expect(sentTag(1)).toBe(tag);
    expect(second).toEqual(ranking);
    // a fresh object each time: a screen that changes its copy does not change the kept answer
    expect(second).not.toBe(first);
  });

  it('should replace the kept answer when the server sends a new one, and keep nothing without a tag', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, ranking, { ETag: 'W/"v1"' }));
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { ...ranking, month: '2026-11' }, { ETag: 'W/"v2"' }));
    fetchMock.mockResolvedValueOnce(jsonResponse(200, ranking));
    fetchMock.mockResolvedValueOnce(jsonResponse(200, ranking));

    await http.get('/plans/1/dashboard', { revalidate: true });
    await http.get('/plans/1/dashboard', { revalidate: true });
    await http.get('/plans/1/dashboard', { revalidate: true });
    await http.get('/plans/1/dashboard', { revalidate: true });

    expect([0, 1, 2, 3].map(sentTag)).toEqual([null, 'W/"v1"', 'W/"v2"', 'W/"v2"']);
  });

  it('should not revalidate other URLs, other calls or after the kept answers are forgotten', async () => {
    fetchMock.mockImplementation(async () => jsonResponse(200, ranking, { ETag: 'W/"t"' }));

    await http.get('/plans/1/ranking', { query: { month: '2026-10' }, revalidate: true });
    await http.get('/plans/1/ranking', { query: { month: '2026-09' }, revalidate: true });
    await http.get('/plans/1/ranking', { query: { month: '2026-10' } });
    forgetRevalidated();
    await http.get('/plans/1/ranking', { query: { month: '2026-10' }, revalidate: true });

    expect([0, 1, 2, 3].map(sentTag)).toEqual([null, null, null, null]);
  });
});

describe('buildUrl', () => {
  it('should drop empty query values and encode the rest', () => {
    expect(
      buildUrl('/plans/1/reports', 'v1', { month: '2025-06', unit: undefined, q: '经开 区', page: 2 }),
    ).toBe('/api/v1/plans/1/reports?month=2025-06&q=%E7%BB%8F%E5%BC%80+%E5%8C%BA&page=2');
  });
});
