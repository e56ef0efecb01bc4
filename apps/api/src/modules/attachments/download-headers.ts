import { ATTACHMENT_MIME, type AttachmentRow } from '@pacer/shared';

/**
 * The headers of a download: the stored type (never text/html, whatever the name says), nosniff, inline only for
 * what a browser shows safely (PDF, JPEG, PNG), the name in RFC 5987 form for Chinese names with an ASCII fallback,
 * and a sandboxing CSP so that even a PDF viewer or an image opened alone runs nothing from the file.
 */
export function downloadHeaders(
  row: Pick<AttachmentRow, 'type' | 'fileName' | 'sizeBytes' | 'isInline' | 'sha256'>,
): Record<string, string> {
  const ascii = row.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const disposition = row.isInline ? 'inline' : 'attachment';
  return {
    'Content-Type': ATTACHMENT_MIME[row.type],
    'Content-Length': String(row.sizeBytes),
    'Content-Disposition': `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(row.fileName)}`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
    ETag: `"${row.sha256}"`,
  };
}

/** RFC 5987 value-chars: percent-encode everything but attr-char. */
export function encodeRfc5987(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
