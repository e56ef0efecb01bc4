import { sessionEndsAt } from './session-window';

// SES-1 defaults: idle 30 minutes, absolute 12 hours; the token's own expiry is the login plus 12 hours.
const limits = { idleMinutes: 30, maxSessionHours: 12 };
const login = '2026-12-07T00:30:00.000Z'; // 08:30 in the county

describe(sessionEndsAt.name, () => {
  it('should end an idle session 30 minutes after its last login or refresh', () => {
    const ends = sessionEndsAt(
      { familyStartedAt: login, lastUsedAt: '2026-12-07T03:10:00.000Z', expiresAt: '2026-12-07T12:30:00.000Z' },
      limits,
    );
    expect(ends.toISOString()).toBe('2026-12-07T03:40:00.000Z');
  });

  it('should end a busy session at its absolute lifetime, however recent the last refresh', () => {
    const ends = sessionEndsAt(
      { familyStartedAt: login, lastUsedAt: '2026-12-07T12:20:00.000Z', expiresAt: '2026-12-07T13:00:00.000Z' },
      limits,
    );
    expect(ends.toISOString()).toBe('2026-12-07T12:30:00.000Z');
  });

  it("should end no later than the token's own expiry, and follow configured limits", () => {
    const times = { familyStartedAt: login, lastUsedAt: '2026-12-07T01:00:00.000Z', expiresAt: '2026-12-07T01:15:00.000Z' };
    expect(sessionEndsAt(times, limits).toISOString()).toBe('2026-12-07T01:15:00.000Z');
    expect(sessionEndsAt(times, { idleMinutes: 10, maxSessionHours: 12 }).toISOString()).toBe('2026-12-07T01:10:00.000Z');
    expect(sessionEndsAt({ ...times, expiresAt: '2026-12-08T00:00:00.000Z' }, { idleMinutes: 600, maxSessionHours: 1 }).toISOString()).toBe(
      '2026-12-07T01:30:00.000Z',
    );
  });
});
