import type { LeadStatus } from '@pacer/shared';

/** The tag colour of a lead's status, wherever a lead is listed (线索, a company's page). */
export const LEAD_STATUS_TAG: Readonly<Record<LeadStatus, 'info' | 'primary' | 'success' | 'warning'>> = {
  new: 'info',
  negotiating: 'primary',
  signed: 'success',
  shelved: 'warning',
};
