const shared = require('./jest.shared');

/** API e2e on a throwaway embedded PostgreSQL started once in the global setup. */
module.exports = {
  ...shared,
  displayName: 'api-e2e',
  rootDir: '.',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
