import { Client } from '@opensearch-project/opensearch';

export const DEFAULT_OPENSEARCH_URL = 'http://127.0.0.1:9200';

export function openSearchUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.OPENSEARCH_URL || DEFAULT_OPENSEARCH_URL;
}

/** The URL for logs and messages: credentials never leave this process. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = u.username ? '***' : '';
      u.password = u.password ? '***' : '';
    }
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(invalid URL)';
  }
}

export function createClient(url: string = openSearchUrl()): Client {
  return new Client({ node: url, requestTimeout: 60_000, maxRetries: 0 });
}
