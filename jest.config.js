/** Every TypeScript test in the repo; the plugins bring their own create-plugin configs. */
module.exports = {
  projects: [
    '<rootDir>/schema/jest.config.js',
    '<rootDir>/backend-bridge/jest.config.js',
    '<rootDir>/datasource-plugin/jest.config.js',
    '<rootDir>/app-plugin/jest.config.js',
    '<rootDir>/provisioning/jest.config.js',
    '<rootDir>/devstack/jest.config.js',
  ],
};
