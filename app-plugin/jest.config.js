// Plugin-specific Jest settings go here; the shared baseline is .config/jest.config.js.
const base = require('./.config/jest.config');

module.exports = {
  ...base,
  moduleNameMapper: {
    ...base.moduleNameMapper,
    // jsdom picks yaml's browser build, which is an ES module; the generator and its tests use the CommonJS one.
    '^yaml$': require.resolve('yaml'),
  },
};
