import { describe, expect, it } from 'vitest';

import { cleanCode, groupKey, recoveryCodesText } from './mfa-format';

describe('mfa format', () => {
  it('should group the manual key by four', () => {
    expect(groupKey('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
  });

  it('should keep only six digits of a typed or pasted code', () => {
    expect(cleanCode('123 456')).toBe('123456');
    expect(cleanCode('12a34567')).toBe('123456');
  });

  it('should write one recovery code a line under the header', () => {
    expect(recoveryCodesText('恢复码（账号：zhao_min）', ['k7m2p-q9x4t', 'abcde-fghjk'])).toBe(
      '恢复码（账号：zhao_min）\n\nk7m2p-q9x4t\nabcde-fghjk\n',
    );
  });
});
