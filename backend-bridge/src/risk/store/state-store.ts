import type { Client } from '@opensearch-project/opensearch';
import { LocalTime } from '../localtime';
import { emptyState, type PeerGroup, type RiskState, type UserProfile } from '../profile/state';
import { STATE_INDEX } from './templates';

export interface LoadedState {
  state: RiskState;
  /** The meta document's version, for a conditional save (several bridges share one state). */
  version?: { seqNo: number; primaryTerm: number };
}

interface StateDoc {
  kind: 'user' | 'peer' | 'meta';
  key: string;
  day?: string;
  profile?: unknown;
}

/** Reads every profile back. No index yet = nothing learned yet. */
export async function loadState(client: Client, index: string = STATE_INDEX): Promise<LoadedState> {
  const state = emptyState();
  let version: LoadedState['version'];
  try {
    const meta = (await client.transport.request({ method: 'GET', path: `/${index}/_doc/meta` })).body as { _source: StateDoc; _seq_no: number; _primary_term: number };
    if (meta._source.day) state.day = LocalTime.dayOf(meta._source.day);
    version = { seqNo: meta._seq_no, primaryTerm: meta._primary_term };
  } catch (err) {
    if ((err as { meta?: { statusCode?: number } }).meta?.statusCode === 404) return { state };
    throw err;
  }
  let res = (await client.transport.request({ method: 'POST', path: `/${index}/_search?scroll=1m`, body: { size: 1000, query: { terms: { kind: ['user', 'peer'] } } } })).body as ScrollPage;
  try {
    while (res.hits.hits.length > 0) {
      for (const h of res.hits.hits) {
        if (h._source.kind === 'user') state.users[h._source.key] = h._source.profile as UserProfile;
        else state.peers[h._source.key] = h._source.profile as PeerGroup;
      }
      res = (await client.transport.request({ method: 'POST', path: '/_search/scroll', body: { scroll: '1m', scroll_id: res._scroll_id } })).body as ScrollPage;
    }
  } finally {
    await client.transport.request({ method: 'DELETE', path: '/_search/scroll', body: { scroll_id: res._scroll_id } }).catch(() => undefined);
  }
  return { state, version };
}

interface ScrollPage {
  _scroll_id: string;
  hits: { hits: Array<{ _source: StateDoc }> };
}

export type SaveOutcome = { outcome: 'success'; version: NonNullable<LoadedState['version']> } | { outcome: 'conflict' };

/**
 * Writes every profile, then the meta document that says which day they are learned to, conditional on
 * the version loaded: if another bridge moved the state on meanwhile, the answer is 'conflict' (the
 * profiles it wrote are the same numbers, learned from the same events) and the caller reloads.
 */
export async function saveState(client: Client, state: RiskState, version: LoadedState['version'], index: string = STATE_INDEX, now = new Date()): Promise<SaveOutcome> {
  const updated = now.toISOString();
  const lines: string[] = [];
  const put = (id: string, doc: StateDoc) => lines.push(JSON.stringify({ index: { _index: index, _id: id } }), JSON.stringify({ ...doc, updated }));
  for (const p of Object.values(state.users)) put(`user:${p.user}`, { kind: 'user', key: p.user, profile: p });
  for (const g of Object.values(state.peers)) put(`peer:${g.department}`, { kind: 'peer', key: g.department, profile: g });
  for (let i = 0; i < lines.length; i += 1000) {
    const body = `${lines.slice(i, i + 1000).join('\n')}\n`;
    const r = (await client.transport.request({ method: 'POST', path: '/_bulk', body, bulkBody: body } as never)).body as { errors: boolean; items: Array<Record<string, { error?: { reason?: string } }>> };
    if (r.errors) {
      const first = r.items.map((x) => Object.values(x)[0].error).find(Boolean);
      throw new Error(`risk: saving profiles failed: ${first?.reason ?? 'unknown bulk error'}`);
    }
  }
  const meta: StateDoc = { kind: 'meta', key: 'meta', ...(state.day !== undefined ? { day: LocalTime.dateOf(state.day) } : {}) };
  const cond = version ? `?if_seq_no=${version.seqNo}&if_primary_term=${version.primaryTerm}` : '?op_type=create';
  let written: { _seq_no: number; _primary_term: number };
  try {
    written = (await client.transport.request({ method: 'PUT', path: `/${index}/_doc/meta${cond}&refresh=true`, body: { ...meta, updated } })).body as typeof written;
  } catch (err) {
    if ((err as { meta?: { statusCode?: number } }).meta?.statusCode === 409) return { outcome: 'conflict' };
    throw err;
  }
  await client.transport.request({ method: 'POST', path: `/${index}/_refresh` });
  return { outcome: 'success', version: { seqNo: written._seq_no, primaryTerm: written._primary_term } };
}

/** Forgets everything learned (rebuild from scratch). */
export async function clearState(client: Client): Promise<void> {
  await client.transport.request({ method: 'DELETE', path: `/${STATE_INDEX}` }).catch((err: { meta?: { statusCode?: number } }) => {
    if (err.meta?.statusCode !== 404) throw err;
  });
}
