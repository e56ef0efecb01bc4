/** Stable error codes of the `{ code, message, requestId, details? }` error body. */
export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  MalformedJson: 'MALFORMED_JSON',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  RouteNotFound: 'ROUTE_NOT_FOUND',
  Conflict: 'CONFLICT',
  VersionConflict: 'VERSION_CONFLICT',
  BusinessRule: 'BUSINESS_RULE_VIOLATION',
  TooManyRequests: 'TOO_MANY_REQUESTS',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  Internal: 'INTERNAL_ERROR',
  /** AUTH-4: the deployment requires MFA for this role and the account has none yet. */
  MfaEnrolmentRequired: 'MFA_ENROLMENT_REQUIRED',
  MfaInvalidCode: 'MFA_INVALID_CODE',
  MfaCodeReused: 'MFA_CODE_REUSED',
  MfaChallengeInvalid: 'MFA_CHALLENGE_INVALID',
  MfaAlreadyEnabled: 'MFA_ALREADY_ENABLED',
  MfaNotEnabled: 'MFA_NOT_ENABLED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
