/** Monthly report workflow: draft → submitted → approved, or returned (back to draft with a reason). */
export const ReportStatus = {
  Draft: 'draft',
  Submitted: 'submitted',
  Approved: 'approved',
  Returned: 'returned',
} as const;
export type ReportStatus = (typeof ReportStatus)[keyof typeof ReportStatus];
export const REPORT_STATUSES: readonly ReportStatus[] = Object.values(ReportStatus);
