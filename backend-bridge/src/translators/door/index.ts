import { zonedToUtc } from '../../translate/time';
import { splitCsvLine } from '../../translate/csv';
import { ParseError, type Format, type KansaEvent, type RawRecord, type TranslateContext } from '../../translate/types';

/**
 * Door / IC-card access-control CSV exports (入退室ログ). Columns are found by header name, with
 * Japanese and English aliases (see README.md); `createDoorFormat` takes extra aliases so a site can
 * map its own export without code.
 */

export type DoorField =
  | 'timestamp'
  | 'date'
  | 'time'
  | 'card_id'
  | 'user'
  | 'account'
  | 'employee_id'
  | 'department'
  | 'door'
  | 'site'
  | 'reader'
  | 'direction'
  | 'result'
  | 'reason';

/** Header names per field, compared after trimming, lower-casing and removing spaces. */
export const DEFAULT_DOOR_COLUMNS: Record<DoorField, string[]> = {
  timestamp: [
    '日時',
    '発生日時',
    '通行日時',
    '認証日時',
    'タイムスタンプ',
    'timestamp',
    'datetime',
    'date_time',
    'time_stamp',
    'event_time',
  ],
  date: ['日付', '年月日', 'date'],
  time: ['時刻', '時間', 'time'],
  card_id: [
    'カードid',
    'カード番号',
    'カードno',
    'icカード番号',
    'card_id',
    'cardid',
    'card_no',
    'card_number',
    'badge_id',
    'credential',
  ],
  user: ['氏名', '名前', '利用者', '利用者名', 'user', 'name', 'user_name', 'full_name', 'cardholder'],
  account: ['アカウント', 'ユーザーid', 'ログインid', 'account', 'account_name', 'login', 'username', 'samaccountname'],
  employee_id: [
    '社員番号',
    '従業員番号',
    '社員コード',
    '職員番号',
    'employee_id',
    'employee_no',
    'employee_number',
    'staff_id',
  ],
  department: ['所属', '部署', 'department', 'dept'],
  door: ['ドア', '扉', 'ドア名', '扉名', '部屋', 'ゲート', 'door', 'door_name', 'gate', 'room', 'area'],
  site: ['拠点', '建物', 'site', 'building', 'location'],
  reader: ['リーダー', 'カードリーダー', '装置', 'コントローラ', 'reader', 'reader_name', 'device', 'controller'],
  direction: ['方向', '入退', '入退区分', '区分', 'direction', 'in_out', 'inout'],
  result: ['結果', '認証結果', '判定', 'result', 'status', 'access_result', 'outcome'],
  reason: ['理由', 'エラー内容', '詳細', 'reason', 'detail', 'error', 'message'],
};

const ENTRY = new Set(['入室', '入', '入場', '入館', 'in', 'entry', 'enter', 'entrance', 'ingress']);
const EXIT = new Set(['退室', '出', '退場', '退館', '出室', 'out', 'exit', 'leave', 'egress']);
const GRANTED = new Set([
  '許可',
  '成功',
  '正常',
  'ok',
  '〇',
  '○',
  'granted',
  'success',
  'allowed',
  'allow',
  'accepted',
  'pass',
]);
const DENIED = new Set([
  '拒否',
  '失敗',
  'エラー',
  'ng',
  '×',
  'denied',
  'failure',
  'failed',
  'rejected',
  'deny',
  'error',
]);

function norm(s: string): string {
  return s
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s　]+/g, '');
}

type Mapping = Partial<Record<DoorField, number>>;

function mappingFor(header: string[], columns: Record<DoorField, string[]>): Mapping {
  const m: Mapping = {};
  const names = header.map(norm);
  for (const field of Object.keys(columns) as DoorField[]) {
    const aliases = columns[field].map(norm);
    const idx = names.findIndex((h) => aliases.includes(h));
    if (idx !== -1) m[field] = idx;
  }
  return m;
}

const TS =
  /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

function parseTime(text: string, ctx: TranslateContext): string {
  const m = TS.exec(text.trim());
  if (!m) throw new ParseError(`expected a date and time such as 2026/10/01 09:00:01, found "${text}"`);
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac ? Number(frac.padEnd(3, '0').slice(0, 3)) : 0;
  if (zone) {
    const iso = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}T${h.padStart(2, '0')}:${mi}:${s ?? '00'}.${String(ms).padStart(3, '0')}${zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`}`;
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) throw new ParseError(`expected a valid date and time, found "${text}"`);
    return date.toISOString();
  }
  if (+mo < 1 || +mo > 12 || +d < 1 || +d > 31 || +h > 23 || +mi > 59 || (s !== undefined && +s > 60)) {
    throw new ParseError(`expected a valid date and time, found "${text}"`);
  }
  return zonedToUtc(+y, +mo, +d, +h, +mi, s ? +s : 0, ms, ctx.timeZone).toISOString();
}

