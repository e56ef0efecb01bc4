import { createSecretKey, type KeyObject, randomBytes } from 'node:crypto';

import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { AUTH_CONFIG, type AuthConfig } from '../../config/auth.config';

/**
 * The access tokens' HMAC key: PACER_JWT_SECRET when given, otherwise one generated once and kept in
 * the database, so that every replica (and a restart) verifies the same tokens.
 */
@Injectable()
export class JwtKeyService implements OnModuleInit {
  private secret = '';
  private keyObject: KeyObject | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.jwtSecret) {
      this.secret = this.config.jwtSecret;
      return;
    }
    const generated = randomBytes(48).toString('base64url');
    await this.dataSource.query(
      `INSERT INTO app_setting (key, value) VALUES ('auth.jwt_secret', to_jsonb($1::text)) ON CONFLICT (key) DO NOTHING`,
      [generated],
    );
    const rows = await this.dataSource.query(`SELECT value #>> '{}' AS secret FROM app_setting WHERE key = 'auth.jwt_secret'`);
    this.secret = rows[0].secret;
  }

  get key(): string {
    if (!this.secret) throw new Error('JWT key not loaded yet');
    return this.secret;
  }

  /**
   * The same key as a KeyObject (the same bytes: tokens are unchanged). Given a string, jsonwebtoken first tries to
   * parse it as a PEM public key and builds a secret key only when that throws: ~20% of an authenticated request's
   * CPU time in the profile (docs/benchmarks.md, throughput).
   */
  get hmacKey(): KeyObject {
    this.keyObject ??= createSecretKey(Buffer.from(this.key, 'utf8'));
    return this.keyObject;
  }
}
