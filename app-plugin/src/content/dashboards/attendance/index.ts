import { FIELD as F } from '@kansa/schema/fields';

import type { DashboardDef } from '../../dashboard';
import { panel, steps } from '../../panels';
import { attendance, by, metrics, top, then } from '../../queries';
import * as S from '../../signals';
import { bi } from '../../text';

export const ATTENDANCE_UID = 'kansa-attendance';

const minutes = (names: string[]) =>
  names.map((n) => ({
    matcher: { id: 'byName', options: n },
    properties: [
      { id: 'unit', value: 'm' },
      { id: 'decimals', value: 0 },
    ],
  }));

const flag = (name: string, label: { ja: string; en: string }) => ({
  matcher: { id: 'byName', options: name },
  properties: [
    { id: 'custom.cellOptions', value: { type: 'color-background', mode: 'basic' } },
    {
      id: 'mappings',
      value: [
        {
          type: 'value',
          options: {
            true: { color: 'red', text: `${label.ja} / ${label.en}`, index: 0 },
            false: { color: 'transparent', text: '', index: 1 },
          },
        },
      ],
    },
  ],
});

const SHEET_OVERRIDES = [
  ...minutes(['working_minutes', 'break_minutes', 'late_night_minutes']),
  {
    matcher: { id: 'byName', options: 'overtime_minutes' },
    properties: [
      { id: 'unit', value: 'm' },
      { id: 'custom.cellOptions', value: { type: 'color-text' } },
      {
        id: 'thresholds',
        value: {
          mode: 'absolute',
          steps: [
            { value: null, color: 'text' },
            { value: 120, color: 'orange' },
            { value: 240, color: 'red' },
          ],
        },
      },
    ],
  },
  {
    matcher: { id: 'byName', options: 'rest_interval_hours' },
    properties: [
      { id: 'unit', value: 'h' },
      { id: 'decimals', value: 1 },
      { id: 'custom.cellOptions', value: { type: 'color-text' } },
      {
        id: 'thresholds',
        value: {
          mode: 'absolute',
          steps: [
            { value: null, color: 'red' },
            { value: 11, color: 'text' },
          ],
        },
      },
    ],
  },
  flag('rest_violation', { ja: 'インターバル不足', en: 'short rest' }),
  flag('holiday', { ja: '休日', en: 'day off' }),
  flag('missing_logoff', { ja: 'ログオフなし', en: 'no logoff' }),
];

const filterSheet = (match: 'any' | 'all', filters: unknown[]) => ({
  id: 'filterByValue',
  options: { type: 'include', match, filters },
});

/** Grafana's own 36協定 lines in minutes: 45 h a month is the general limit, 80 h the 2–6 month average ceiling. */
const MONTHLY_OVERTIME_STEPS = steps([45 * 60, 'orange'], [80 * 60, 'red'], [100 * 60, 'purple']);

