import { ADMINISTRATOR_ROLES, BUSINESS_ROLES, ROLES, roleConflict } from './role.js';

describe('roleConflict (三员分立, AC-6)', () => {
  it('should let an account hold one administrator role alone', () => {
    for (const role of ADMINISTRATOR_ROLES) expect(roleConflict([role])).toBeNull();
  });

  it('should let leader and reporter combine', () => {
    expect(roleConflict(['leader', 'reporter'])).toBeNull();
    expect(roleConflict(['reporter'])).toBeNull();
  });

  it('should refuse two or three administrator roles on one account', () => {
    expect(roleConflict(['sysadmin', 'admin'])).toBe('administrators');
    expect(roleConflict(['admin', 'auditor'])).toBe('administrators');
    expect(roleConflict(['sysadmin', 'admin', 'auditor'])).toBe('administrators');
  });

  it('should refuse an administrator role with leader or reporter', () => {
    expect(roleConflict(['admin', 'leader'])).toBe('administrator_with_business');
    expect(roleConflict(['auditor', 'reporter'])).toBe('administrator_with_business');
  });

  it('should split the five roles into three administrators and two business roles', () => {
    expect([...ADMINISTRATOR_ROLES, ...BUSINESS_ROLES].sort()).toEqual([...ROLES].sort());
  });
});
