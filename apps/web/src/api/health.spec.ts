import { describe, expect, it } from 'vitest';

import { healthCheckRows, isHealthResponse } from './health';

describe('healthCheckRows', () => {
  it('should list every check and keep the failure message', () => {
    const rows = healthCheckRows({
      status: 'error',
      info: {},
      error: { database: { status: 'down', message: 'connect ECONNREFUSED 127.0.0.1:5432' } },
      details: { database: { status: 'down', message: 'connect ECONNREFUSED 127.0.0.1:5432' } },
    });
    expect(rows).toEqual([{ name: 'database', isUp: false, message: 'connect ECONNREFUSED 127.0.0.1:5432' }]);
  });

  it('should read a passing report', () => {
    expect(healthCheckRows({ status: 'ok', info: { database: { status: 'up' } } })).toEqual([
      { name: 'database', isUp: true, message: null },
    ]);
  });
});

describe('isHealthResponse', () => {
  it('should accept only the known statuses', () => {
    expect(isHealthResponse({ status: 'ok' })).toBe(true);
    expect(isHealthResponse({ status: 'shutting_down' })).toBe(true);
    expect(isHealthResponse({ status: 'fine' })).toBe(false);
    expect(isHealthResponse('<html>')).toBe(false);
  });
});
