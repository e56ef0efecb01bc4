import {
  matchTotpStep,
  newRecoveryCode,
  newTotpSecret,
  normalizeRecoveryCode,
  totpCodeAt,
  totpUri,
} from './totp';

describe('totp', () => {
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  const now = Date.UTC(2026, 2, 15, 2, 0, 10); // 2026-03-15 10:00:10 Beijing time

  it('should match the code of the current step, and one step either side, with its absolute step', () => {
    const step = Math.floor(now / 30_000);
    expect(matchTotpStep(secret, totpCodeAt(secret, now), now)).toBe(step);
    expect(matchTotpStep(secret, totpCodeAt(secret, now - 30_000), now)).toBe(step - 1);
    expect(matchTotpStep(secret, totpCodeAt(secret, now + 30_000), now)).toBe(step + 1);
    expect(matchTotpStep(secret, totpCodeAt(secret, now - 90_000), now)).toBeNull();
  });

  it('should refuse anything but six digits', () => {
    expect(matchTotpStep(secret, '12345', now)).toBeNull();
    expect(matchTotpStep(secret, '12345a', now)).toBeNull();
    expect(matchTotpStep(secret, ` ${totpCodeAt(secret, now)}`, now)).toBeNull();
  });

  it('should make 160-bit secrets and an otpauth URI that names the issuer and the account', () => {
    const fresh = newTotpSecret();
    expect(fresh).toMatch(/^[A-Z2-7]{32}$/);
    expect(fresh).not.toBe(newTotpSecret());
    expect(totpUri(fresh, 'zhang_wei')).toBe(
      `otpauth://totp/Pacer:zhang_wei?issuer=Pacer&secret=${fresh}&algorithm=SHA1&digits=6&period=30`,
    );
  });

  it('should make recovery codes that read back whatever the case and spacing', () => {
    const code = newRecoveryCode();
    expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(normalizeRecoveryCode(code.toUpperCase().replace('-', ' '))).toBe(code);
    expect(normalizeRecoveryCode('abcde-fghi0')).toBeNull();
    expect(normalizeRecoveryCode('abc')).toBeNull();
  });
});
