import type { Bilingual } from '../i18n/language';
import type { KansaQuery, UseCase } from '../types';

export interface QueryExample {
  title: Bilingual;
  /** The Lucene query; each one was checked to match events in the demo month. */
  query: string;
  /** Query type and settings the example needs beyond the Lucene text. */
  settings?: Partial<KansaQuery>;
}

export const USE_CASE_TITLES: Record<UseCase, Bilingual> = {
  cyber: { ja: 'サイバー攻撃の検知', en: 'Cyber attacks' },
  insider: { ja: '内部不正の検知', en: 'Insider threats' },
  audit: { ja: '監査・証跡', en: 'Audit trail' },
  attendance: { ja: '勤怠・労働時間', en: 'Attendance and working hours' },
  failure: { ja: '障害調査', en: 'Failure investigation' },
};

export const EXAMPLES: Record<UseCase, QueryExample[]> = {
  cyber: [
    {
      title: {
        ja: '社内ネットワーク以外からのログオン失敗 (CIDR は引用符で囲む)',
        en: 'Failed logons from outside the internal network (quote CIDR ranges)',
      },
      query: 'event.action:logon-failed AND NOT source.ip:"10.0.0.0/8"',
    },
    {
      title: { ja: '存在しないユーザー名での SSH ログイン試行', en: 'SSH logons with user names that do not exist' },
      query: 'event.action:invalid-user',
    },
    {
      title: { ja: 'ログオン失敗の多い送信元 IP (上位 10 件)', en: 'Source IPs with the most failed logons (top 10)' },
      query: 'event.action:logon-failed',
      settings: { queryType: 'table', tableMode: 'top', groupBy: [{ field: 'source.ip', size: 10 }] },
    },
    {
      title: { ja: 'ファイアウォールで拒否された通信', en: 'Connections the firewall denied' },
      query: 'event.action:connection-denied',
    },
    {
      title: {
        ja: 'グループへのメンバー追加 (権限昇格の兆候)',
        en: 'Members added to groups (a sign of privilege escalation)',
      },
      query: 'event.action:added-member-to-group',
    },
  ],
  insider: [
    {
      title: { ja: '人事フォルダのファイル読み取り', en: 'File reads in the HR folders' },
      query: 'event.action:read-file AND file.path:*人事*',
    },
    {
      title: { ja: '100 ページ以上の印刷', en: 'Print jobs of 100 pages or more' },
      query: 'event.action:document-printed AND kansa.print.pages:>=100',
    },
    {
      title: { ja: '監視対象ユーザーの操作', en: 'Activity of watch-listed users' },
      query: 'kansa.user.watchlist:true',
    },
    {
      title: {
        ja: '外部接続デバイス (USB メモリなど) の認識',
        en: 'External devices (USB drives and the like) plugged in',
      },
      query: 'event.action:recognized-external-device',
    },
  ],
  audit: [
    {
      title: {
        ja: 'アカウントの作成・有効化・パスワード再設定',
        en: 'Accounts created, enabled or given a new password',
      },
      query: 'event.action:(added-user-account OR enabled-user-account OR reset-password OR changed-password)',
    },
    {
      title: { ja: '監査ポリシーの変更と監査ログの消去', en: 'Audit policy changes and cleared audit logs' },
      query: 'event.action:(changed-audit-config OR audit-log-cleared)',
    },
    {
      title: { ja: 'sudo で実行されたコマンド', en: 'Commands run with sudo' },
      query: 'event.action:sudo-command',
    },
    {
      title: { ja: 'データベースへの書き込み', en: 'Database writes' },
      query: 'event.action:db-write',
    },
  ],
  attendance: [
    {
      title: { ja: 'ログオン・ログオフ・ロック・ロック解除', en: 'Logons, logoffs, locks and unlocks' },
      query:
        'event.action:(logged-in OR logged-out OR workstation-locked OR workstation-unlocked) AND event.module:windows',
    },
    {
      title: { ja: '入退室の記録', en: 'Door entries and exits' },
      query: 'event.action:(entered-room OR exited-room)',
    },
    {
      title: { ja: '勤怠表 (ユーザー・日ごと)', en: 'Attendance sheet (per user and day)' },
      query: '',
      settings: { queryType: 'attendance', attendanceView: 'sheet' },
    },
  ],
  failure: [
    {
      title: { ja: 'エラーと警告', en: 'Errors and warnings' },
      query: 'log.level:(error OR warning)',
    },
    {
      title: { ja: 'ネットワーク機器のインターフェース断', en: 'Network interfaces going down' },
      query: 'event.action:(interface-down OR line-protocol-down)',
    },
    {
      title: { ja: 'ホストごとのエラー件数の推移', en: 'Errors per host over time' },
      query: 'log.level:error',
      settings: { queryType: 'metrics', groupBy: [{ field: 'host.name', size: 5 }] },
    },
  ],
};

/** The general syntax, shown above the examples. */
export const SYNTAX_TIPS: Bilingual[] = [
  {
    ja: 'フィールド:値 で絞り込み、AND / OR / NOT で組み合わせます。空欄は期間内のすべてのイベントです。',
    en: 'Filter with field:value and combine with AND / OR / NOT. Leave empty for every event in the time range.',
  },
  {
    ja: 'ワイルドカード: file.path:*機密* 、範囲: destination.bytes:>=1000000 、複数値: event.action:(a OR b)',
    en: 'Wildcards: file.path:*secret*, ranges: destination.bytes:>=1000000, several values: event.action:(a OR b)',
  },
  {
    ja: '空白・/・: を含む値は "..." で囲みます (例: source.ip:"10.0.0.0/8")。',
    en: 'Quote values with spaces, / or : in them, e.g. source.ip:"10.0.0.0/8".',
  },
];
