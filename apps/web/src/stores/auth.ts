import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

import type {
  ChangePasswordRequest,
  CurrentUser,
  LoginResponse,
  MfaChallengeResponse,
  MfaVerifyRequest,
  Permission,
  Role,
} from '@pacer/shared';
import { ErrorCode, isMfaChallenge } from '@pacer/shared';

import * as authApi from '@/api/auth';
import { ApiError, configureHttp, forgetRevalidated } from '@/api/http';

/** sessionStorage: the session survives a reload of the tab, but not closing it, and is not shared with other tabs. */
export const SESSION_STORAGE_KEY = 'pacer.session';

/** A token this close to its expiry is refreshed before it is sent, instead of after the 401 it would earn. */
export const REFRESH_MARGIN_MS = 30_000;

/** What the password step gives: the user signed in, or the second step still to do (AUTH-4). */
export type LoginOutcome = { user: CurrentUser; challenge?: undefined } | { challenge: MfaChallengeResponse; user?: undefined };

interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms, from the client's own clock when the token arrived, so server clock skew does not matter. */
  expiresAt: number;
  user: CurrentUser;
}

/** Why the session ended: the login page greets an expired session differently from a chosen logout. */
export type SessionEndReason = 'logout' | 'expired';

function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  const user = s.user as Record<string, unknown> | null | undefined;
  return (
    typeof s.accessToken === 'string' &&
    typeof s.refreshToken === 'string' &&
    typeof s.expiresAt === 'number' &&
    typeof user === 'object' &&
    user !== null &&
    typeof user.username === 'string' &&
    Array.isArray(user.roles) &&
    Array.isArray(user.permissions)
  );
}

