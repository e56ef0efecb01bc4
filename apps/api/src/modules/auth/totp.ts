import { randomInt } from 'node:crypto';

import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as every authenticator app speaks it: SHA-1, 6 digits, 30-second steps. */
const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** Steps either side of now that still count (clock drift between the phone and the server). */
const WINDOW = 1;

export const TOTP_ISSUER = 'Pacer';

function totpOf(secretBase32: string, label = 'pacer'): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new 160-bit secret in base32 (RFC 4226's recommended length). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app scans. */
export function totpUri(secretBase32: string, accountName: string): string {
  return totpOf(secretBase32, accountName).toString();
}

/** The time step (counter) of a code that matches at `now`, or null. */
export function matchTotpStep(secretBase32: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const totp = totpOf(secretBase32);
  const delta = totp.validate({ token: code, timestamp: now, window: WINDOW });
  if (delta === null) return null;
  return totp.counter({ timestamp: now }) + delta;
}

/** The code of a given moment (tests and nothing else need it). */
export function totpCodeAt(secretBase32: string, timestamp: number): string {
  return totpOf(secretBase32).generate({ timestamp });
}

// no 0/o, 1/l/i: the codes are read off paper
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;

/** `xxxxx-xxxxx`: 10 characters of a 31-letter alphabet, ~49 bits each. */
export function newRecoveryCode(): string {
  let text = '';
  for (let i = 0; i < 10; i++) text += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${text.slice(0, 5)}-${text.slice(5)}`;
}

/** What the user typed, as it was issued: case and spaces do not matter, the hyphen is optional. */
export function normalizeRecoveryCode(input: string): string | null {
  const bare = input.toLowerCase().replace(/[\s-]/g, '');
  if (bare.length !== 10 || [...bare].some((c) => !RECOVERY_ALPHABET.includes(c))) return null;
  return `${bare.slice(0, 5)}-${bare.slice(5)}`;
}
