import type { Timestamp } from './common.js';

export interface AuditEventRow {
  id: string;
  at: Timestamp;
  userId: number | null;
  username: string | null;
  roles: string[];
  unitIds: number[];
  ip: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  result: 'success' | 'failure' | 'denied';
  requestId: string | null;
  before: unknown;
  after: unknown;
  detail: unknown;
}

export interface AuditQuery {
  from?: string;
  to?: string;
  userId?: number;
  action?: string;
  objectType?: string;
  objectId?: string;
  page?: number;
  pageSize?: number;
}
