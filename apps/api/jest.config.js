const shared = require('./jest.shared');

/** Unit specs beside the code. */
module.exports = { ...shared, displayName: 'api-unit', rootDir: '.', roots: ['<rootDir>/src'], testMatch: ['**/*.spec.ts'] };
