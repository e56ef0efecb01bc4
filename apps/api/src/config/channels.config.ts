import { type Env, parseEnv } from './env.schema';

/** 企业微信 / 钉钉 / webhook channels and their delivery worker (issue 13 point 3). */
export interface ChannelsConfig {
  /** Run the delivery worker's timer in this process (PACER_JOBS); push() wakes it wherever it runs. */
  workerEnabled: boolean;
  wecomBaseUrl: string;
  dingtalkBaseUrl: string;
  publicUrl: string | null;
  intervalMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  timeoutMs: number;
  /** Delay before a 钉钉 工作通知's receipt is first asked for. */
  receiptDelayMs: number;
  channelKey: string | null;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

export function channelsConfigFrom(env: Env): ChannelsConfig {
  return {
    workerEnabled: env.PACER_JOBS,
    wecomBaseUrl: trimSlash(env.PACER_WECOM_BASE_URL),
    dingtalkBaseUrl: trimSlash(env.PACER_DINGTALK_BASE_URL),
    publicUrl: env.PACER_PUBLIC_URL ? trimSlash(env.PACER_PUBLIC_URL) : null,
    intervalMs: env.PACER_DELIVERY_INTERVAL_SECONDS * 1000,
    maxAttempts: env.PACER_DELIVERY_MAX_ATTEMPTS,
    retryBaseMs: env.PACER_DELIVERY_RETRY_SECONDS * 1000,
    timeoutMs: env.PACER_WEBHOOK_TIMEOUT_MS,
    receiptDelayMs: env.PACER_DINGTALK_RECEIPT_SECONDS * 1000,
    channelKey: env.PACER_CHANNEL_KEY ?? null,
  };
}

export const CHANNELS_CONFIG = Symbol('CHANNELS_CONFIG');

export function loadChannelsConfig(): ChannelsConfig {
  return channelsConfigFrom(parseEnv(process.env));
}
