import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

import { affectedRows } from '../../common/database/query-result';

export interface MfaRecord {
  userId: number;
  secretEnc: string;
  enabledAt: Date | null;
  /** bigint: pg answers a string. */
  lastUsedStep: string | null;
}

export interface RecoveryCodeRecord {
  id: number;
  codeHash: string;
}

const MFA_COLUMNS = `user_id AS "userId", secret_enc AS "secretEnc", enabled_at AS "enabledAt", last_used_step AS "lastUsedStep"`;

/** user_mfa and user_mfa_recovery_code (AUTH-4), and login_throttle (AUTH-3's lockout of unknown ids). */
@Injectable()
export class MfaRepository {
  constructor(private readonly dataSource: DataSource) {}

  private q(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  async find(userId: number, manager?: EntityManager, forUpdate = false): Promise<MfaRecord | null> {
    const rows = await this.q(manager).query(
      `SELECT ${MFA_COLUMNS} FROM user_mfa WHERE user_id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [userId],
    );
    return rows[0] ?? null;
  }

  async isEnabled(userId: number, manager?: EntityManager): Promise<boolean> {
    const rows = await this.q(manager).query(
      'SELECT 1 FROM user_mfa WHERE user_id = $1 AND enabled_at IS NOT NULL',
      [userId],
    );
    return rows.length > 0;
  }

  /** A new pending enrolment (replaces an earlier unconfirmed one; never an enabled one). */
  async savePending(manager: EntityManager, userId: number, secretEnc: string): Promise<boolean> {
    const rows = await manager.query(
      `INSERT INTO user_mfa (user_id, secret_enc) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET secret_enc = EXCLUDED.secret_enc, last_used_step = NULL, updated_at = now()
         WHERE user_mfa.enabled_at IS NULL
       RETURNING user_id`,
      [userId, secretEnc],
    );
    return rows.length > 0;
  }

  async enable(manager: EntityManager, userId: number, step: number): Promise<void> {
    await manager.query(
      'UPDATE user_mfa SET enabled_at = now(), last_used_step = $2, updated_at = now() WHERE user_id = $1',
      [userId, step],
    );
  }

  /** Records an accepted step; false when that step (or a later one) was already used: a replay. */
  async useStep(manager: EntityManager, userId: number, step: number): Promise<boolean> {
    const result = await manager.query(
      `UPDATE user_mfa SET last_used_step = $2, updated_at = now()
        WHERE user_id = $1 AND (last_used_step IS NULL OR last_used_step < $2)`,
      [userId, step],
    );
    return affectedRows(result) === 1;
  }

  /** Removes the second factor and every recovery code; whether there was an enabled one. */
  async remove(manager: EntityManager, userId: number): Promise<boolean> {
    await manager.query('DELETE FROM user_mfa_recovery_code WHERE user_id = $1', [userId]);
    const rows = await manager.query(
      'DELETE FROM user_mfa WHERE user_id = $1 RETURNING enabled_at AS "enabledAt"',
      [userId],
    );
    const deleted = Array.isArray(rows[0]) ? rows[0] : rows;
    return deleted.some((r: { enabledAt: Date | null }) => r.enabledAt !== null);
  }

  async replaceRecoveryCodes(manager: EntityManager, userId: number, hashes: string[]): Promise<void> {
    await manager.query('DELETE FROM user_mfa_recovery_code WHERE user_id = $1', [userId]);
    await manager.query(
      'INSERT INTO user_mfa_recovery_code (user_id, code_hash) SELECT $1, unnest($2::text[])',
      [userId, hashes],
    );
  }

  async unusedRecoveryCodes(manager: EntityManager, userId: number): Promise<RecoveryCodeRecord[]> {
    return manager.query(
      'SELECT id, code_hash AS "codeHash" FROM user_mfa_recovery_code WHERE user_id = $1 AND used_at IS NULL ORDER BY id FOR UPDATE',
      [userId],
    );
  }

  async countUnusedRecoveryCodes(userId: number): Promise<number> {
    const rows = await this.dataSource.query(
      'SELECT count(*)::int AS n FROM user_mfa_recovery_code WHERE user_id = $1 AND used_at IS NULL',
      [userId],
    );
    return rows[0]?.n ?? 0;
  }

  async markRecoveryCodeUsed(manager: EntityManager, id: number): Promise<boolean> {
    const result = await manager.query(
      'UPDATE user_mfa_recovery_code SET used_at = now() WHERE id = $1 AND used_at IS NULL',
      [id],
    );
    return affectedRows(result) === 1;
  }

  /** When an unknown login id is locked until, if it is. */
  async unknownIdLockedUntil(loginId: string): Promise<Date | null> {
    const rows = await this.dataSource.query(
      'SELECT locked_until AS "lockedUntil" FROM login_throttle WHERE login_id = lower($1) AND locked_until > now()',
      [loginId],
    );
    return rows[0]?.lockedUntil ?? null;
  }

  /** The same count-and-lock rule as app_user's (UsersRepository.recordFailedLogin), for an id with no account. */
  async recordUnknownIdFailure(
    manager: EntityManager,
    loginId: string,
    lockAfter: number,
    lockMinutes: number,
  ): Promise<Date | null> {
    const rows = await manager.query(
      `INSERT INTO login_throttle AS t (login_id, failed_logins, locked_until)
       VALUES (lower($1), 1, CASE WHEN 1 >= $2 THEN now() + make_interval(mins => $3) END)
       ON CONFLICT (login_id) DO UPDATE SET
         failed_logins = t.failed_logins + 1,
         locked_until = CASE WHEN t.failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE t.locked_until END,
         updated_at = now()
       RETURNING locked_until AS "lockedUntil"`,
      [loginId, lockAfter, lockMinutes],
    );
    return rows[0]?.lockedUntil ?? null;
  }
}
