import { type Env, parseEnv } from '../../config/env.schema';

/** Limits of attachments, from the environment (docs/attachments.md). */
export interface AttachmentLimits {
  maxFileBytes: number;
  maxProjectBytes: number;
  maxUnzippedBytes: number;
  maxEntries: number;
}

export const ATTACHMENT_LIMITS = Symbol('ATTACHMENT_LIMITS');

export function attachmentLimitsFrom(env: Env): AttachmentLimits {
  return {
    maxFileBytes: env.PACER_ATTACHMENT_MAX_BYTES,
    maxProjectBytes: env.PACER_ATTACHMENT_PROJECT_MAX_BYTES,
    maxUnzippedBytes: env.PACER_ATTACHMENT_MAX_UNZIPPED_BYTES,
    maxEntries: 5000,
  };
}

export function loadAttachmentConfig(): { limits: AttachmentLimits; env: Env } {
  const env = parseEnv(process.env);
  return { limits: attachmentLimitsFrom(env), env };
}
