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
  /** Login with an unknown login id or a wrong password (401); the same answer either way (AUTH-3). */
  InvalidCredentials: 'INVALID_CREDENTIALS',
  /** Login to an account (or unknown id) locked after too many failures (401); the message names the minutes. */
  AccountLocked: 'ACCOUNT_LOCKED',
  /** A refresh token that is unknown, expired, revoked or reused (401): log in again. */
  InvalidRefreshToken: 'INVALID_REFRESH_TOKEN',
  /** Any route but the password change while the account must change its password (403, first login or reset). */
  PasswordChangeRequired: 'PASSWORD_CHANGE_REQUIRED',
  /** Filling a report, closing a month or recording a scoring entry in a closed plan (422). */
  PlanClosed: 'PLAN_CLOSED',
  /** Reminding units to report in a plan that is not published (draft or closed) (422). */
  PlanNotPublished: 'PLAN_NOT_PUBLISHED',
  /** Saving or submitting a report that is submitted or approved (422): it needs a return or an unlock first. */
  ReportNotEditable: 'REPORT_NOT_EDITABLE',
  /** A workflow step (submit, approve, return, unlock) the report's status does not allow (422). */
  ReportWrongStatus: 'REPORT_WRONG_STATUS',
  /** Submitting a report with a reported indicator that has no value for the month (422, one detail each). */
  ReportIncomplete: 'REPORT_INCOMPLETE',
  /**
   * Saving figures that look implausible (above the annual target, far above the unit's usual month) without
   * `confirmWarnings` (422, one detail per figure): confirm and the report is flagged for the reviewer.
   */
  ReportNeedsConfirmation: 'REPORT_NEEDS_CONFIRMATION',

  /** Excel import: the upload is not an .xlsx workbook (legacy .xls, encrypted, corrupt) (400). */
  ImportNotXlsx: 'IMPORT_NOT_XLSX',
  /** Excel import: the file is over the upload size limit (413). */
  ImportTooLarge: 'IMPORT_TOO_LARGE',
  /** Excel import: the workbook expands beyond the unzipped limit, or is ZIP64 (413). */
  ImportZipBomb: 'IMPORT_ZIP_BOMB',
  /** Excel import: the workbook has macros or ActiveX controls (422). */
  ImportMacros: 'IMPORT_MACROS',
  /** Excel import: a cell holds a formula (422, naming the sheet and cell). */
  ImportFormula: 'IMPORT_FORMULA',
  /** Excel import: a sheet has more rows (or validated/merged cells) than the limit (413). */
  ImportTooManyRows: 'IMPORT_TOO_MANY_ROWS',
  /** Excel import: the multipart request has no `file` (400). */
  ImportNoFile: 'IMPORT_NO_FILE',
  /** Excel import: reserved for a workbook that is not the kind's template; not answered today (a wrong sheet is a problem). */
  ImportWrongTemplate: 'IMPORT_WRONG_TEMPLATE',
  /** Excel import: the preview or the commit found problems in cells; nothing was written (422, one detail each). */
  ImportHasProblems: 'IMPORT_HAS_PROBLEMS',
  /** Excel import: the data changed between the preview and the commit; upload again (409). */
  ImportStale: 'IMPORT_STALE',
  /** Excel import: another import job of the same plan is still running; wait for it to finish (409). */
  ImportJobRunning: 'IMPORT_JOB_RUNNING',
  /** Excel import: the job died with its process (a restart or a kill) and its transaction rolled back: nothing was written (reported by the job, not answered). */
  ImportJobInterrupted: 'IMPORT_JOB_INTERRUPTED',
  /** An API key (`Authorization: Bearer pk_…`) that no service account holds (401). */
  ApiKeyInvalid: 'API_KEY_INVALID',
  /** An API key whose service account is past its expiry (401): the sysadmin creates a new one. */
  ApiKeyExpired: 'API_KEY_EXPIRED',
  /** An API key whose service account the sysadmin revoked (401). */
  ApiKeyRevoked: 'API_KEY_REVOKED',
  /** A service account asked for a permission a machine client may not hold (administrator powers, self) (422). */
  ServiceAccountPermissionNotAllowed: 'SERVICE_ACCOUNT_PERMISSION_NOT_ALLOWED',
  /** A service account's expiry in the past or beyond the configured maximum (422). */
  ServiceAccountExpiryOutOfRange: 'SERVICE_ACCOUNT_EXPIRY_OUT_OF_RANGE',
  /** Revoking a service account that is already revoked (409). */
  ServiceAccountRevoked: 'SERVICE_ACCOUNT_REVOKED',
  /** A notification channel (企业微信/钉钉 robot, webhook) configured with a missing or malformed field (422). */
  NotificationChannelInvalid: 'NOTIFICATION_CHANNEL_INVALID',
  /** A second 企业微信 or 钉钉 enterprise app: the deployment has one of each (409). */
  NotificationChannelExists: 'NOTIFICATION_CHANNEL_EXISTS',
  /** A 企业微信 UserID / 钉钉 userid already mapped to another user (409). */
  ChannelAccountTaken: 'CHANNEL_ACCOUNT_TAKEN',
  /** A 认定 decision on an event that is not pending (409): it was decided meanwhile. */
  VerificationNotPending: 'VERIFICATION_NOT_PENDING',
  /** An appeal of an event that is not 不予认定, or a second appeal (409): an appeal is once, and final. */
  VerificationAppealNotAllowed: 'VERIFICATION_APPEAL_NOT_ALLOWED',
  /** Attachment: the multipart request has no `file` part, or more than one (400). */
  AttachmentNoFile: 'ATTACHMENT_NO_FILE',
  /** Attachment: the bytes are none of the accepted types (PDF, JPEG, PNG, HEIC, docx/xlsx/pptx), e.g. an executable (415). */
  AttachmentTypeRefused: 'ATTACHMENT_TYPE_REFUSED',
  /** Attachment: the file name's extension disagrees with the content (a .pdf that is a PNG) (415). */
  AttachmentTypeMismatch: 'ATTACHMENT_TYPE_MISMATCH',
  /** Attachment: a file that is two formats at once (a PDF or image with a zip or HTML inside), or active content (415). */
  AttachmentHostile: 'ATTACHMENT_HOSTILE',
  /** Attachment: an Office file that expands beyond the limit (zip bomb), is ZIP64, has macros or is corrupt (413/415). */
  AttachmentZipBomb: 'ATTACHMENT_ZIP_BOMB',
  /** Attachment: the file is over the per-file limit (413). */
  AttachmentTooLarge: 'ATTACHMENT_TOO_LARGE',
  /** Attachment: the project's attachments would exceed the per-project limit (413). */
  AttachmentProjectFull: 'ATTACHMENT_PROJECT_FULL',
  /** Attachment: the upload ended before the file did (the client aborted, or the body is cut) (400). */
  AttachmentIncomplete: 'ATTACHMENT_INCOMPLETE',
  /** Attachment: removing one already removed (409). */
  AttachmentRemoved: 'ATTACHMENT_REMOVED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
