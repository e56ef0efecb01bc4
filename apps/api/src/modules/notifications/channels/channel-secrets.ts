import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { CHANNELS_CONFIG, type ChannelsConfig } from '../../../config/channels.config';

const FORMAT = 'v1';
const AAD = Buffer.from('notification_channel');

/**
 * Encrypts the channels' secrets at rest (企业微信 key, 钉钉 access_token and 加签 secret, webhook URL): AES-256-GCM
 * with PACER_CHANNEL_KEY, or a key generated once and kept in the database (then a dump alone still holds them, so
 * production sets PACER_CHANNEL_KEY). Like the MFA secrets (auth/mfa-key.service.ts).
 */
@Injectable()
export class ChannelSecrets implements OnModuleInit {
  private key: Buffer | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CHANNELS_CONFIG) private readonly config: ChannelsConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    let text = this.config.channelKey;
    if (!text) {
      await this.dataSource.query(
        `INSERT INTO app_setting (key, value) VALUES ('notifications.channel_key', to_jsonb($1::text))
         ON CONFLICT (key) DO NOTHING`,
        [randomBytes(48).toString('base64url')],
      );
      const rows = await this.dataSource.query(
        `SELECT value #>> '{}' AS key FROM app_setting WHERE key = 'notifications.channel_key'`,
      );
      text = rows[0].key as string;
    }
    this.key = createHash('sha256').update(`pacer-channel:${text}`).digest();
  }

  encrypt(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.requireKey(), iv);
    cipher.setAAD(AAD);
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [FORMAT, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(':');
  }

  decrypt(stored: string): string {
    const [format, iv, tag, body] = stored.split(':');
    if (format !== FORMAT || !iv || !tag || !body) throw new Error('unknown channel secret format');
    const decipher = createDecipheriv('aes-256-gcm', this.requireKey(), Buffer.from(iv, 'base64url'));
    decipher.setAAD(AAD);
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  private requireKey(): Buffer {
    if (!this.key) throw new Error('channel key not loaded yet');
    return this.key;
  }
}
