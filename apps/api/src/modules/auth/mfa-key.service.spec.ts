import type { DataSource } from 'typeorm';

import { authConfigFrom } from '../../config/auth.config';
import { parseEnv } from '../../config/env.schema';
import { MfaKeyService } from './mfa-key.service';

describe(MfaKeyService.name, () => {
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

  async function keyService(key: string) {
    const sut = new MfaKeyService({} as DataSource, authConfigFrom(parseEnv({ PACER_MFA_KEY: key })));
    await sut.onModuleInit();
    return sut;
  }

  it('should store the secret encrypted, and read it back for the same user only', async () => {
    const sut = await keyService('k'.repeat(40));
    const stored = sut.encrypt(7, secret);
    expect(stored).toMatch(/^v1:/);
    expect(stored).not.toContain(secret);
    expect(sut.encrypt(7, secret)).not.toBe(stored); // a fresh IV each time
    expect(sut.decrypt(7, stored)).toBe(secret);
    // a row copied onto another user does not decrypt
    expect(() => sut.decrypt(8, stored)).toThrow();
  });

  it('should not read a secret under another key', async () => {
    const stored = (await keyService('k'.repeat(40))).encrypt(7, secret);
    const other = await keyService('m'.repeat(40));
    expect(() => other.decrypt(7, stored)).toThrow();
  });
});
