import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Work another module does when an administrator resets a user's password, in the reset's transaction. */
export type PasswordResetListener = (manager: EntityManager, userId: number) => Promise<unknown>;

/**
 * What follows a change of an account, for the modules that own data about it: the auth module ends the user's
 * sessions on a password reset (AUTH-6; refresh tokens are the auth module's table). They register here, so the users
 * module depends on none of them. Listeners run in the caller's transaction, one after the other, and a failure
 * fails the change (nothing is half-written).
 */
@Injectable()
export class AccountHooks {
  private readonly passwordResetListeners: PasswordResetListener[] = [];

  onPasswordReset(listener: PasswordResetListener): void {
    this.passwordResetListeners.push(listener);
  }

  async passwordReset(manager: EntityManager, userId: number): Promise<void> {
    for (const listener of this.passwordResetListeners) await listener(manager, userId);
  }
}
