/**
 * What Elasticsearch answers to the handshakes shippers send before their first _bulk: Beats and
 * Logstash read `version.number` from `GET /` and require the `X-Elastic-Product` header; they probe
 * `_license` / `_xpack`; Vector's health check reads `_cluster/health`. Template, ILM and pipeline
 * set-up requests are acknowledged and ignored: the bridge maps every event to the Kansa schema.
 */
export const ES_VERSION = '8.11.0';

export const ES_HEADERS = { 'x-elastic-product': 'Elasticsearch', 'content-type': 'application/json; charset=UTF-8' };

export function rootInfo(): unknown {
  return {
    name: 'kansa-bridge',
    cluster_name: 'kansa',
    cluster_uuid: 'kansa-bridge-0000000000',
    version: {
      number: ES_VERSION,
      build_flavor: 'default',
      build_type: 'tar',
      build_hash: '0000000',
      build_date: '2023-11-04T10:04:57.184859352Z',
      build_snapshot: false,
      lucene_version: '9.8.0',
      minimum_wire_compatibility_version: '7.17.0',
      minimum_index_compatibility_version: '7.0.0',
    },
    tagline: 'You Know, for Search',
  };
}

const LICENSE = {
  status: 'active',
  uid: '00000000-0000-0000-0000-000000000000',
  type: 'basic',
  issue_date: '2024-01-01T00:00:00.000Z',
  issue_date_in_millis: 1704067200000,
  max_nodes: 1000,
  max_resource_units: null,
  issued_to: 'kansa',
  issuer: 'elasticsearch',
  start_date_in_millis: -1,
};

/** Answers the probe and set-up paths; undefined for paths that are not probes. */
export function probe(method: string, path: string): { status: number; body: unknown } | undefined {
  if (path === '/_license') return { status: 200, body: { license: LICENSE } };
  if (path === '/_xpack') {
    return {
      status: 200,
      body: {
        build: { hash: '0000000', date: '2023-11-04T10:04:57.184859352Z' },
        license: { uid: LICENSE.uid, type: 'basic', mode: 'basic', status: 'active' },
        features: { ilm: { available: true, enabled: true }, security: { available: true, enabled: false } },
      },
    };
  }
  if (path === '/_cluster/health')
    return {
      status: 200,
      body: { cluster_name: 'kansa', status: 'green', timed_out: false, number_of_nodes: 1, number_of_data_nodes: 1 },
    };
  if (
    /^\/(_index_template|_template|_component_template|_ilm|_ingest|_data_stream|_nodes|_cat|_alias|_aliases)(\/|$)/.test(
      path,
    ) ||
    /^\/[^_/][^/]*\/_alias(\/|$)/.test(path)
  ) {
    if (method === 'GET' || method === 'HEAD') return { status: 200, body: {} };
    if (method === 'PUT' || method === 'POST') return { status: 200, body: { acknowledged: true } };
  }
  // Logstash checks (HEAD) and creates (PUT) its target index before writing.
  const index = /^\/([^_/][^/]*)$/.exec(path);
  if (index) {
    if (method === 'HEAD' || method === 'GET') return { status: 200, body: {} };
    if (method === 'PUT')
      return {
        status: 200,
        body: { acknowledged: true, shards_acknowledged: true, index: decodeURIComponent(index[1]) },
      };
  }
  return undefined;
}

export function esError(status: number, type: string, reason: string): unknown {
  return { error: { root_cause: [{ type, reason }], type, reason }, status };
}