function readStoredSession(): StoredSession | null {
  try {
    const text = globalThis.sessionStorage?.getItem(SESSION_STORAGE_KEY);
    if (!text) return null;
    const parsed: unknown = JSON.parse(text);
    return isStoredSession(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function writeStoredSession(session: StoredSession | null): void {
  try {
    if (session) globalThis.sessionStorage?.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
    else globalThis.sessionStorage?.removeItem(SESSION_STORAGE_KEY);
  } catch {
    // Storage disabled: the session lives in memory for this page only.
  }
}

/** A refresh the server refused (token used, revoked, expired, user disabled) ends the session; a network failure does not. */
function isRefusal(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500;
}

export const useAuthStore = defineStore('auth', () => {
  const session = ref<StoredSession | null>(readStoredSession());
  /** True once the user was read from the server in this page load (login answer or GET /auth/me). */
  const isUserLoaded = ref(false);
  const endReason = ref<SessionEndReason | null>(null);

  const user = computed<CurrentUser | null>(() => session.value?.user ?? null);
  const isAuthenticated = computed(() => session.value !== null);
  const mustChangePassword = computed(() => session.value?.user.mustChangePassword === true);
  const mustEnrollMfa = computed(() => session.value?.user.mustEnrollMfa === true);
  const roles = computed<readonly Role[]>(() => session.value?.user.roles ?? []);
  const permissions = computed(() => new Set<Permission>(session.value?.user.permissions ?? []));

  function hasPermission(permission: Permission): boolean {
    return permissions.value.has(permission);
  }

  function save(next: StoredSession | null): void {
    session.value = next;
    writeStoredSession(next);
  }

  function applyLogin(response: LoginResponse): void {
    save({
      accessToken: response.accessToken,
      refreshToken: response.refreshToken,
      expiresAt: Date.now() + response.expiresIn * 1000,
      user: response.user,
    });
    isUserLoaded.value = true;
    endReason.value = null;
  }

  function end(reason: SessionEndReason): void {
    save(null);
    // kept rankings and dashboards go with the session
    forgetRevalidated();
    isUserLoaded.value = false;
    endReason.value = reason;
  }

  function updateUser(patch: Partial<CurrentUser>): void {
    if (session.value) save({ ...session.value, user: { ...session.value.user, ...patch } });
  }

  async function login(username: string, password: string): Promise<LoginOutcome> {
    const response = await authApi.login({ username, password });
    if (isMfaChallenge(response)) return { challenge: response };
    applyLogin(response);
    return { user: response.user };
  }

  /** The second login step: the challenge and a 6-digit code or a recovery code. */
  async function verifyMfa(body: MfaVerifyRequest): Promise<CurrentUser> {
    const response = await authApi.verifyMfa(body);
    applyLogin(response);
    return response.user;
  }

  let refreshing: Promise<boolean> | null = null;

  /**
   * Rotates the refresh token. Single-flight: callers arriving while a refresh runs share it, because
   * the refresh token is single-use and a second use would end the whole session family (SES-2).
   * Resolves whether a new access token is in place.
   */
  function refresh(): Promise<boolean> {
    if (refreshing) return refreshing;
    const current = session.value;
    if (!current) return Promise.resolve(false);
    refreshing = (async () => {
      try {
        const response = await authApi.refreshSession(current.refreshToken);
        // Logged out (or in as someone else) meanwhile: do not bring the old session back.
        if (session.value?.refreshToken !== current.refreshToken) return false;
        applyLogin(response);
        return true;
      } catch (error) {
        if (isRefusal(error) && session.value?.refreshToken === current.refreshToken) end('expired');
        return false;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  }

  /** The token for the next call: waits for a running refresh, refreshes one about to expire. */
  async function accessTokenForRequest(): Promise<string | null> {
    if (refreshing) await refreshing;
    const current = session.value;
    if (!current) return null;
    if (current.expiresAt - Date.now() < REFRESH_MARGIN_MS) await refresh();
    return session.value?.accessToken ?? null;
  }

  /** A call was refused with `sentToken`: retry if a newer token exists or a refresh produces one. */
  async function handleUnauthorized(sentToken: string): Promise<boolean> {
    if (refreshing) return refreshing;
    const current = session.value;
    if (!current) return false;
    if (current.accessToken !== sentToken) return true;
    return refresh();
  }

  function handleApiError(error: ApiError): void {
    // An admin reset the password while this session was open: every call now answers 403 until it is changed.
    if (error.code === ErrorCode.PasswordChangeRequired && session.value && !mustChangePassword.value) {
      updateUser({ mustChangePassword: true });
    }
    // The deployment started requiring MFA for this role while the session was open.
    if (error.code === ErrorCode.MfaEnrolmentRequired && session.value && !mustEnrollMfa.value) {
      updateUser({ mustEnrollMfa: true });
    }
  }

  /** Re-reads the user (roles, units and permissions may have changed since the login, AUTH-7). */
  async function loadCurrentUser(): Promise<CurrentUser | null> {
    if (!session.value) return null;
    const fresh = await authApi.fetchCurrentUser();
    if (session.value) {
      updateUser(fresh);
      isUserLoaded.value = true;
    }
    return user.value;
  }

  async function changePassword(body: ChangePasswordRequest): Promise<void> {
    await authApi.changePassword(body);
    updateUser({ mustChangePassword: false });
  }

  /** Ends the session here at once, then asks the server to revoke it; a failed call changes nothing for the user. */
  async function logout(): Promise<void> {
    const current = session.value;
    end('logout');
    if (!current) return;
    try {
      await authApi.logout(current.refreshToken, current.accessToken);
    } catch {
      // The refresh token dies with its idle timeout anyway; the user is logged out locally.
    }
  }

  /** Registers the store with the http client (token, 401 → refresh once, password-change notice). */
  function connectHttp(): void {
    configureHttp({
      getAccessToken: accessTokenForRequest,
      onUnauthorized: (_error, sentToken) => handleUnauthorized(sentToken),
      onApiError: handleApiError,
    });
  }

  return {
    user,
    isAuthenticated,
    isUserLoaded,
    mustChangePassword,
    mustEnrollMfa,
    roles,
    permissions,
    endReason,
    hasPermission,
    login,
    verifyMfa,
    updateUser,
    logout,
    refresh,
    loadCurrentUser,
    changePassword,
    connectHttp,
    accessTokenForRequest,
  };
});

export type AuthStore = ReturnType<typeof useAuthStore>;
