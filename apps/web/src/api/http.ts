import { ErrorCode } from '@pacer/shared';
import type { ApiErrorBody, ErrorDetail } from '@pacer/shared';

import { getLocale, i18n } from '@/locales';
import type { AppLocale } from '@/locales';

/** Business routes (DESIGN.md §6). */
export const API_BASE = '/api/v1';
/** Unversioned routes such as `/api/health/ready`. */
export const RAW_API_BASE = '/api';

/** Codes the client itself produces when there is no API error body to read. */
export const ClientErrorCode = {
  Network: 'NETWORK_ERROR',
  Timeout: 'TIMEOUT',
  Http: 'HTTP_ERROR',
  InvalidResponse: 'INVALID_RESPONSE',
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

export interface ApiErrorInit {
  status: number;
  code: string;
  /** zh-CN message. */
  message: string;
  /** English message; the zh-CN one stands in when the API sent none. */
  messageEn?: string;
  requestId?: string | null;
  details?: readonly ErrorDetail[];
}

/**
 * Every failed call rejects with this: the API's error body, or a client-made one with the same fields.
 * `message` is in the locale current when the error was made; both texts are kept so a screen that
 * still shows the error after a language switch can call `localizedMessage()`.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;
  readonly details: readonly ErrorDetail[];
  readonly messageZh: string;
  readonly messageEn: string;

  constructor(init: ApiErrorInit) {
    const messageEn = init.messageEn || init.message;
    super(getLocale() === 'en' ? messageEn : init.message);
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId ?? null;
    this.details = init.details ?? [];
    this.messageZh = init.message;
    this.messageEn = messageEn;
  }

  localizedMessage(locale: AppLocale = getLocale()): string {
    return locale === 'en' ? this.messageEn : this.messageZh;
  }

  /** Per-field messages in the current locale, for form validation display. */
  get fieldMessages(): Record<string, string> {
    const english = getLocale() === 'en';
    return Object.fromEntries(
      this.details.map((d) => [d.field, english && d.messageEn ? d.messageEn : d.message]),
    );
  }
}

/** Both language versions of a client-side message, in the shape of the API's error body. */
export function clientMessages(
  key: string,
  named: Record<string, unknown> = {},
): { message: string; messageEn: string } {
  return {
    message: i18n.global.t(key, named, { locale: 'zh-CN' }),
    messageEn: i18n.global.t(key, named, { locale: 'en' }),
  };
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return typeof body.code === 'string' && typeof body.message === 'string';
}

/** The API sends both languages; ApiError picks the one the user reads. */
export function apiErrorFromBody(status: number, body: ApiErrorBody): ApiError {
  return new ApiError({
    status,
    code: body.code,
    message: body.message,
    messageEn: body.messageEn,
    requestId: body.requestId ?? null,
    details: body.details ?? [],
  });
}

export interface HttpHooks {
  /**
   * Returns the bearer token; the auth store registers this so http.ts never imports a store.
   * It may be async: the store refreshes a token about to expire before handing it out.
   */
  getAccessToken: () => string | null | undefined | Promise<string | null | undefined>;
  /**
   * Called on a 401 from an authenticated call with the token that was sent. Resolving `true` means
   * "a fresh token is available": the call is sent once more. Anything else lets the 401 through.
   */
  onUnauthorized: (error: ApiError, sentToken: string) => boolean | void | Promise<boolean | void>;
  /** Sees every error the API answered (e.g. PASSWORD_CHANGE_REQUIRED), before the caller does. */
  onApiError: (error: ApiError) => void;
}

const hooks: HttpHooks = {
  getAccessToken: () => null,
  onUnauthorized: () => {},
  onApiError: () => {},
};

export function configureHttp(partial: Partial<HttpHooks>): void {
  Object.assign(hooks, partial);
}

/** The bearer token for calls made outside `request` (file downloads, uploads with progress). */
export async function getAccessToken(): Promise<string | null> {
  return (await hooks.getAccessToken()) ?? null;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  body?: unknown;
  /** `v1` → /api/v1 (default), `raw` → /api. */
  base?: 'v1' | 'raw';
  /** Send the bearer token (default true). */
  auth?: boolean;
  /**
   * Send this token instead of asking the hook, and never refresh-and-retry on a 401
   * (logout sends the token of the session it ends).
   */
  bearer?: string;
  /** Refresh once and resend on a 401 (default true). */
  retryUnauthorized?: boolean;
  /** Non-2xx statuses whose body is an answer, not a failure (health answers 503 with its report). */
  acceptStatus?: readonly number[];
  signal?: AbortSignal;
  /** Default 15 s; 0 disables. */
  timeoutMs?: number;
  /**
   * A GET whose answer carries an ETag (rankings, the dashboard: up to ~16 MB for a province): the last answer of
   * the URL is kept and its tag sent as If-None-Match; a 304 gives the kept answer back, without the transfer.
   */
  revalidate?: boolean;
}

/** The last answers of revalidated URLs, most recent last: a few at most (their text is kept, not objects). */
const REVALIDATED_KEPT = 4;
const revalidated = new Map<string, { etag: string; text: string }>();

