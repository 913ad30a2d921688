/**
 * Export layouts of attendance systems. Most systems let the customer pick the columns of an export, so a
 * layout is a set of header names per logical column (matched after NFKC, case and spacing are folded)
 * plus how the system writes durations. The README names the document each layout was taken from.
 */

export type Column =
  | 'employee'
  | 'account'
  | 'name'
  | 'department'
  | 'date'
  | 'clockIn'
  | 'clockOut'
  | 'breakMinutes'
  | 'breakStart'
  | 'breakEnd'
  | 'leaveType'
  | 'approvedOvertime';

/**
 * How a plain number in a duration column reads. H:MM is always read as hours and minutes.
 * minutes: 75 = 75 min; decimal: 1.25 = 75 min (10進数); sexagesimal: 1.15 = 75 min (60進数).
 */
export type Durations = 'minutes' | 'decimal' | 'sexagesimal';

export interface Layout {
  name: string;
  headers: Partial<Record<Column, string[]>>;
  durations: Durations;
  /** Columns by position, for systems that write no header row (the header row is then optional). */
  positions?: Array<Column | null>;
}

/** The names Japanese and English exports commonly use; every layout understands them. */
const GENERIC: Partial<Record<Column, string[]>> = {
  employee: [
    '従業員コード',
    '従業員番号',
    '社員番号',
    '社員コード',
    'スタッフコード',
    '個人コード',
    'employee',
    'employee id',
    'employee code',
    'employee number',
    'staff id',
  ],
  account: ['account', 'user', 'user name', 'user.name', 'アカウント', 'ログイン名', 'ユーザーid'],
  name: ['氏名', '名前', '従業員名', '社員名', 'スタッフ名', 'スタッフ 姓名', 'name', 'employee name', 'display name'],
  department: ['所属', '所属名', '部署', '部署名', 'グループ名', 'department', 'division'],
  date: ['日付', '年月日', '勤務日', '出勤日', 'date', 'work date', 'day'],
  clockIn: [
    '出勤',
    '出勤時刻',
    '始業',
    '始業時刻',
    '出社',
    '出社時刻',
    'clock in',
    'clock-in',
    'start',
    'start time',
    'time in',
  ],
  clockOut: [
    '退勤',
    '退勤時刻',
    '終業',
    '終業時刻',
    '退社',
    '退社時刻',
    'clock out',
    'clock-out',
    'end',
    'end time',
    'time out',
  ],
  breakMinutes: ['休憩', '休憩時間', 'break', 'breaks', 'break time', 'break minutes'],
  breakStart: ['休憩開始', '休憩開始時刻', 'break start'],
  breakEnd: ['休憩終了', '休憩終了時刻', 'break end'],
  leaveType: ['休暇', '休暇区分', '休暇種別', '休暇名', '勤怠区分', 'leave', 'leave type', 'absence'],
  approvedOvertime: [
    '承認残業',
    '承認残業時間',
    '残業承認時間',
    '残業申請時間',
    'approved overtime',
    'overtime approved',
  ],
};

function withGeneric(extra: Partial<Record<Column, string[]>>): Partial<Record<Column, string[]>> {
  const out: Partial<Record<Column, string[]>> = { ...GENERIC };
  for (const [k, v] of Object.entries(extra) as Array<[Column, string[]]>) out[k] = [...v, ...(GENERIC[k] ?? [])];
  return out;
}

export const LAYOUTS: Record<string, Layout> = {
  generic: { name: 'generic', headers: GENERIC, durations: 'minutes' },
  // KING OF TIME 日別データ[CSV] (freee勤怠管理Plus is the same product): the customer builds the layout and
  // picks 10進数, 60進数 or 分単位 for durations; 10進数 is assumed unless --durations says otherwise.
  kingoftime: {
    name: 'kingoftime',
    headers: withGeneric({ leaveType: ['休暇種別', 'スケジュール', '休暇取得'], approvedOvertime: ['残業申請時間'] }),
    durations: 'decimal',
  },
  // cybozu Garoon タイムカードの書き出し: a fixed list of columns. 外出 to 復帰 is the break.
  garoon: {
    name: 'garoon',
    headers: withGeneric({
      account: ['ログイン名'],
      name: ['ユーザー名'],
      date: ['打刻した日付'],
      clockIn: ['出社時刻'],
      clockOut: ['退社時刻'],
      breakStart: ['外出時刻'],
      breakEnd: ['復帰時刻'],
    }),
    durations: 'minutes',
    // ログイン名, ユーザー名, 打刻した日付, 出社時刻, (IP), 退社時刻, (IP), 外出時刻, (IP), 復帰時刻, (IP), 備考
    positions: [
      'account',
      'name',
      'date',
      'clockIn',
      null,
      'clockOut',
      null,
      'breakStart',
      null,
      'breakEnd',
      null,
      null,
    ],
  },
  // ラクロー 勤怠状況(日単位): the self-report is in 【自己申告】 columns next to the system's own 【参考ログ】
  // (PC log) columns, which are left aside: Kansa compares with its own logs.
  rakuro: {
    name: 'rakuro',
    headers: withGeneric({
      clockIn: ['【自己申告】始業'],
      clockOut: ['【自己申告】終業'],
      breakMinutes: ['【自己申告】休憩時間'],
    }),
    durations: 'minutes',
  },
};

/** Folds a header for matching: full-width to half-width, lower case, spaces and underscores as one space. */
export function foldHeader(h: string): string {
  return h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')
    .trim();
}

/** Picks a layout for a header row: rakuro's 【自己申告】 and Garoon's 打刻した日付 are their own; else generic. */
export function detectLayout(header: string[]): Layout {
  const folded = header.map(foldHeader);
  if (folded.some((h) => h.startsWith(foldHeader('【自己申告】')))) return LAYOUTS.rakuro;
  if (folded.includes(foldHeader('打刻した日付'))) return LAYOUTS.garoon;
  return LAYOUTS.generic;
}