export const attendanceDashboard: DashboardDef = {
  uid: ATTENDANCE_UID,
  slug: 'working-hours',
  title: bi('勤務実態', 'Working hours'),
  description: bi(
    'PC のログオン・ログオフ、ロック、電源から勤務実態を客観的に記録します (厚労省ガイドラインの客観的記録)。',
    'Objective working-time records from PC logon/logoff, locks and power (MHLW guideline).',
  ),
  tags: ['attendance'],
  // A week keeps the state timeline of 200 people within the backend's cell budget; widen it per team.
  from: 'now-7d',
  variables: ['user', 'department'],
  rows: [
    {
      title: bi('勤怠タイムライン', 'Attendance timeline'),
      panels: [
        panel({
          key: 'timeline',
          viz: 'state-timeline',
          title: bi('在席状況 (ユーザー別)', 'Attendance state by user'),
          description: bi(
            'ログオン 4624 (2/10/11)、ログオフ 4634/4647、ロック 4800/4801、スクリーンセーバー 4802/4803、RDP 4778/4779、電源、Linux セッション。',
            'Logon 4624 (2/10/11), logoff 4634/4647, lock 4800/4801, screensaver 4802/4803, RDP 4778/4779, power and Linux sessions.',
          ),
          points: ['attendance.timeline'],
          queries: [attendance('timeline')],
          scopes: ['user', 'department'],
          mappings: [
            {
              type: 'value',
              options: {
                working: { color: 'green', text: '勤務中 / working', index: 0 },
                locked: { color: 'yellow', text: 'ロック中 / locked', index: 1 },
                away: { color: 'text', text: '離席 / away', index: 2 },
              },
            },
          ],
          w: 24,
          h: 12,
        }),
      ],
    },
    {
      title: bi('勤怠表', 'Attendance sheet'),
      panels: [
        panel({
          key: 'sheet',
          viz: 'table',
          title: bi('勤怠表 (日別)', 'Daily attendance sheet'),
          description: bi(
            '始業・終業 (最初と最後の操作)、休憩、勤務時間、残業、深夜、休日、勤務間インターバル。',
            'First and last activity, breaks, working time, overtime, late night, day off and rest interval per user and day.',
          ),
          points: ['attendance.sheet', 'attendance.rest-interval'],
          queries: [attendance('sheet')],
          scopes: ['user', 'department'],
          overrides: SHEET_OVERRIDES,
          options: { sortBy: [{ displayName: 'date', desc: true }] },
          w: 24,
          h: 12,
        }),
        panel({
          key: 'overtime-ranking',
          viz: 'barchart',
          title: bi('残業ランキング', 'Overtime ranking'),
          description: bi(
            '期間内の残業時間の合計。月45時間 (36協定の一般上限) で橙、80時間で赤、100時間で紫。',
            'Overtime in the range. Orange at 45 h a month (the 36 agreement limit), red at 80 h, purple at 100 h.',
          ),
          points: ['attendance.overtime-ranking', 'attendance.overtime-limits'],
          queries: [attendance('sheet')],
          reuse: 'sheet',
          scopes: ['user', 'department'],
          unit: 'm',
          thresholds: MONTHLY_OVERTIME_STEPS,
          transformations: [
            {
              id: 'groupBy',
              options: {
                fields: {
                  display_name: { operation: 'groupby', aggregations: [] },
                  overtime_minutes: { operation: 'aggregate', aggregations: ['sum'] },
                },
              },
            },
            { id: 'sortBy', options: { sort: [{ field: 'overtime_minutes (sum)', desc: true }] } },
            { id: 'limit', options: { limitField: 20 } },
          ],
          w: 12,
          h: 10,
        }),
        panel({
          key: 'rest-violations',
          viz: 'table',
          title: bi('勤務間インターバル不足', 'Rest-interval violations'),
          description: bi(
            '前日の終業から翌日の始業までが基準 (既定11時間) 未満の日。',
            'Days whose rest since the previous day’s end is under the threshold (default 11 h).',
          ),
          points: ['attendance.rest-interval'],
          queries: [attendance('sheet')],
          reuse: 'sheet',
          scopes: ['user', 'department'],
          overrides: SHEET_OVERRIDES,
          transformations: [
            filterSheet('any', [{ fieldName: 'rest_violation', config: { id: 'equal', options: { value: true } } }]),
            {
              id: 'organize',
              options: {
                includeByName: {
                  user: true,
                  display_name: true,
                  department: true,
                  date: true,
                  first_activity: true,
                  rest_interval_hours: true,
                  rest_violation: true,
                },
              },
            },
          ],
          w: 12,
          h: 10,
        }),
        panel({
          key: 'late-night-holiday',
          viz: 'table',
          title: bi('深夜・休日の PC 利用', 'Late-night and holiday PC use'),
          description: bi(
            '22時〜5時の利用と、土日祝・会社休日の利用 (祝日は設定で変更できます)。',
            'Use between 22:00 and 05:00 and on weekends, public holidays and company days off (configurable).',
          ),
          points: ['attendance.late-night-holiday'],
          queries: [attendance('sheet')],
          reuse: 'sheet',
          scopes: ['user', 'department'],
          overrides: SHEET_OVERRIDES,
          transformations: [
            filterSheet('any', [
              { fieldName: 'late_night_minutes', config: { id: 'greater', options: { value: 0 } } },
              { fieldName: 'holiday', config: { id: 'equal', options: { value: true } } },
            ]),
            {
              id: 'organize',
              options: {
                includeByName: {
                  user: true,
                  display_name: true,
                  department: true,
                  date: true,
                  first_activity: true,
                  last_activity: true,
                  working_minutes: true,
                  late_night_minutes: true,
                  holiday: true,
                },
              },
            },
          ],
          w: 24,
          h: 8,
        }),
      ],
    },
    {
      title: bi('36協定と申告との乖離', '36 agreement and timesheet gaps'),
      panels: [
        panel({
          key: 'agreement36',
          viz: 'table',
          title: bi('36協定 (期間の最終月)', '36 agreement (the range’s last month)'),
          description: bi(
            '時間外 (1日8時間・週40時間超、法定休日労働を除く)、法定休日労働、合計 (100時間未満)、2〜6か月平均 (80時間以内、休日労働込み)、年累計、月45時間超の月数、月末見込み。設定はデータソースの workday.agreement36。',
            'Overtime (beyond 8 h a day and 40 h a week, statutory holiday work excluded), statutory holiday work, their total (under 100 h), 2–6-month averages (80 h, holiday work included), year to date, months over 45 h and the month-end projection. Set in the data source’s workday.agreement36.',
          ),
          points: ['attendance.overtime-limits'],
          queries: [attendance('agreement36')],
          scopes: ['user', 'department'],
          overrides: [
            {
              matcher: { id: 'byName', options: 'status' },
              properties: [
                { id: 'custom.cellOptions', value: { type: 'color-background', mode: 'basic' } },
                {
                  id: 'mappings',
                  value: [
                    {
                      type: 'value',
                      options: {
                        ok: { color: 'transparent', text: '適合 / ok', index: 0 },
                        warning: { color: 'orange', text: '注意 / warning', index: 1 },
                        violation: { color: 'red', text: '違反 / violation', index: 2 },
                      },
                    },
                  ],
                },
              ],
            },
          ],
          options: { sortBy: [{ displayName: 'total_hours', desc: true }] },
          w: 24,
          h: 10,
        }),
        panel({
          key: 'timesheet-divergence',
          viz: 'table',
          title: bi('自己申告との乖離', 'Gaps between the logs and the timesheet'),
          description: bi(
            'PC・入退室の始業・終業と取り込んだタイムシート (kansa timesheet import) の差が基準 (既定30分) を超えた日: 申告外の早出・残業、活動のない申告、休日の活動。',
            'Days whose PC/door start or end differs from the imported timesheet (kansa timesheet import) by more than the threshold (default 30 min): unreported early start or late work, reported without activity, activity on a day off.',
          ),
          points: ['attendance.timesheet-divergence'],
          queries: [attendance('divergence')],
          scopes: ['user', 'department'],
          overrides: minutes(['early_gap_minutes', 'late_gap_minutes', 'reported_minutes', 'actual_minutes']),
          transformations: [
            filterSheet('any', [{ fieldName: 'flagged', config: { id: 'equal', options: { value: true } } }]),
          ],
          options: { sortBy: [{ displayName: 'date', desc: true }] },
          w: 24,
          h: 10,
        }),
      ],
    },
    {
      title: bi('PC とネットの利用', 'PC and web use'),
      panels: [
        panel({
          key: 'sns-video',
          viz: 'barchart',
          title: bi('SNS・動画サイトの閲覧 (ユーザー別)', 'Social media and video browsing by user'),
          description: bi('プロキシの URL カテゴリ sns / video。', 'Proxy URL categories sns and video.'),
          points: ['attendance.sns-video'],
          queries: [top(S.SNS_VIDEO, [by(F.userName, 15), then(F.kansaUrlCategory, 2)])],
          scopes: ['user', 'department'],
          thresholds: steps([100, 'orange'], [300, 'red']),
          options: { stacking: 'normal' },
          w: 12,
        }),
        panel({
          key: 'sns-video-time',
          viz: 'timeseries',
          title: bi('SNS・動画サイトの閲覧 (時間帯)', 'Social media and video browsing over time'),
          description: bi('業務時間中の閲覧の増減。', 'Browsing during working hours.'),
          points: ['attendance.sns-video'],
          queries: [metrics(S.SNS_VIDEO, { groupBy: [by(F.kansaUrlCategory, 2)] })],
          scopes: ['user', 'department'],
          w: 12,
        }),
        panel({
          key: 'mail-sent',
          viz: 'bargauge',
          title: bi('メール送信数 (送信者別)', 'Mail sent by sender'),
          description: bi(
            'メールサーバーのキュー記録の送信者アドレス。',
            'Sender addresses of the mail server’s queue records.',
          ),
          points: ['attendance.mail-volume'],
          queries: [
            top(
              S.MAIL_SENT,
              [by(F.emailFromAddress, 15)],
              [
                { id: 'count', type: 'count' },
                { id: 'bytes', type: 'sum', field: F.sourceBytes },
              ],
            ),
          ],
          w: 12,
        }),
        panel({
          key: 'mail-received',
          viz: 'bargauge',
          title: bi('メール受信数 (宛先別)', 'Mail received by recipient'),
          description: bi('社外から届いたメールの宛先。', 'Recipients of mail from outside.'),
          points: ['attendance.mail-volume'],
          queries: [top(S.MAIL_RECEIVED, [by(F.emailToAddress, 15)])],
          w: 12,
        }),
      ],
    },
  ],
};
