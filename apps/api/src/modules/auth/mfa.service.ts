import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  type LoginResponse,
  type MfaEnrollmentStartResponse,
  type MfaRecoveryCodesResponse,
  type MfaStatusResponse,
  type MfaVerifyRequest,
} from '@pacer/shared';
import * as QRCode from 'qrcode';
import { DataSource, type EntityManager } from 'typeorm';

import type { Actor } from '../../common/auth/principal';
import { hashPassword, verifyPassword } from '../../common/auth/passwords';
import { ApiException } from '../../common/exceptions/api.exception';
import { AUTH_CONFIG, type AuthConfig } from '../../config/auth.config';
import { AuditService } from '../audit/audit.service';
import type { UserRecord } from '../users/users.types';
import { UsersService } from '../users/users.service';
import {
  accountLocked,
  mfaAlreadyEnabled,
  mfaAlreadyEnabledOnStart,
  mfaChallengeInvalid,
  mfaCodeReused,
  mfaEnrolmentNotStarted,
  mfaInvalidCode,
  mfaNotEnabled,
} from './auth.errors';
import { AuthService, isLocked, MFA_ROLES } from './auth.service';
import { MfaKeyService } from './mfa-key.service';
import { MfaRepository } from './mfa.repository';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import {
  matchTotpStep,
  newRecoveryCode,
  newTotpSecret,
  normalizeRecoveryCode,
  RECOVERY_CODE_COUNT,
  totpUri,
} from './totp';

/** A transaction's answer: a value, or an error to throw once the transaction (and what it recorded) committed. */
type Deferred<T> = { error: () => ApiException; value?: undefined } | { error?: undefined; value: T };

/** Outcome of checking a code; failures are thrown only after their transaction committed (the count must stay). */
type CodeCheck =
  | { ok: true; method: 'totp' | 'recovery' }
  | { ok: false; error: () => ApiException; reason: 'wrong_code' | 'replay' | 'locked' };

/**
 * AUTH-4: TOTP second factor. Enrolment (a new secret → confirmed by a first code), the second login step, recovery
 * codes, disabling with a code, and the sysadmin's reset. A code is accepted once (the last used step is kept);
 * wrong codes count toward the account lockout (PACER_LOCKOUT_ATTEMPTS / _MINUTES) wherever they are typed.
 */
