import { splitCsvLine } from './csv';
import type { KansaEvent } from './types';

/** One account from the user directory (CSV or JSON, e.g. exported from AD). */
export interface DirectoryUser {
  account: string;
  displayName?: string;
  department?: string;
  title?: string;
  email?: string;
  privileged: boolean;
  watchlist: boolean;
  departureDate?: string;
  calendar?: string;
}

/** One host from the asset list. */
export interface Asset {
  host: string;
  owner?: string;
  department?: string;
  role?: string;
}

const USER_COLUMNS: Record<string, keyof DirectoryUser> = {
  account: 'account',
  user: 'account',
  username: 'account',
  'user.name': 'account',
  samaccountname: 'account',
  アカウント: 'account',
  display_name: 'displayName',
  displayname: 'displayName',
  name: 'displayName',
  氏名: 'displayName',
  表示名: 'displayName',
  department: 'department',
  部署: 'department',
  title: 'title',
  役職: 'title',
  email: 'email',
  mail: 'email',
  メール: 'email',
  privileged: 'privileged',
  特権: 'privileged',
  watchlist: 'watchlist',
  監視対象: 'watchlist',
  departure_date: 'departureDate',
  departuredate: 'departureDate',
  退職予定日: 'departureDate',
  calendar: 'calendar',
  カレンダー: 'calendar',
};

const ASSET_COLUMNS: Record<string, keyof Asset> = {
  host: 'host',
  hostname: 'host',
  'host.name': 'host',
  ホスト: 'host',
  ホスト名: 'host',
  owner: 'owner',
  所有者: 'owner',
  利用者: 'owner',
  department: 'department',
  部署: 'department',
  role: 'role',
  役割: 'role',
};

const TRUE = new Set(['true', '1', 'yes', 'y', 'はい', '○', '◯']);

/** Parses CSV (with a header row) or a JSON array into rows keyed by canonical names. */
function parseRows<T>(
  text: string,
  origin: string,
  columns: Record<string, keyof T>,
  key: keyof T,
): Array<Partial<Record<keyof T, string>>> {
  const body = text.replace(/^\uFEFF/, '');
  const rows: Array<Partial<Record<keyof T, string>>> = [];
  if (/^\s*\[/.test(body)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (err) {
      throw new Error(`${origin}: expected a JSON array of objects: ${(err as Error).message}`);
    }
    (parsed as Array<Record<string, unknown>>).forEach((obj, i) => {
      if (typeof obj !== 'object' || obj === null) throw new Error(`${origin}: item ${i} is not an object`);
      const row: Partial<Record<keyof T, string>> = {};
      for (const [k, v] of Object.entries(obj)) {
        const canon = columns[k.toLowerCase()] ?? columns[k];
        if (canon && v !== null && v !== undefined) row[canon] = String(v);
      }
      rows.push(row);
    });
  } else {
    const lines = body.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
    const header = splitCsvLine(lines[0] ?? '').map((h) => columns[h.trim().toLowerCase()] ?? columns[h.trim()]);
    if (!header.includes(key)) {
      throw new Error(`${origin} line 1: expected a header row with a column named ${String(key)}`);
    }
    lines.slice(1).forEach((line) => {
      const cells = splitCsvLine(line);
      const row: Partial<Record<keyof T, string>> = {};
      header.forEach((canon, i) => {
        if (canon && cells[i] !== undefined && cells[i].trim() !== '') row[canon] = cells[i].trim();
      });
      rows.push(row);
    });
  }
  return rows.filter((r) => r[key]);
}

export function parseDirectory(text: string, origin: string): DirectoryUser[] {
  return parseRows<DirectoryUser>(text, origin, USER_COLUMNS, 'account').map((r) => ({
    account: r.account!,
    ...(r.displayName ? { displayName: r.displayName } : {}),
    ...(r.department ? { department: r.department } : {}),
    ...(r.title ? { title: r.title } : {}),
    ...(r.email ? { email: r.email } : {}),
    privileged: TRUE.has((r.privileged ?? '').toLowerCase()),
    watchlist: TRUE.has((r.watchlist ?? '').toLowerCase()),
    ...(r.departureDate ? { departureDate: r.departureDate } : {}),
    ...(r.calendar ? { calendar: r.calendar } : {}),
  }));
}

export function parseAssets(text: string, origin: string): Asset[] {
  return parseRows<Asset>(text, origin, ASSET_COLUMNS, 'host').map((r) => ({ host: r.host!, ...r }) as Asset);
}

/** "CORP\tanaka", "tanaka@corp.local" and "Tanaka" all name the account "tanaka". */
export function accountKey(name: string): string {
  const slash = name.lastIndexOf('\\');
  const bare = slash >= 0 ? name.slice(slash + 1) : name;
  const at = bare.indexOf('@');
  return (at > 0 ? bare.slice(0, at) : bare).toLowerCase();
}

function shortHost(host: string): string {
  const dot = host.indexOf('.');
  return (dot > 0 && !/^\d+\.\d+\.\d+\.\d+$/.test(host) ? host.slice(0, dot) : host).toLowerCase();
}

/** Builds the enrichment step: adds directory and asset facts, and names the actor by display name. */
export function createEnricher(users: DirectoryUser[], assets: Asset[] = []): (event: KansaEvent) => void {
  const byAccount = new Map(users.map((u) => [accountKey(u.account), u]));
  const byHost = new Map<string, Asset>();
  // Windows names hosts by their DNS name, asset lists often by the short one: index both.
  for (const a of assets) byHost.set(a.host.toLowerCase(), a);
  for (const a of assets) if (!byHost.has(shortHost(a.host))) byHost.set(shortHost(a.host), a);
  return (event) => {
    const name = event['user.name'];
    const user = typeof name === 'string' ? byAccount.get(accountKey(name)) : undefined;
    if (user) {
      if (user.displayName) {
        event['user.full_name'] = user.displayName;
        event['kansa.user.display_name'] = user.displayName;
        const ja = event['kansa.message.ja'];
        const prefix = `${name} が `;
        if (typeof ja === 'string' && ja.startsWith(prefix)) {
          event['kansa.message.ja'] = `${user.displayName} が ${ja.slice(prefix.length)}`;
        }
      }
      if (user.department) event['kansa.user.department'] = user.department;
      if (user.title) event['kansa.user.title'] = user.title;
      if (user.email) event['user.email'] ??= user.email;
      event['kansa.user.privileged'] = user.privileged;
      event['kansa.user.watchlist'] = user.watchlist;
      if (user.departureDate) event['kansa.user.departure_date'] = user.departureDate;
      // The working calendar (shift, night shift) the attendance view counts the person's days by.
      if (user.calendar) event['kansa.user.calendar'] = user.calendar;
    }
    const host = event['host.name'];
    const asset =
      typeof host === 'string' ? (byHost.get(host.toLowerCase()) ?? byHost.get(shortHost(host))) : undefined;
    if (asset) {
      if (asset.owner) event['kansa.host.owner'] = asset.owner;
      if (asset.department) event['kansa.host.department'] = asset.department;
      if (asset.role) event['kansa.host.role'] = asset.role;
    }
  };
}
