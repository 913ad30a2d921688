const { join } = require('node:path');

/** Tests that need OpenSearch get a real node from the project's launcher, unless OPENSEARCH_URL names one. */
module.exports = async function globalSetup() {
  if (process.env.OPENSEARCH_URL) return;
  const { startOpenSearch } = await import('../devstack/opensearch.mjs');
  const port = Number(process.env.KANSA_TEST_OPENSEARCH_PORT || 9250);
  const dataDir = join(__dirname, '..', '.kansa', `test-opensearch-${port}`);
  const node = await startOpenSearch({ port, dataDir, quiet: true });
  process.env.OPENSEARCH_URL = node.url;
  globalThis.__kansaOpenSearch = node.launched ? { port, dataDir } : undefined;
};