@Injectable()
export class MfaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: MfaRepository,
    private readonly keys: MfaKeyService,
    private readonly users: UsersService,
    private readonly tokens: RefreshTokensRepository,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  async status(actor: Actor): Promise<MfaStatusResponse> {
    const principal = actor.principal!;
    const record = await this.repo.find(principal.userId);
    const enabled = !!record?.enabledAt;
    return {
      enabled,
      required: this.config.mfaRequired && principal.roles.some((r) => MFA_ROLES.includes(r)),
      enabledAt: record?.enabledAt ? new Date(record.enabledAt).toISOString() : null,
      recoveryCodesLeft: enabled ? await this.repo.countUnusedRecoveryCodes(principal.userId) : 0,
    };
  }

  /** A new secret, shown this once (QR code and manual key); it does nothing until a code confirms it. */
  async startEnrolment(actor: Actor): Promise<MfaEnrollmentStartResponse> {
    const principal = actor.principal!;
    const secret = newTotpSecret();
    await this.dataSource.transaction(async (manager) => {
      if (
        !(await this.repo.savePending(manager, principal.userId, this.keys.encrypt(principal.userId, secret)))
      ) {
        throw mfaAlreadyEnabledOnStart();
      }
      await this.audit.record(manager, actor, {
        action: 'auth.mfa.enroll',
        objectType: 'user',
        objectId: principal.userId,
      });
    });
    const otpauthUri = totpUri(secret, principal.username);
    return {
      secret,
      otpauthUri,
      qrDataUrl: await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 1, width: 220 }),
    };
  }

  /** The first code turns the pending secret on; the recovery codes are made and shown once. */
  async confirmEnrolment(actor: Actor, code: string): Promise<MfaRecoveryCodesResponse> {
    const principal = actor.principal!;
    const outcome = await this.dataSource.transaction(async (manager) => {
      const record = await this.repo.find(principal.userId, manager, true);
      if (!record || record.enabledAt) {
        throw record ? mfaAlreadyEnabled() : mfaEnrolmentNotStarted();
      }
      const step = matchTotpStep(this.keys.decrypt(principal.userId, record.secretEnc), code);
      if (step === null) {
        await this.audit.record(manager, actor, {
          action: 'auth.mfa.confirm',
          objectType: 'user',
          objectId: principal.userId,
          result: 'failure',
          detail: { reason: 'wrong_code' },
        });
        return null;
      }
      await this.repo.enable(manager, principal.userId, step);
      const recoveryCodes = await this.replaceRecoveryCodes(manager, principal.userId);
      await this.audit.record(manager, actor, {
        action: 'auth.mfa.confirm',
        objectType: 'user',
        objectId: principal.userId,
      });
      return recoveryCodes;
    });
    if (!outcome) {
      throw ApiException.field(
        'code',
        'wrong',
        '验证码错误，请核对手机上的时间后重试',
        'Wrong code; check the time on the phone and try again',
      );
    }
    return { recoveryCodes: outcome };
  }

  /** The second login step: the challenge from the password step and a code (or a recovery code) → the normal tokens. */
  async verifyLogin(actor: Actor, request: MfaVerifyRequest): Promise<LoginResponse> {
    const userId = await this.auth.verifyMfaChallenge(request.mfaToken);
    if (userId === null) throw mfaChallengeInvalid();
    if (!request.code === !request.recoveryCode) {
      throw ApiException.field(
        'code',
        'required',
        '请输入 6 位验证码或一个恢复码',
        'Enter a 6-digit code or a recovery code',
      );
    }
    const outcome = await this.dataSource.transaction(async (manager): Promise<Deferred<LoginResponse>> => {
      const user = await this.users.lockForUpdate(manager, userId);
      if (!user || !user.isActive || !(await this.repo.isEnabled(userId, manager)))
        return { error: mfaChallengeInvalid };
      const check = await this.checkCode(
        manager,
        actor,
        user,
        request.code ?? request.recoveryCode ?? '',
        'auth.mfa.verify',
      );
      if (!check.ok) return { error: check.error };
      return { value: await this.auth.startSession(manager, actor, user, { mfa: check.method }) };
    });
    if (outcome.error) throw outcome.error();
    return outcome.value;
  }

  /** New recovery codes (the old ones stop working), with a current code. */
  async regenerateRecoveryCodes(actor: Actor, code: string): Promise<MfaRecoveryCodesResponse> {
    const principal = actor.principal!;
    const outcome = await this.withOwnCode(actor, code, 'auth.mfa.recovery_codes', async (manager) => {
      const recoveryCodes = await this.replaceRecoveryCodes(manager, principal.userId);
      await this.audit.record(manager, actor, {
        action: 'auth.mfa.recovery_codes',
        objectType: 'user',
        objectId: principal.userId,
      });
      return recoveryCodes;
    });
    return { recoveryCodes: outcome };
  }

  /** Turns the own second factor off, with a current code (or a recovery code). */
  async disable(actor: Actor, code: string): Promise<void> {
    const principal = actor.principal!;
    await this.withOwnCode(actor, code, 'auth.mfa.disable', async (manager) => {
      await this.repo.remove(manager, principal.userId);
      await this.audit.record(manager, actor, {
        action: 'auth.mfa.disable',
        objectType: 'user',
        objectId: principal.userId,
      });
    });
  }

  /** A sysadmin clears another user's second factor (lost phone): audited, and every session of that user ends. */
  async reset(actor: Actor, userId: number): Promise<void> {
    const principal = actor.principal!;
    if (userId === principal.userId) {
      throw ApiException.field(
        'id',
        'self',
        '不能重置自己的两步验证，请在“账号安全”中用验证码停用',
        'You cannot reset your own two-step verification; turn it off with a code under Account security',
        HttpStatus.UNPROCESSABLE_ENTITY,
      );
    }
    await this.dataSource.transaction(async (manager) => {
      const user = await this.users.lockForUpdate(manager, userId);
      if (!user) throw ApiException.notFound('用户', 'User');
      const wasEnabled = await this.repo.remove(manager, userId);
      await this.tokens.revokeAllOfUser(manager, userId, 'mfa_reset');
      await this.audit.record(manager, actor, {
        action: 'auth.mfa.reset',
        objectType: 'user',
        objectId: userId,
        detail: { username: user.username, wasEnabled },
      });
    });
  }

  /** Runs `then` in one transaction once the caller's own code checks out; a failed check is committed, then thrown. */
  private async withOwnCode<T>(
    actor: Actor,
    code: string,
    action: string,
    then: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    const principal = actor.principal!;
    const outcome = await this.dataSource.transaction(async (manager): Promise<Deferred<T>> => {
      const user = await this.users.lockForUpdate(manager, principal.userId);
      if (!user || !(await this.repo.isEnabled(principal.userId, manager))) throw mfaNotEnabled();
      // the success is audited by `then`, as the change it makes
      const check = await this.checkCode(manager, actor, user, code, action, false);
      if (!check.ok) return { error: check.error };
      return { value: await then(manager) };
    });
    if (outcome.error) throw outcome.error();
    return outcome.value;
  }

  /**
   * A 6-digit code (once per time step) or an unused recovery code. A wrong or replayed one is audited and counts
   * toward the account lockout; a locked account checks no code at all.
   */
  private async checkCode(
    manager: EntityManager,
    actor: Actor,
    user: UserRecord,
    input: string,
    action: string,
    auditSuccess = true,
  ): Promise<CodeCheck> {
    const who = { objectType: 'user', objectId: user.id, userId: user.id, username: user.username } as const;
    if (isLocked(user)) {
      await this.audit.record(manager, actor, {
        action,
        ...who,
        result: 'denied',
        detail: { reason: 'locked', lockedUntil: user.lockedUntil },
      });
      return { ok: false, error: () => accountLocked(this.config.lockoutMinutes), reason: 'locked' };
    }
    const text = input.trim();
    let failure: 'wrong_code' | 'replay' = 'wrong_code';
    if (/^\d{6}$/.test(text)) {
      const record = (await this.repo.find(user.id, manager, true))!;
      const step = matchTotpStep(this.keys.decrypt(user.id, record.secretEnc), text);
      if (step !== null) {
        if (await this.repo.useStep(manager, user.id, step)) {
          if (auditSuccess)
            await this.audit.record(manager, actor, { action, ...who, detail: { method: 'totp' } });
          return { ok: true, method: 'totp' };
        }
        failure = 'replay';
      }
    } else {
      const recovery = normalizeRecoveryCode(text);
      if (recovery) {
        for (const candidate of await this.repo.unusedRecoveryCodes(manager, user.id)) {
          if (
            (await verifyPassword(candidate.codeHash, recovery)) &&
            (await this.repo.markRecoveryCodeUsed(manager, candidate.id))
          ) {
            const left = (await this.repo.unusedRecoveryCodes(manager, user.id)).length;
            await this.audit.record(manager, actor, {
              action: 'auth.mfa.recovery_used',
              ...who,
              detail: { left, during: action },
            });
            if (auditSuccess)
              await this.audit.record(manager, actor, { action, ...who, detail: { method: 'recovery' } });
            return { ok: true, method: 'recovery' };
          }
        }
      }
    }
    const lockedUntil = await this.users.recordFailedLogin(manager, user.id);
    await this.audit.record(manager, actor, {
      action,
      ...who,
      result: failure === 'replay' ? 'denied' : 'failure',
      detail: { reason: failure, lockedUntil },
    });
    return { ok: false, error: failure === 'replay' ? mfaCodeReused : mfaInvalidCode, reason: failure };
  }

  private async replaceRecoveryCodes(manager: EntityManager, userId: number): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const hashes = await Promise.all(codes.map((code) => hashPassword(code)));
    await this.repo.replaceRecoveryCodes(manager, userId, hashes);
    return codes;
  }
}
