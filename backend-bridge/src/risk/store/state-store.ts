import type { Client } from '@opensearch-project/opensearch';
import { LocalTime } from '../localtime';
import { emptyState, type PeerGroup, type RiskState, type UserProfile } from '../profile/state';
import { STATE_INDEX } from './templates';

/** A stored document's version, for a conditional write (several bridges share one state). */
export interface Seq {
  seqNo: number;
  primaryTerm: number;
}

/** The versions of the state as loaded: the meta document and every profile and peer group by id. */
export interface StateVersion {
  meta?: Seq;
  docs: Map<string, Seq>;
}

export interface LoadedState {
  state: RiskState;
  version: StateVersion;
}

interface StateDoc {
  kind: 'user' | 'peer' | 'meta';
  key: string;
  day?: string;
  profile?: unknown;
}

const statusOf = (err: unknown) => (err as { meta?: { statusCode?: number } }).meta?.statusCode;

/**
 * Reads every profile back, with the versions to save them against. No index yet = nothing learned yet.
 * Profiles are read even without a meta document: they carry the day they are learned to themselves.
 */
export async function loadState(client: Client, index: string = STATE_INDEX): Promise<LoadedState> {
  const state = emptyState();
  const version: StateVersion = { docs: new Map() };
  try {
    const meta = (await client.transport.request({ method: 'GET', path: `/${index}/_doc/meta` })).body as {
      _source: StateDoc;
      _seq_no: number;
      _primary_term: number;
    };
    if (meta._source.day) state.day = LocalTime.dayOf(meta._source.day);
    version.meta = { seqNo: meta._seq_no, primaryTerm: meta._primary_term };
  } catch (err) {
    if (statusOf(err) !== 404) throw err;
  }
  // Profiles a bridge wrote without refreshing (it died, or lost the race before its meta write) are read too.
  try {
    await client.transport.request({ method: 'POST', path: `/${index}/_refresh` });
  } catch (err) {
    if (statusOf(err) === 404) return { state, version };
    throw err;
  }
  let res = (
    await client.transport.request({
      method: 'POST',
      path: `/${index}/_search?scroll=1m`,
      body: { size: 1000, seq_no_primary_term: true, query: { terms: { kind: ['user', 'peer'] } } },
    })
  ).body as ScrollPage;
  try {
    while (res.hits.hits.length > 0) {
      for (const h of res.hits.hits) {
        if (h._source.kind === 'user') state.users[h._source.key] = h._source.profile as UserProfile;
        else state.peers[h._source.key] = h._source.profile as PeerGroup;
        version.docs.set(h._id, { seqNo: h._seq_no, primaryTerm: h._primary_term });
      }
      res = (
        await client.transport.request({
          method: 'POST',
          path: '/_search/scroll',
          body: { scroll: '1m', scroll_id: res._scroll_id },
        })
      ).body as ScrollPage;
    }
  } finally {
    await client.transport
      .request({ method: 'DELETE', path: '/_search/scroll', body: { scroll_id: res._scroll_id } })
      .catch(() => undefined);
  }
  return { state, version };
}

interface ScrollPage {
  _scroll_id: string;
  hits: { hits: Array<{ _id: string; _seq_no: number; _primary_term: number; _source: StateDoc }> };
}

type BulkItem = { _id: string; status: number; _seq_no?: number; _primary_term?: number; error?: { reason?: string } };

export type SaveOutcome = { outcome: 'success'; version: StateVersion } | { outcome: 'conflict' };

/**
 * Writes every profile and peer group, then the meta document that says which day they are learned to,
 * each conditional on the version loaded (a new one only if nobody created it meanwhile). If another
 * bridge moved any of them on, the answer is 'conflict' and the caller reloads: a loser of the race never
 * overwrites newer profiles with older ones. What was written before a conflict or a crash carries its
 * own day (`UserProfile.day`), so it is not learned twice after the reload.
 */
export async function saveState(
  client: Client,
  state: RiskState,
  version: StateVersion | undefined,
  index: string = STATE_INDEX,
  now = new Date(),
): Promise<SaveOutcome> {
  const updated = now.toISOString();
  const docs = new Map(version?.docs ?? []);
  const lines: string[] = [];
  const put = (id: string, doc: StateDoc) => {
    const seq = docs.get(id);
    const action = seq
      ? { index: { _index: index, _id: id, if_seq_no: seq.seqNo, if_primary_term: seq.primaryTerm } }
      : { create: { _index: index, _id: id } };
    lines.push(JSON.stringify(action), JSON.stringify({ ...doc, updated }));
  };
  for (const p of Object.values(state.users)) put(`user:${p.user}`, { kind: 'user', key: p.user, profile: p });
  for (const g of Object.values(state.peers))
    put(`peer:${g.department}`, { kind: 'peer', key: g.department, profile: g });
  for (let i = 0; i < lines.length; i += 1000) {
    const body = `${lines.slice(i, i + 1000).join('\n')}\n`;
    const r = (await client.transport.request({ method: 'POST', path: '/_bulk', body, bulkBody: body } as never))
      .body as { errors: boolean; items: Array<Record<string, BulkItem>> };
    let conflict = false;
    for (const item of r.items) {
      const x = Object.values(item)[0];
      if (x.status === 409) conflict = true;
      else if (x.error) throw new Error(`risk: saving profiles failed: ${x.error.reason ?? x.status}`);
      else docs.set(x._id, { seqNo: x._seq_no!, primaryTerm: x._primary_term! });
    }
    if (conflict) return { outcome: 'conflict' };
  }
  const meta: StateDoc = {
    kind: 'meta',
    key: 'meta',
    ...(state.day !== undefined ? { day: LocalTime.dateOf(state.day) } : {}),
  };
  const cond = version?.meta
    ? `?if_seq_no=${version.meta.seqNo}&if_primary_term=${version.meta.primaryTerm}`
    : '?op_type=create';
  let written: { _seq_no: number; _primary_term: number };
  try {
    written = (
      await client.transport.request({
        method: 'PUT',
        path: `/${index}/_doc/meta${cond}&refresh=true`,
        body: { ...meta, updated },
      })
    ).body as typeof written;
  } catch (err) {
    if (statusOf(err) === 409) return { outcome: 'conflict' };
    throw err;
  }
  await client.transport.request({ method: 'POST', path: `/${index}/_refresh` });
  return {
    outcome: 'success',
    version: { meta: { seqNo: written._seq_no, primaryTerm: written._primary_term }, docs },
  };
}

/** Forgets everything learned (rebuild from scratch). */
export async function clearState(client: Client): Promise<void> {
  await client.transport
    .request({ method: 'DELETE', path: `/${STATE_INDEX}` })
    .catch((err: { meta?: { statusCode?: number } }) => {
      if (err.meta?.statusCode !== 404) throw err;
    });
}
