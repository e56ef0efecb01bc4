import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface RefreshTokenRecord {
  id: string;
  userId: number;
  familyId: string;
  familyStartedAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

/** The current (unused, unrevoked) token of a session family: what the session list shows of it. */
export interface SessionTokenRecord {
  familyId: string;
  familyStartedAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

const SESSION_COLUMNS = `family_id AS "familyId", family_started_at AS "familyStartedAt", last_used_at AS "lastUsedAt",
  expires_at AS "expiresAt", ip, user_agent AS "userAgent"`;

@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    token: { id: string; userId: number; familyId: string; tokenHash: string; familyStartedAt: Date; expiresAt: Date; ip: string | null; userAgent: string | null },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO refresh_token (id, user_id, family_id, token_hash, family_started_at, expires_at, ip, user_agent)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [token.id, token.userId, token.familyId, token.tokenHash, token.familyStartedAt, token.expiresAt, token.ip, token.userAgent],
    );
  }

  /** Locks the row: two refreshes with the same token cannot both succeed. */
  async findByHashForUpdate(manager: EntityManager, tokenHash: string): Promise<RefreshTokenRecord | null> {
    const rows = await manager.query(
      `SELECT id, user_id AS "userId", family_id AS "familyId", family_started_at AS "familyStartedAt",
              last_used_at AS "lastUsedAt", expires_at AS "expiresAt", used_at AS "usedAt", revoked_at AS "revokedAt"
         FROM refresh_token WHERE token_hash = $1 FOR UPDATE`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  /**
   * The user's session families that are not revoked, one row each: a family holds exactly one token that is neither
   * used nor revoked (login inserts it; a refresh marks it used and inserts the next in one transaction). Whether the
   * session is still within its idle and absolute limits is the caller's test (sessionEndsAt). `forUpdate` locks the
   * rows, so a refresh of one of them waits for the caller's transaction.
   */
  async currentTokensOfUser(manager: EntityManager, userId: number, forUpdate = false): Promise<SessionTokenRecord[]> {
    return manager.query(
      `SELECT ${SESSION_COLUMNS} FROM refresh_token
        WHERE user_id = $1 AND revoked_at IS NULL AND used_at IS NULL
        ORDER BY last_used_at DESC, family_started_at DESC ${forUpdate ? 'FOR UPDATE' : ''}`,
      [userId],
    );
  }

  /**
   * The newest token of one family of the user, its unrevoked tokens locked; null when there is no such family, it is
   * another user's, or it has ended. Used tokens are locked too: a refresh that rotated the current token just before
   * still leaves the family found (and revokeFamily then ends the token it inserted).
   */
  async lockFamilyOfUser(manager: EntityManager, userId: number, familyId: string): Promise<SessionTokenRecord | null> {
    const rows = await manager.query(
      `SELECT ${SESSION_COLUMNS} FROM refresh_token
        WHERE user_id = $1 AND family_id = $2::uuid AND revoked_at IS NULL
        ORDER BY used_at IS NULL DESC, created_at DESC FOR UPDATE`,
      [userId, familyId],
    );
    return rows[0] ?? null;
  }

  async markUsed(manager: EntityManager, id: string): Promise<void> {
    await manager.query('UPDATE refresh_token SET used_at = now(), last_used_at = now() WHERE id = $1', [id]);
  }

  async revokeFamily(manager: EntityManager, familyId: string, reason: string): Promise<void> {
    await manager.query(
      'UPDATE refresh_token SET revoked_at = now(), revoked_reason = $2 WHERE family_id = $1 AND revoked_at IS NULL',
      [familyId, reason],
    );
  }

  async revokeAllOfUser(manager: EntityManager, userId: number, reason: string, exceptFamilyId?: string | null): Promise<void> {
    await manager.query(
      `UPDATE refresh_token SET revoked_at = now(), revoked_reason = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR family_id <> $3::uuid)`,
      [userId, reason, exceptFamilyId ?? null],
    );
  }
}
