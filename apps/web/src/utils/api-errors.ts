import type { ErrorCode } from '@pacer/shared';

import { ApiError } from '@/api/http';
import type { ClientErrorCode } from '@/api/http';
import { getLocale } from '@/locales';
import type { AppLocale } from '@/locales';

/** The message of any failure in the reader's language (an ApiError keeps both). */
export function errorMessage(error: unknown, locale: AppLocale = getLocale()): string {
  if (error instanceof ApiError) return error.localizedMessage(locale);
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The API's per-field messages (details[].field → message) in the reader's language. */
export function fieldMessages(error: unknown, locale: AppLocale = getLocale()): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const result: Record<string, string> = {};
  for (const d of error.details) {
    const text = locale === 'en' && d.messageEn ? d.messageEn : d.message;
    result[d.field] = result[d.field] ? `${result[d.field]}；${text}` : text;
  }
  return result;
}

/** True for an ApiError, optionally of one code (a shared `ErrorCode` or a client-made one) and one status. */
export function isApiError(
  error: unknown,
  code?: ErrorCode | ClientErrorCode,
  status?: number,
): error is ApiError {
  if (!(error instanceof ApiError)) return false;
  if (code !== undefined && error.code !== code) return false;
  if (status !== undefined && error.status !== status) return false;
  return true;
}
