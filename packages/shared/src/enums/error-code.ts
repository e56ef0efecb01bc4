/** Stable error codes of the `{ code, message, requestId, details? }` error body. */
export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  MalformedJson: 'MALFORMED_JSON',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  /** A body in a charset or content encoding the API does not read (send UTF-8 JSON). */
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
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
  /** AC-6: the roles break 三员分立 (two administrator roles, or one with leader/reporter). */
  RoleConflict: 'ROLE_CONFLICT',
  /** AC-6: an account's own roles, units, active flag or password reset are changed by another administrator. */
  SelfChangeForbidden: 'SELF_CHANGE_FORBIDDEN',
  /** AUTH-2: the new password breaks the password policy. */
  PasswordPolicy: 'PASSWORD_POLICY',
  /** The plan requires four-eyes approval and the caller last submitted the report (409). */
  FourEyesRequired: 'FOUR_EYES_REQUIRED',
  /** A project share decision on a share that is not pending (409). */
  ShareNotPending: 'SHARE_NOT_PENDING',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
