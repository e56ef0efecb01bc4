import type { ErrorCode } from '../enums/error-code.js';

/** One problem with one field of a request. */
export interface ErrorDetail {
  /** Dotted path of the field, e.g. `values.0.amountWan`. */
  field: string;
  /** Machine-readable reason, e.g. `isDecimalString`. */
  code: string;
  /** Human message in zh-CN. */
  message: string;
  /** The same message in English. */
  messageEn: string;
}

/** Every error the API answers has this shape. */
export interface ApiErrorBody {
  /** Always a member of `ErrorCode` (the API's exception and filter are typed so). */
  code: ErrorCode;
  /** zh-CN message (the default language of the product). */
  message: string;
  /** English message. */
  messageEn: string;
  requestId: string;
  details?: ErrorDetail[];
}
