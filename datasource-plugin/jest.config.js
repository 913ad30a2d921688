// Plugin-specific Jest settings go here; the shared baseline is .config/jest.config.js.
module.exports = {
  ...require('./.config/jest.config'),
};
