import type { AuditBrokenLink, AuditEventRow } from '@pacer/shared';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** Actions the API writes today; each has a label under `admin.audit.actions` (dots become underscores). */
export const KNOWN_AUDIT_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.refresh',
  'auth.denied',
  'auth.password.change',
  'auth.password.expired',
  'auth.session.end',
  'auth.session.end_all',
  'auth.mfa.enroll',
  'auth.mfa.confirm',
  'auth.mfa.challenge',
  'auth.mfa.verify',
  'auth.mfa.recovery_used',
  'auth.mfa.recovery_codes',
  'auth.mfa.disable',
  'auth.mfa.reset',
  'user.bootstrap',
  'user.create',
  'user.update',
  'user.password.reset',
  'user.roles.grant',
  'user.roles.revoke',
  'unit.create',
  'unit.update',
  'plan.create',
  'plan.update',
  'indicator.create',
  'indicator.update',
  'targets.put',
  'report.open_month',
  'report.create',
  'report.update',
  'report.submit',
  'report.approve',
  'report.return',
  'report.unlock',
  'project.create',
  'project.update',
  'project.delete',
  'project.event',
  'project.fund',
  'project.import',
  'project.share.confirm',
  'project.share.decline',
  'month.close',
  'audit.purge',
  'briefing.generate',
  'briefing.publish',
  'demo.seed',
  'export.targets',
  'export.progress',
  'export.reports',
  'export.projects',
  'export.audit',
  'export.ranking',
  'export.briefing',
  'import.commit',
  'ranking.close',
  'ranking.reclose',
  'report.mark_late',
  'report.remind',
  'scoring_entry.create',
  'scoring_entry.delete',
  'ytd_summary.drift',
  'service_account.create',
  'service_account.revoke',
  'service_account.use',
  'notification_channel.create',
  'notification_channel.update',
  'notification_channel.test',
  'notification_channel.account',
] as const;

export const KNOWN_OBJECT_TYPES = [
  'user',
  'unit',
  'route',
  'plan',
  'indicator',
  'target',
  'report',
  'project',
  'month',
  'audit_event',
  'briefing',
  'import_batch',
  'ranking_snapshot',
  'scoring_entry',
  'notification',
  'session',
  'service_account',
  'notification_channel',
] as const;

const ACTIONS: ReadonlySet<string> = new Set(KNOWN_AUDIT_ACTIONS);
const OBJECT_TYPES: ReadonlySet<string> = new Set(KNOWN_OBJECT_TYPES);

/** i18n key of an action's label, or null for an action this version does not know (shown as its code). */
export function auditActionKey(action: string): string | null {
  return ACTIONS.has(action) ? `admin.audit.actions.${action.replaceAll('.', '_')}` : null;
}

export function auditActionLabel(action: string, t: Translate): string {
  const key = auditActionKey(action);
  return key ? t(key) : action;
}

export function objectTypeLabel(objectType: string, t: Translate): string {
  return OBJECT_TYPES.has(objectType) ? t(`admin.audit.objectTypes.${objectType}`) : objectType;
}

export type AuditResult = AuditEventRow['result'];

/** Element Plus tag type per result: a denial is a security signal, a failure a warning. */
export const AUDIT_RESULT_TAG: Record<AuditResult, 'success' | 'warning' | 'danger'> = {
  success: 'success',
  failure: 'warning',
  denied: 'danger',
};

export function auditResultLabel(result: string, t: Translate): string {
  return result in AUDIT_RESULT_TAG ? t(`admin.audit.results.${result}`) : result;
}

/** Before/after/detail as readable JSON; null when there is nothing to show. */
export function prettyJson(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return JSON.stringify(value, null, 2);
}

export interface JsonLine {
  text: string;
  /** The line belongs to a top-level key whose value differs on the other side. */
  isChanged: boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `value` as pretty JSON lines, the top-level keys that differ from `other` marked, so the
 * before/after columns show at a glance what a change changed. Non-objects are one unmarked block.
 */
export function jsonDiffLines(value: unknown, other: unknown): JsonLine[] {
  const text = prettyJson(value);
  if (text === null) return [];
  if (!isPlainObject(value)) return text.split('\n').map((line) => ({ text: line, isChanged: false }));
  const against = isPlainObject(other) ? other : {};
  const keys = Object.keys(value);
  const lines: JsonLine[] = [{ text: '{', isChanged: false }];
  keys.forEach((key, index) => {
    const isChanged = JSON.stringify(value[key]) !== JSON.stringify(against[key]);
    const rendered = `  ${JSON.stringify(key)}: ${JSON.stringify(value[key], null, 2).replaceAll('\n', '\n  ')}`;
    const withComma = index < keys.length - 1 ? `${rendered},` : rendered;
    for (const line of withComma.split('\n')) lines.push({ text: line, isChanged });
  });
  lines.push({ text: '}', isChanged: false });
  return lines;
}

/** One broken range of `GET /audit/verify` (AUD-4) as a line: which records, and why. */
export function brokenRangeText(range: AuditBrokenLink, t: Translate): string {
  const where =
    range.rows === 1
      ? t('admin.audit.brokenRange', { from: range.fromId })
      : t('admin.audit.brokenRangeMany', { from: range.fromId, to: range.toId, rows: range.rows });
  return t('admin.audit.brokenLine', { where, reason: t(`admin.audit.breakReasons.${range.reason.replace('+', '_')}`) });
}
