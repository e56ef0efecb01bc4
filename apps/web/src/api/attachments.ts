import type { AttachmentRow, AttachmentsResponse, UploadAttachmentRequest } from '@pacer/shared';

import { getLocale } from '@/locales';

import { downloadFile, httpError, parseJson } from './excel';
import { ApiError, buildUrl, ClientErrorCode, clientMessages, getAccessToken, http, request } from './http';

/** `GET /projects/:id/attachments`: the files, the limits and the checklist against the plan's required documents. */
export function fetchAttachments(
  projectId: number,
  planId: number | null,
  includeRemoved = false,
): Promise<AttachmentsResponse> {
  return http.get<AttachmentsResponse>(`/projects/${projectId}/attachments`, {
    query: { planId: planId ?? undefined, includeRemoved: includeRemoved || undefined },
  });
}

/** Uploads one file (multipart; XMLHttpRequest for the progress). The text fields go first, then the file. */
export async function uploadAttachment(
  projectId: number,
  fields: UploadAttachmentRequest,
  file: File,
  onProgress?: (percent: number) => void,
): Promise<AttachmentRow> {
  const token = await getAccessToken();
  const data = new FormData();
  data.append('kind', fields.kind);
  if (fields.eventId !== undefined) data.append('eventId', String(fields.eventId));
  if (fields.fundMonth !== undefined) data.append('fundMonth', fields.fundMonth);
  if (fields.note) data.append('note', fields.note);
  data.append('file', file, file.name);
  return new Promise<AttachmentRow>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(`/projects/${projectId}/attachments`));
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', getLocale());
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) {
        onProgress?.(Math.min(100, Math.round((event.loaded / event.total) * 100)));
      }
    };
    xhr.onerror = () =>
      reject(new ApiError({ status: 0, code: ClientErrorCode.Network, ...clientMessages('errors.network') }));
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body === 'object')
        resolve(body as AttachmentRow);
      else reject(httpError(xhr.status, body));
    };
    xhr.send(data);
  });
}

/** The file's bytes with the bearer token (for thumbnails and the PDF preview: shown from a blob: URL). */
export async function fetchAttachmentBlob(id: number): Promise<Blob> {
  const token = await getAccessToken();
  const headers: Record<string, string> = { 'Accept-Language': getLocale() };
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(buildUrl(`/attachments/${id}`), { headers });
  } catch {
    throw new ApiError({ status: 0, code: ClientErrorCode.Network, ...clientMessages('errors.network') });
  }
  if (!response.ok) throw httpError(response.status, parseJson(await response.text()));
  return response.blob();
}

/** Saves the file under its stored name. */
export function downloadAttachment(row: Pick<AttachmentRow, 'id' | 'fileName'>): Promise<void> {
  return downloadFile(`/attachments/${row.id}`, {}, row.fileName);
}

/** Soft removal with a reason (the file stays for the audit trail). */
export function removeAttachment(id: number, reason: string): Promise<AttachmentRow> {
  return request<AttachmentRow>(`/attachments/${id}`, { method: 'DELETE', body: { reason } });
}
