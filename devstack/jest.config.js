// Checks of the built artifacts (both plugins' dist/ and the archives `npm run package` writes); npm test
// builds the dists before jest runs.
module.exports = {
  displayName: 'devstack',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
  },
};
