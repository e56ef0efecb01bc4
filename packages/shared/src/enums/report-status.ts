/** Monthly report workflow: draft → submitted → approved, or returned (back to draft with a reason). */
export const ReportStatus = {
  Draft: 'draft',
  Submitted: 'submitted',
  Approved: 'approved',
  Returned: 'returned',
} as const;
export type ReportStatus = (typeof ReportStatus)[keyof typeof ReportStatus];
export const REPORT_STATUSES: readonly ReportStatus[] = Object.values(ReportStatus);

/**
 * Statuses in which a report's values and texts may still change (a returned report is edited like a draft): the
 * one list the API's workflow, its SQL (reminders: who is not in yet), the Excel import and the web form all read.
 */
export const EDITABLE_REPORT_STATUSES: readonly ReportStatus[] = [ReportStatus.Draft, ReportStatus.Returned];

export function isEditableReportStatus(status: string): boolean {
  return (EDITABLE_REPORT_STATUSES as readonly string[]).includes(status);
}
