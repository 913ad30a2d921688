// The fault suite's accounting: which events were sent, which the bridge acknowledged, and which real
// OpenSearch holds, by a unique id carried in each raw line. Dependency-free (plain fetch), so cases can
// use it from any script. See devstack/faults/README.md for how a case uses it.

/** Every event of a run carries `kf_<input>_<seq>` in its raw line and the run's marker as host name. */
const ID = /\bkf_([a-z0-9-]+)_(\d+)\b/;

export class Ledger {
  /**
   * @param {string} name the case's name, for the report
   * @param {string} marker a host name no other run uses (lowercase letters and digits): how stored
   *   documents are found again (`host.name`)
   */
  constructor(name, marker) {
    this.name = name;
    this.marker = marker;
    /**
     * The events' time: now, so the bridge indexes them by their own day (it moves timestamps far from the
     * arrival day to the arrival day's index). A case that needs the day's index set up first uses `index`.
     */
    this.time = new Date().toISOString();
    this.index = `kansa-events-${this.time.slice(0, 10).replace(/-/g, '.')}`;
    /** input → Set of seq sent, and acknowledged */
    this.sentIds = new Map();
    this.ackedIds = new Map();
  }

  /** The id token for event `seq` of `input`; put it anywhere in the raw line. */
  id(input, seq) {
    return `kf_${input}_${seq}`;
  }

  /**
   * An sshd failed-logon line in RFC 5424 syslog (a real format the bridge translates; it carries year and
   * zone) with the marker as host and the id as the key text sshd may append.
   */
  sshdLine(input, seq, { time = this.time, user = 'faults' } = {}) {
    return `<38>1 ${time} ${this.marker} sshd 4242 - - Failed password for ${user} from 10.9.0.1 port 22 ssh2: ${this.id(input, seq)}`;
  }

  sent(input, seqs) {
    add(this.sentIds, input, seqs);
  }

  /** Only what the bridge acknowledged: an HTTP 200, the bridge closing a TCP connection after reading it all, … */
  acked(input, seqs) {
    add(this.ackedIds, input, seqs);
  }

  /**
   * Reads every stored document of the marker from OpenSearch and counts, per input:
   * sent, acknowledged, stored (documents), lost (acknowledged but not stored) and duplicated
   * (documents beyond one per id). Stored documents whose line has no id make a row of their own.
   * @returns {Promise<Array<{case: string, input: string, sent: number, acknowledged: number, stored: number, lost: number, duplicated: number, unknown: number}>>}
   */
  async count(openSearchUrl, { index = 'kansa-events-*' } = {}) {
    const copies = new Map(); // input → Map(seq → documents)
    let unknown = 0;
    for await (const original of storedOriginals(openSearchUrl, index, this.marker)) {
      const m = ID.exec(original);
      if (!m) {
        unknown++;
        continue;
      }
      if (!copies.has(m[1])) copies.set(m[1], new Map());
      const per = copies.get(m[1]);
      const seq = Number(m[2]);
      per.set(seq, (per.get(seq) ?? 0) + 1);
    }
    const inputs = new Set([...this.sentIds.keys(), ...copies.keys()]);
    const rows = [...inputs].sort().map((input) => {
      const per = copies.get(input) ?? new Map();
      const acked = this.ackedIds.get(input) ?? new Set();
      let stored = 0;
      let duplicated = 0;
      for (const n of per.values()) {
        stored += n;
        duplicated += n - 1;
      }
      let lost = 0;
      for (const seq of acked) if (!per.has(seq)) lost++;
      return {
        case: this.name,
        input,
        sent: this.sentIds.get(input)?.size ?? 0,
        acknowledged: acked.size,
        stored,
        lost,
        duplicated,
        unknown: 0,
      };
    });
    // Documents of this run that carry no id: something rewrote or split lines. Never a pass.
    if (unknown > 0)
      rows.push({
        case: this.name,
        input: '(no id)',
        sent: 0,
        acknowledged: 0,
        stored: unknown,
        lost: 0,
        duplicated: 0,
        unknown,
      });
    return rows;
  }
}

/** A row passes when something was acknowledged, nothing acknowledged is missing and nothing is stored twice. */
export function rowPassed(row) {
  return (
    row.acknowledged > 0 &&
    row.lost === 0 &&
    row.duplicated === 0 &&
    row.unknown === 0 &&
    row.stored >= row.acknowledged
  );
}

export function formatRow(row) {
  const figures =
    row.sent === undefined
      ? row.note
      : `sent ${row.sent} / acknowledged ${row.acknowledged} / stored ${row.stored} / lost ${row.lost} / duplicated ${row.duplicated}${row.unknown ? ` / ${row.unknown} without id` : ''}`;
  return `${row.passed ? 'PASS' : 'FAIL'}  ${row.case}  ${row.input}: ${figures}`;
}

function add(map, input, seqs) {
  if (!map.has(input)) map.set(input, new Set());
  const set = map.get(input);
  for (const s of typeof seqs === 'number' ? [seqs] : seqs) set.add(s);
}

/** Every event.original of the marker's documents, paged by _id (refreshes first, so all acknowledged writes count). */
async function* storedOriginals(url, index, marker) {
  await os(url, 'POST', `/${index}/_refresh`);
  let after;
  for (;;) {
    const body = {
      size: 5000,
      _source: ['event.original'],
      query: { term: { 'host.name': marker } },
      sort: [{ _id: 'asc' }],
      ...(after ? { search_after: after } : {}),
    };
    const hits = (await os(url, 'POST', `/${index}/_search`, body)).hits.hits;
    for (const h of hits) yield String(h._source['event.original'] ?? '');
    if (hits.length < body.size) return;
    after = hits[hits.length - 1].sort;
  }
}

/** One OpenSearch request; a non-2xx answer throws with its body. */
export async function os(url, method, path, body) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return JSON.parse(text);
}
