// Jest runs CommonJS; these packages that @grafana/ui and @grafana/data load ship only ES modules and
// must be compiled like our own code.
const grafanaESModules = [
  '@wojtekmaj/date-utils',
  'd3-color',
  'd3-interpolate',
  'd3-scale-chromatic',
  'get-user-locale',
  'marked',
  'memoize',
  'mimic-function',
  'react-calendar',
];

const nodeModulesToTransform = (names) => `node_modules/(?!(${names.join('|')})/)`;

module.exports = { grafanaESModules, nodeModulesToTransform };
