import type { ImportCommitResponse, ImportJob, ImportKind, ImportPreview } from '@pacer/shared';

import { getLocale } from '@/locales';

import {
  ApiError,
  apiErrorFromBody,
  buildUrl,
  ClientErrorCode,
  clientMessages,
  getAccessToken,
  http,
  isApiErrorBody,
  type QueryValue,
} from './http';

/**
 * The file name of a download: RFC 5987 `filename*=UTF-8''…` (the Chinese name) wins over the
 * plain `filename="…"` (an ASCII fallback); null when the header names no file.
 */
export function fileNameFromDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([^;]+)/i.exec(header);
  if (extended) {
    const value = extended[1]!.trim().replace(/^"(.*)"$/, '$1');
    const match = /^([\w-]*)'[^']*'(.*)$/.exec(value);
    const encoded = match ? match[2]! : value;
    try {
      const name = decodeURIComponent(encoded);
      if (name) return name;
    } catch {
      // A malformed escape: fall back to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header);
  if (!plain) return null;
  const name = plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain[1]!.trim();
  return name || null;
}

export function httpError(status: number, body: unknown): ApiError {
  if (isApiErrorBody(body)) return apiErrorFromBody(status, body);
  return new ApiError({ status, code: ClientErrorCode.Http, ...clientMessages('errors.http', { status }) });
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoke later: some browsers start reading the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Downloads an .xlsx (template or export) with the bearer token and saves it under the server's name. */
export async function downloadFile(
  path: string,
  query: Record<string, QueryValue>,
  fallbackName: string,
): Promise<void> {
  const token = await getAccessToken();
  const headers: Record<string, string> = { 'Accept-Language': getLocale() };
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, 'v1', query), { headers });
  } catch {
    throw new ApiError({ status: 0, code: ClientErrorCode.Network, ...clientMessages('errors.network') });
  }
  if (!response.ok) {
    throw httpError(response.status, parseJson(await response.text()));
  }
  const blob = await response.blob();
  saveBlob(blob, fileNameFromDisposition(response.headers.get('content-disposition')) ?? fallbackName);
}

export interface ImportForm {
  file: File;
  planId: number;
  /** Reports only. */
  month?: string | null;
}

/** Uploads a sheet for a preview; XMLHttpRequest because fetch reports no upload progress. */
export async function uploadImport(
  kind: ImportKind,
  form: ImportForm,
  onProgress?: (percent: number) => void,
): Promise<ImportPreview> {
  const token = await getAccessToken();
  const data = new FormData();
  data.append('file', form.file, form.file.name);
  data.append('planId', String(form.planId));
  if (form.month) data.append('month', form.month);
  return new Promise<ImportPreview>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(`/imports/${kind}`));
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
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body === 'object') {
        onProgress?.(100);
        resolve(body as ImportPreview);
      } else {
        reject(httpError(xhr.status, body));
      }
    };
    xhr.send(data);
  });
}

export function commitImport(id: string): Promise<ImportCommitResponse> {
  return http.post<ImportCommitResponse>(`/imports/${encodeURIComponent(id)}/commit`, undefined, {
    timeoutMs: 120_000,
  });
}

/** `POST /imports/:id/jobs`: the commit runs on the server; 202 at once with the job to poll. */
export function startImportJob(id: string): Promise<ImportJob> {
  return http.post<ImportJob>(`/imports/${encodeURIComponent(id)}/jobs`);
}

/** `GET /imports/:id`: the batch's latest job (phase and rows written, then its result or error). */
export async function fetchImportJob(batchId: string): Promise<ImportJob | null> {
  return (await http.get<ImportPreview>(`/imports/${encodeURIComponent(batchId)}`)).job ?? null;
}

/** `GET /templates/{kind}.xlsx`. */
export function downloadTemplate(kind: ImportKind, planId: number, month?: string | null): Promise<void> {
  return downloadFile(`/templates/${kind}.xlsx`, { planId, month }, `${kind}-template.xlsx`);
}
