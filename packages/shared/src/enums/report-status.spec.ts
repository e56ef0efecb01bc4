import { EDITABLE_REPORT_STATUSES, isEditableReportStatus, REPORT_STATUSES } from './report-status.js';

describe('EDITABLE_REPORT_STATUSES', () => {
  it('should list the statuses whose figures and texts may still change: a draft, and a returned report', () => {
    expect(EDITABLE_REPORT_STATUSES).toEqual(['draft', 'returned']);
    expect(REPORT_STATUSES.filter(isEditableReportStatus)).toEqual(['draft', 'returned']);
    expect(isEditableReportStatus('submitted')).toBe(false);
    expect(isEditableReportStatus('approved')).toBe(false);
  });
});
