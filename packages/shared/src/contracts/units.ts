import type { Timestamp } from './common.js';

export interface UnitRow {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  category: string;
  parentId: number | null;
  sortOrder: number;
  isActive: boolean;
  /** 0 for a root. */
  depth: number;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  version: number;
}

export interface UnitTreeNode extends UnitRow {
  children: UnitTreeNode[];
}

export interface UnitsResponse {
  items: UnitRow[];
}

export interface CreateUnitRequest {
  code: string;
  name: string;
  shortName?: string;
  category: string;
  parentId?: number | null;
  sortOrder?: number;
}

export interface UpdateUnitRequest {
  version: number;
  name?: string;
  shortName?: string | null;
  category?: string;
  parentId?: number | null;
  sortOrder?: number;
  isActive?: boolean;
}
