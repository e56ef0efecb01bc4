import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { type ApiErrorBody, ErrorCode, type ErrorDetail } from '@pacer/shared';
import type { Request, Response } from 'express';

import { ApiException } from '../exceptions/api.exception';
import { describeFailedQuery, isQueryError } from '../logging/sql-logger';

const BY_STATUS: Record<number, { code: ErrorCode; zh: string; en: string }> = {
  400: { code: ErrorCode.ValidationFailed, zh: '请求有误', en: 'Bad request' },
  401: { code: ErrorCode.Unauthenticated, zh: '请先登录', en: 'Authentication required' },
  403: { code: ErrorCode.Forbidden, zh: '没有权限执行此操作', en: 'Forbidden' },
  404: { code: ErrorCode.NotFound, zh: '资源不存在', en: 'Not found' },
  409: { code: ErrorCode.Conflict, zh: '与现有数据冲突', en: 'Conflict' },
  413: { code: ErrorCode.PayloadTooLarge, zh: '请求内容过大', en: 'Payload too large' },
  415: {
    code: ErrorCode.UnsupportedMediaType,
    zh: '不支持的请求字符集或编码，请发送 UTF-8 编码的 JSON',
    en: 'Unsupported charset or content encoding; send UTF-8 JSON',
  },
  422: { code: ErrorCode.BusinessRule, zh: '不符合业务规则', en: 'Business rule violated' },
  429: { code: ErrorCode.TooManyRequests, zh: '请求过于频繁，请稍后再试', en: 'Too many requests' },
  503: { code: ErrorCode.ServiceUnavailable, zh: '服务暂不可用', en: 'Service unavailable' },
};

/** What body-parser throws (it is not an HttpException). */
interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
}

/**
 * One error format for the whole API: `{ code, message, messageEn, requestId, details? }`.
 * Never a stack trace or SQL text in the answer; the log carries the full error under the same request id.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<Request & { id?: string }>();
    const response = ctx.getResponse<Response>();
    const requestId = String(request.id ?? response.getHeader('x-request-id') ?? '');
    const { status, body } = this.toBody(exception, request);
    if (status >= 500 && status !== HttpStatus.SERVICE_UNAVAILABLE) {
      // a failed statement is logged with its parameters redacted (count and types), never their values
      const err = isQueryError(exception) ? describeFailedQuery(exception) : { err: exception };
      this.logger.error({ ...err, requestId, path: request.originalUrl }, 'unhandled error');
    }
    if (response.headersSent) return;
    // an error is never cached, even one raised before the /api no-store middleware ran (body parser: 400, 413)
    response.setHeader('Cache-Control', 'no-store');
    response.status(status).json({ ...body, requestId } satisfies ApiErrorBody);
  }

  private toBody(exception: unknown, request: Request): { status: number; body: Omit<ApiErrorBody, 'requestId'> } {
    if (exception instanceof ApiException) {
      return {
        status: exception.getStatus(),
        body: {
          code: exception.code,
          message: exception.messageZh,
          messageEn: exception.messageEn,
          ...(exception.details ? { details: exception.details } : {}),
        },
      };
    }
    // Nest wraps body-parser's errors (malformed JSON, too large) in an HttpException with the original as cause
    const parser = ((exception as BodyParserError)?.type ? exception : (exception as { cause?: unknown })?.cause) as
      | BodyParserError
      | undefined;
    if (parser?.type === 'entity.parse.failed') {
      return {
        status: 400,
        body: { code: ErrorCode.MalformedJson, message: '请求体不是有效的 JSON', messageEn: 'Malformed JSON body' },
      };
    }
    if (parser?.type === 'entity.too.large') {
      return {
        status: 413,
        body: { code: ErrorCode.PayloadTooLarge, message: '请求内容过大', messageEn: 'Request body too large' },
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const known = BY_STATUS[status] ?? { code: ErrorCode.Internal, zh: '请求失败', en: 'Request failed' };
      // terminus answers 503 with the health details: keep them for the probes
      const extra =
        raw && typeof raw === 'object' && 'status' in raw && ('details' in raw || 'error' in raw)
          ? (raw as Record<string, unknown>)
          : {};
      const isRouteMiss = status === 404 && !(raw as { code?: string })?.code && /^Cannot /.test(exception.message);
      return {
        status,
        body: {
          ...extra,
          code: isRouteMiss ? ErrorCode.RouteNotFound : known.code,
          message: isRouteMiss ? `接口不存在：${request.method} ${pathOf(request)}` : known.zh,
          messageEn: isRouteMiss ? `No route ${request.method} ${pathOf(request)}` : (known.en ?? exception.message),
          ...(this.detailsOf(raw) ? { details: this.detailsOf(raw) } : {}),
        },
      };
    }
    const status = parser?.status ?? parser?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const known = BY_STATUS[status] ?? BY_STATUS[400]!;
      return { status, body: { code: known.code, message: known.zh, messageEn: known.en } };
    }
    return {
      status: 500,
      body: { code: ErrorCode.Internal, message: '服务器内部错误，请联系管理员', messageEn: 'Internal server error' },
    };
  }

  private detailsOf(raw: unknown): ErrorDetail[] | undefined {
    const details = (raw as { details?: unknown })?.details;
    return Array.isArray(details) ? (details as ErrorDetail[]) : undefined;
  }
}

function pathOf(request: Request): string {
  return (request.originalUrl ?? request.url).split('?')[0] ?? '';
}
