import type { KansaEvent } from '../../translate/types';
import { formatBytes } from './flow';
import { categorize, categoryLabel } from './categories';

/** Sets url.* from a URL as proxies log it: absolute (http://host/path?q), authority (host:443) or a path. */
export function urlFields(url: string, event: KansaEvent): { domain?: string; port?: number } {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url);
  if (scheme) {
    const rest = url.slice(scheme[0].length);
    const slash = rest.search(/[/?#]/);
    const authority = slash === -1 ? rest : rest.slice(0, slash);
    const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
    const { host, port } = splitHostPort(hostPort);
    event['url.full'] = url;
    event['url.scheme'] = scheme[1].toLowerCase();
    if (host) event['url.domain'] = host;
    const path = slash === -1 ? '/' : rest.slice(slash).replace(/[?#].*$/, '');
    event['url.path'] = path === '' ? '/' : path;
    return { domain: host || undefined, port };
  }
  if (url.startsWith('/')) {
    event['url.path'] = url.replace(/[?#].*$/, '');
    return {};
  }
  // CONNECT host:port
  const { host, port } = splitHostPort(url);
  if (host) event['url.domain'] = host;
  return { domain: host || undefined, port };
}

export function splitHostPort(hostPort: string): { host: string; port?: number } {
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    const host = hostPort.slice(1, close === -1 ? undefined : close);
    const port = close !== -1 && hostPort[close + 1] === ':' ? Number(hostPort.slice(close + 2)) : undefined;
    return { host, ...(port !== undefined && Number.isInteger(port) ? { port } : {}) };
  }
  const colon = hostPort.lastIndexOf(':');
  if (colon !== -1 && hostPort.indexOf(':') === colon) {
    const port = Number(hostPort.slice(colon + 1));
    return { host: hostPort.slice(0, colon).toLowerCase(), ...(Number.isInteger(port) && port > 0 ? { port } : {}) };
  }
  return { host: hostPort.toLowerCase() };
}

/** Sets kansa.url.category from the shipped lists; returns the category's words. */
export function categoryFields(domain: string | undefined, event: KansaEvent): { ja: string; en: string } | undefined {
  if (!domain) return undefined;
  const category = categorize(domain);
  if (!category) return undefined;
  event['kansa.url.category'] = category;
  return categoryLabel(category);
}

export interface WebWords {
  user?: string;
  /** Who, when there is no user: the client IP. */
  client?: string;
  /** What was visited: a domain, or a URL when there is no domain. */
  target: string;
  category?: { ja: string; en: string };
  method?: string;
  status?: number;
  bytes?: number;
  denied?: boolean;
  /** Extra words for the parenthesis, in each language. */
  extraJa?: string[];
  extraEn?: string[];
}

const UPLOAD_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * 「tanaka が www.doda.jp (転職サイト) を閲覧しました(GET、200、5 KB)」
 * "tanaka browsed www.doda.jp (job site) (GET, 200, 5 KB)".
 */
export function webSentence(w: WebWords): { ja: string; en: string } {
  const who = w.user ?? w.client ?? '';
  const whoEn = w.user ?? w.client ?? 'A client';
  const siteJa = w.category ? `${w.target} (${w.category.ja})` : w.target;
  const siteEn = w.category ? `${w.target} (${w.category.en})` : w.target;
  const partsJa: string[] = [];
  const partsEn: string[] = [];
  if (w.user && w.client) {
    partsJa.push(`${w.client} から`);
    partsEn.push(`from ${w.client}`);
  }
  if (w.method) {
    partsJa.push(w.method);
    partsEn.push(w.method);
  }
  if (w.status !== undefined && w.status > 0) {
    partsJa.push(String(w.status));
    partsEn.push(String(w.status));
  }
  if (w.bytes !== undefined && w.bytes > 0) {
    partsJa.push(formatBytes(w.bytes));
    partsEn.push(formatBytes(w.bytes));
  }
  partsJa.push(...(w.extraJa ?? []));
  partsEn.push(...(w.extraEn ?? []));
  const pj = partsJa.length > 0 ? `(${partsJa.join('、')})` : '';
  const pe = partsEn.length > 0 ? ` (${partsEn.join(', ')})` : '';
  const head = who ? `${who} が ` : '';
  if (w.denied) {
    return {
      ja: `${head}${siteJa} へのアクセスを拒否されました${pj}`,
      en: `${whoEn} was denied access to ${siteEn}${pe}`,
    };
  }
  if (w.method && UPLOAD_METHODS.has(w.method)) {
    return { ja: `${head}${siteJa} へデータを送信しました${pj}`, en: `${whoEn} sent data to ${siteEn}${pe}` };
  }
  return { ja: `${head}${siteJa} を閲覧しました${pj}`, en: `${whoEn} browsed ${siteEn}${pe}` };
}

/** "CORP\tanaka" / "tanaka@CORP.EXAMPLE" → name and domain. */
export function splitUser(raw: string | undefined): { name?: string; domain?: string } {
  if (!raw || raw === '-') return {};
  let u = raw;
  try {
    u = decodeURIComponent(raw);
  } catch {
    u = raw;
  }
  const bs = u.indexOf('\\');
  if (bs !== -1) return { name: u.slice(bs + 1), domain: u.slice(0, bs) };
  const at = u.indexOf('@');
  if (at > 0) return { name: u.slice(0, at), domain: u.slice(at + 1) };
  return { name: u };
}
