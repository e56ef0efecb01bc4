import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { AUTH_CONFIG, type AuthConfig } from '../../config/auth.config';

const FORMAT = 'v1';

/**
 * Encrypts the TOTP secrets at rest (AES-256-GCM, the user id as associated data so a row copied to another user
 * does not decrypt). The key is PACER_MFA_KEY when given, otherwise one generated once and kept in the database
 * (like the JWT key): then a database dump alone still holds every secret, so production deployments set it.
 */
@Injectable()
export class MfaKeyService implements OnModuleInit {
  private key: Buffer | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    let text = this.config.mfaKey;
    if (!text) {
      await this.dataSource.query(
        `INSERT INTO app_setting (key, value) VALUES ('auth.mfa_key', to_jsonb($1::text)) ON CONFLICT (key) DO NOTHING`,
        [randomBytes(48).toString('base64url')],
      );
      const rows = await this.dataSource.query(
        `SELECT value #>> '{}' AS key FROM app_setting WHERE key = 'auth.mfa_key'`,
      );
      text = rows[0].key as string;
    }
    this.key = createHash('sha256').update(`pacer-mfa:${text}`).digest();
  }

  encrypt(userId: number, secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.requireKey(), iv);
    cipher.setAAD(Buffer.from(String(userId)));
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [
      FORMAT,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      body.toString('base64url'),
    ].join(':');
  }

  decrypt(userId: number, stored: string): string {
    const [format, iv, tag, body] = stored.split(':');
    if (format !== FORMAT || !iv || !tag || !body) throw new Error('unknown MFA secret format');
    const decipher = createDecipheriv('aes-256-gcm', this.requireKey(), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(String(userId)));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  private requireKey(): Buffer {
    if (!this.key) throw new Error('MFA key not loaded yet');
    return this.key;
  }
}
