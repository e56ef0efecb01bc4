import type {
  CreateProjectRequest,
  DeleteProjectRequest,
  DuplicatesQuery,
  DuplicatesResponse,
  Page,
  PendingSharesResponse,
  ProjectDetail,
  ProjectEventRequest,
  ProjectFundRow,
  ProjectRow,
  ProjectSaveResponse,
  ProjectsQuery,
  PutFundRequest,
  ShareDecisionRequest,
  UpdateProjectRequest,
} from '@pacer/shared';

import { http, request, type QueryValue } from './http';

function toQuery(query: object): Record<string, QueryValue> {
  return query as Record<string, QueryValue>;
}

/** 项目台账: filtered, paged and sorted on the server. */
export function fetchProjects(query: ProjectsQuery, signal?: AbortSignal): Promise<Page<ProjectRow>> {
  return http.get<Page<ProjectRow>>('/projects', { query: toQuery(query), signal });
}

export function fetchProject(id: number, signal?: AbortSignal): Promise<ProjectDetail> {
  return http.get<ProjectDetail>(`/projects/${id}`, { signal });
}

/** Possible duplicates in every unit and year, asked while the form is being filled. */
export function fetchDuplicates(query: DuplicatesQuery, signal?: AbortSignal): Promise<DuplicatesResponse> {
  return http.get<DuplicatesResponse>('/projects/duplicates', { query: toQuery(query), signal });
}

export function createProject(body: CreateProjectRequest): Promise<ProjectSaveResponse> {
  return http.post<ProjectSaveResponse>('/projects', body);
}

export function updateProject(id: number, body: UpdateProjectRequest): Promise<ProjectSaveResponse> {
  return http.patch<ProjectSaveResponse>(`/projects/${id}`, body);
}

/** Soft delete with a reason; the row stays with who, when and why. */
export function deleteProject(id: number, body: DeleteProjectRequest): Promise<void> {
  // DELETE with a JSON body: the version and the reason travel with it.
  return request<void>(`/projects/${id}`, { method: 'DELETE', body });
}

/** A stage change; an earlier date or a step back is a correction and answers 422 without a reason. */
export function addProjectEvent(id: number, body: ProjectEventRequest): Promise<ProjectDetail> {
  return http.post<ProjectDetail>(`/projects/${id}/events`, body);
}

/** 到位资金 of a month; `version` when the month already has a figure. */
export function putProjectFund(id: number, month: string, body: PutFundRequest): Promise<ProjectFundRow> {
  return http.put<ProjectFundRow>(`/projects/${id}/funds/${month}`, body);
}

/** 待确认分成: shares proposed to the caller's units (an admin: every unit). */
export function fetchPendingShares(signal?: AbortSignal): Promise<PendingSharesResponse> {
  return http.get<PendingSharesResponse>('/projects/pending-shares', { signal });
}

/** Confirm or decline (with a reason) a pending share of `unitId`; answers the project. */
export function decideShare(
  projectId: number,
  unitId: number,
  body: ShareDecisionRequest,
): Promise<ProjectDetail> {
  return http.post<ProjectDetail>(`/projects/${projectId}/shares/${unitId}/decision`, body);
}
