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