/** Forget every kept answer (on logout: the next user starts with nothing of the last one's). */
export function forgetRevalidated(): void {
  revalidated.clear();
}

function keepRevalidated(url: string, etag: string, text: string): void {
  revalidated.delete(url);
  revalidated.set(url, { etag, text });
  while (revalidated.size > REVALIDATED_KEPT) revalidated.delete(revalidated.keys().next().value!);
}

const DEFAULT_TIMEOUT_MS = 15_000;

export function buildUrl(
  path: string,
  base: 'v1' | 'raw' = 'v1',
  query?: Record<string, QueryValue>,
): string {
  const prefix = base === 'raw' ? RAW_API_BASE : API_BASE;
  let url = `${prefix}${path.startsWith('/') ? path : `/${path}`}`;
  if (query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== null && value !== undefined) params.append(key, String(value));
    }
    const text = params.toString();
    if (text) url += `?${text}`;
  }
  return url;
}

function parseBody(text: string): { json: unknown; isJson: boolean } {
  if (!text) return { json: undefined, isJson: false };
  try {
    return { json: JSON.parse(text), isJson: true };
  } catch {
    return { json: text, isJson: false };
  }
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const {
    method = 'GET',
    body,
    base = 'v1',
    auth = true,
    acceptStatus = [],
    timeoutMs = DEFAULT_TIMEOUT_MS,
  } = options;
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': getLocale() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = options.bearer ?? (auth ? await hooks.getAccessToken() : null);
  if (token) headers.Authorization = `Bearer ${token}`;
  const url = buildUrl(path, base, options.query);
  const revalidate = options.revalidate === true && method === 'GET';
  const kept = revalidate ? revalidated.get(url) : undefined;
  if (kept) headers['If-None-Match'] = kept.etag;

  // One controller for both the caller's signal and our timeout, so either can stop the fetch.
  const controller = new AbortController();
  let timedOut = false;
  const timer =
    timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs)
      : undefined;
  const onCallerAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });

  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
    });
  } catch (cause) {
    // A caller who aborted does not want an error message; let the AbortError through.
    if (options.signal?.aborted) throw cause;
    const code = timedOut ? ClientErrorCode.Timeout : ClientErrorCode.Network;
    throw new ApiError({
      status: 0,
      code,
      ...clientMessages(timedOut ? 'errors.timeout' : 'errors.network'),
    });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }

  // the server checked that the caller may see it, and it is what we kept: the kept answer, parsed anew
  if (response.status === 304 && kept) {
    keepRevalidated(url, kept.etag, kept.text);
    return JSON.parse(kept.text) as T;
  }
  const text = response.status === 204 ? '' : await response.text();
  const { json, isJson } = parseBody(text);
  const headerRequestId = response.headers.get('x-request-id');
  const etag = response.headers.get('etag');
  if (revalidate && response.ok && isJson && etag) keepRevalidated(url, etag, text);

  if (response.ok || acceptStatus.includes(response.status)) {
    // An error body is an error even on an accepted status.
    if (!response.ok && isApiErrorBody(json)) throw apiErrorFromBody(response.status, json);
    if (json !== undefined && !isJson) {
      throw new ApiError({
        status: response.status,
        code: ClientErrorCode.InvalidResponse,
        ...clientMessages('errors.invalidResponse'),
        requestId: headerRequestId,
      });
    }
    return json as T;
  }

  const error = isApiErrorBody(json)
    ? apiErrorFromBody(response.status, json)
    : fallbackError(response.status, headerRequestId);
  const mayRetry = options.bearer === undefined && options.retryUnauthorized !== false;
  if (response.status === 401 && token && mayRetry) {
    // One retry at most: the resent call carries retryUnauthorized: false.
    if ((await hooks.onUnauthorized(error, token)) === true) {
      return request<T>(path, { ...options, retryUnauthorized: false });
    }
  }
  if (isApiErrorBody(json)) hooks.onApiError(error);
  throw error;
}

// Gateway statuses without an API body: the proxy answered because the API did not.
const GATEWAY_STATUSES = [502, 503, 504];

function fallbackError(status: number, requestId: string | null): ApiError {
  const isGateway = GATEWAY_STATUSES.includes(status);
  return new ApiError({
    status,
    code: isGateway ? ErrorCode.ServiceUnavailable : ClientErrorCode.Http,
    ...clientMessages(isGateway ? 'errors.unavailable' : 'errors.http', { status }),
    requestId,
  });
}

type BodylessOptions = Omit<RequestOptions, 'method' | 'body'>;

export const http = {
  get: <T>(path: string, options?: BodylessOptions) => request<T>(path, { ...options, method: 'GET' }),
  post: <T>(path: string, body?: unknown, options?: BodylessOptions) =>
    request<T>(path, { ...options, method: 'POST', body }),
  put: <T>(path: string, body?: unknown, options?: BodylessOptions) =>
    request<T>(path, { ...options, method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown, options?: BodylessOptions) =>
    request<T>(path, { ...options, method: 'PATCH', body }),
  delete: <T>(path: string, options?: BodylessOptions) => request<T>(path, { ...options, method: 'DELETE' }),
};