export function createDoorFormat(extraColumns: Partial<Record<DoorField, string[]>> = {}, id = 'door'): Format {
  const columns: Record<DoorField, string[]> = { ...DEFAULT_DOOR_COLUMNS };
  for (const [field, names] of Object.entries(extraColumns) as Array<[DoorField, string[]]>) {
    columns[field] = [...names, ...(DEFAULT_DOOR_COLUMNS[field] ?? [])];
  }

  function isHeader(line: string): string[] | null {
    const cells = splitCsvLine(line.replace(/\r$/, ''));
    if (cells.length < 3) return null;
    const m = mappingFor(cells, columns);
    const hasTime = m.timestamp !== undefined || (m.date !== undefined && m.time !== undefined);
    const known = Object.keys(m).length;
    if (!hasTime || known < 3 || (m.door === undefined && m.card_id === undefined)) return null;
    return cells.map((c) => c.replace(/^\uFEFF/, '').trim());
  }

  return {
    id,
    framing: 'csv',
    isHeader,
    detect(sample: string): number {
      const first = sample.split('\n').find((l) => l.trim() !== '');
      return first && isHeader(first) ? 0.9 : 0;
    },
    translate(record: RawRecord, ctx: TranslateContext): KansaEvent[] {
      if (!record.header)
        throw new ParseError(
          'expected a header row naming the columns (e.g. 日時,カードID,氏名,社員番号,ドア,方向,結果) before the records',
        );
      const m = mappingFor(record.header, columns);
      const cells = splitCsvLine(record.text.replace(/\r$/, ''));
      if (cells.length < record.header.length) {
        throw new ParseError(`expected ${record.header.length} columns as in the header, found ${cells.length}`);
      }
      const get = (f: DoorField): string | undefined => {
        const i = m[f];
        if (i === undefined) return undefined;
        const v = cells[i]?.trim();
        return v === undefined || v === '' || v === '-' ? undefined : v;
      };
      const when = get('timestamp') ?? (get('date') && get('time') ? `${get('date')} ${get('time')}` : undefined);
      if (!when) throw new ParseError('expected a date and time in the 日時 / timestamp column');
      const timestamp = parseTime(when, ctx);

      const dirRaw = get('direction');
      const dirKey = dirRaw ? norm(dirRaw) : undefined;
      const direction = dirKey && ENTRY.has(dirKey) ? 'entry' : dirKey && EXIT.has(dirKey) ? 'exit' : undefined;
      const resRaw = get('result');
      const resKey = resRaw ? norm(resRaw) : undefined;
      const denied = resKey !== undefined && DENIED.has(resKey);
      const granted = resKey === undefined || GRANTED.has(resKey);
      const door = get('door');
      const site = get('site');
      const doorName = site && door ? `${site} ${door}` : (door ?? site);
      const card = get('card_id');
      const fullName = get('user');
      const account = get('account');
      const employeeId = get('employee_id');
      const reason = get('reason');
      const userName = account ?? fullName;

      const raw: Record<string, string> = {};
      record.header.forEach((h, i) => {
        if (cells[i] !== undefined && cells[i] !== '') raw[h] = cells[i];
      });

      const e: KansaEvent = {
        '@timestamp': timestamp,
        'event.kind': 'event',
        'event.category': ['authentication'],
        'event.type': ['access', denied ? 'denied' : 'allowed'],
        'event.action': denied
          ? 'door-access-denied'
          : direction === 'exit'
            ? 'exited-room'
            : direction === 'entry'
              ? 'entered-room'
              : 'door-access',
        'event.outcome': denied ? 'failure' : granted ? 'success' : 'unknown',
        'event.module': 'door',
        'event.dataset': 'door.access',
        'kansa.source_type': 'door',
        'kansa.raw': raw,
      };
      if (userName) e['user.name'] = userName;
      if (fullName) e['user.full_name'] = fullName;
      if (employeeId) e['user.id'] = employeeId;
      if (doorName) e['kansa.door.name'] = doorName;
      if (direction) e['kansa.door.direction'] = direction;
      if (card) e['kansa.door.card_id'] = card;
      const reader = get('reader');
      if (reader) e['observer.name'] = reader;
      if (reason) e['event.reason'] = reason;
      if (!denied && granted) e['kansa.session.transition'] = 'activity';

      const where = doorName ?? '(不明なドア)';
      const whereEn = doorName ?? '(unknown door)';
      const detailsJa = [
        ...(card ? [`カード ${card}`] : []),
        ...(reason ? [reason] : []),
        ...(!direction && dirRaw ? [dirRaw] : []),
        ...(!granted && !denied && resRaw ? [resRaw] : []),
      ];
      const detailsEn = [
        ...(card ? [`card ${card}`] : []),
        ...(reason ? [reason] : []),
        ...(!direction && dirRaw ? [dirRaw] : []),
        ...(!granted && !denied && resRaw ? [resRaw] : []),
      ];
      const pj = detailsJa.length > 0 ? `(${detailsJa.join('、')})` : '';
      const pe = detailsEn.length > 0 ? ` (${detailsEn.join(', ')})` : '';
      const verbJa = direction === 'exit' ? '退室' : direction === 'entry' ? '入室' : '通行';
      const verbEn = direction === 'exit' ? 'exit from' : direction === 'entry' ? 'entry to' : 'passage through';
      if (userName) {
        if (denied) {
          e['kansa.message.ja'] =
            `${userName} が ${where} ${direction === 'exit' ? 'からの' : 'への'}${verbJa}を拒否されました${pj}`;
          e['kansa.message.en'] = `${userName} was denied ${verbEn} ${whereEn}${pe}`;
        } else {
          e['kansa.message.ja'] =
            `${userName} が ${where} ${direction === 'exit' ? 'から退室しました' : direction === 'entry' ? 'に入室しました' : 'を通行しました'}${pj}`;
          e['kansa.message.en'] =
            `${userName} ${direction === 'exit' ? 'left' : direction === 'entry' ? 'entered' : 'passed through'} ${whereEn}${pe}`;
        }
      } else {
        e['kansa.message.ja'] =
          `${where} で${card ? ` カード ${card} の` : ''}${verbJa}が${denied ? '拒否されました' : '記録されました'}${reason ? `(${reason})` : ''}`;
        e['kansa.message.en'] =
          `${denied ? 'Denied' : 'Recorded'} ${verbEn} ${whereEn}${card ? ` with card ${card}` : ''}${reason ? ` (${reason})` : ''}`;
      }
      return [e];
    },
  };
}

export const doorFormat = createDoorFormat();

export default doorFormat;
