// Jest over ESM TypeScript: @swc/jest strips types (as Node does at run time); one shared
// PostgreSQL and Temporal dev server are started for the whole run by test/global-setup.ts.
// The suites run in one process (`npm test`, --runInBand), which keeps what each suite's module
// registry and workflow bundles leave behind: past 120 suites that outgrew Node's default heap
// (about 4 GB here), so the test script gives it 8 GB (--max-old-space-size).
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2024' }, module: { type: 'es6' } }],
  },
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/.credence/'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60_000,
};
