module.exports = async function globalTeardown() {
  const launched = globalThis.__kansaOpenSearch;
  if (!launched) return;
  const { stopOpenSearch } = await import('../devstack/opensearch.mjs');
  await stopOpenSearch(launched);
  delete process.env.OPENSEARCH_URL;
};
