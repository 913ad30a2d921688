import { FIELD as F } from '@kansa/schema/fields';

import type { DashboardDef } from '../../dashboard';
import { panel, steps, type PanelDef } from '../../panels';
import { and, attendance, by, metrics, risk, sum, top, type QueryDraft } from '../../queries';
import * as S from '../../signals';
import { type Bi, bi } from '../../text';
import { ATTENDANCE_UID } from '../attendance';
import { AUDIT_UID } from '../audit';
import { CYBER_UID } from '../cyber';
import { FAILURE_UID } from '../failure';
import { INSIDER_UID } from '../insider';

const link = (uid: string, t: Bi) => [
  { title: bi(`${t.ja}を開く`, `Open ${t.en}`), url: `/d/${uid}?\${__url_time_range}` },
];

function stat(
  key: string,
  t: Bi,
  d: Bi,
  points: string[],
  query: QueryDraft,
  uid: string,
  dash: Bi,
  th: Array<[number, string]>,
): PanelDef {
  return panel({
    key,
    viz: 'stat',
    title: t,
    description: d,
    points,
    queries: [query],
    valueLinks: link(uid, dash),
    thresholds: steps(...th),
    w: 6,
    h: 5,
  });
}

const CYBER = bi('サイバー攻撃対策', 'Cyber attack');
const INSIDER = bi('内部不正対策', 'Insider threat');
const AUDIT = bi('監査報告', 'Audit');
const ATTENDANCE = bi('勤務実態', 'Working hours');
const FAILURE = bi('障害調査', 'Failure investigation');

export const overview: DashboardDef = {
  uid: 'kansa-overview',
  slug: 'overview',
  title: bi('概要', 'Overview'),
  description: bi(
    'ログ管理の5つの目的ごとの件数と上位。各行から詳しいダッシュボードへ移れます。',
    'Counts and top offenders for each of the five purposes, linking to the detailed dashboards.',
  ),
  tags: ['overview'],
  from: 'now-7d',
  variables: [],
  rows: [
    {
      title: CYBER,
      panels: [
        stat(
          'logon-failures',
          bi('ログオン失敗', 'Logon failures'),
          bi('認証失敗の件数。', 'Authentication failures.'),
          ['cyber.logon-failures'],
          metrics(S.LOGON_FAILURES),
          CYBER_UID,
          CYBER,
          [
            [100, 'orange'],
            [500, 'red'],
          ],
        ),
        stat(
          'escalations',
          bi('管理者グループへの追加', 'Admin group additions'),
          bi('4728/4732/4756、sudo/wheel への追加。', '4728/4732/4756 and sudo/wheel additions.'),
          ['cyber.escalation'],
          metrics(S.ADMIN_GROUP_ADDITIONS),
          CYBER_UID,
          CYBER,
          [[1, 'red']],
        ),
        stat(
          'policy-changes',
          bi('ポリシー変更・ログ消去', 'Policy changes, log clearing'),
          bi('4719/4739/1102 など。', '4719, 4739, 1102 and more.'),
          ['cyber.policy-change', 'cyber.account-creation'],
          metrics(`${S.POLICY_CHANGES} OR ${S.ACCOUNTS_CREATED}`),
          CYBER_UID,
          CYBER,
          [[1, 'red']],
        ),
        panel({
          key: 'failing-sources',
          viz: 'bargauge',
          title: bi('ログオン失敗の多い送信元', 'Top failing sources'),
          description: bi('ブルートフォース・スプレーの送信元。', 'Brute-force and spraying sources.'),
          points: ['cyber.logon-failures'],
          queries: [top(S.LOGON_FAILURES, [by(F.sourceIp, 5)])],
          thresholds: steps([20, 'orange'], [100, 'red']),
          valueLinks: link(CYBER_UID, CYBER),
          w: 6,
          h: 5,
        }),
      ],
    },
    {
      title: INSIDER,
      panels: [
        stat(
          'acl',
          bi('アクセス権の変更', 'ACL changes'),
          bi('4670。', '4670.'),
          ['insider.acl-changes'],
          metrics(S.ACL_CHANGES),
          INSIDER_UID,
          INSIDER,
          [
            [1, 'orange'],
            [10, 'red'],
          ],
        ),
        stat(
          'leaver-activity',
          bi('退職予定者の対象行動', 'Leaver activity'),
          bi('ウォッチリストの人の転職サイト・USB・印刷など。', 'Job sites, USB, printing by watchlisted users.'),
          ['insider.leaver-timeline'],
          metrics(and(S.WATCHLIST, S.LEAVER_ACTIVITY)),
          INSIDER_UID,
          INSIDER,
          [
            [100, 'orange'],
            [500, 'red'],
          ],
        ),
        panel({
          key: 'risk-top',
          viz: 'table',
          title: bi('リスクの高いユーザー', 'Riskiest users'),
          description: bi('日次リスクスコアの上位。', 'Top daily risk scores.'),
          points: ['insider.risk-score'],
          queries: [risk('user', 5)],
          thresholds: steps([50, 'orange'], [80, 'red']),
          valueLinks: link(INSIDER_UID, INSIDER),
          w: 12,
          h: 5,
        }),
      ],
    },
    {
      title: AUDIT,
      panels: [
        stat(
          'account-changes',
          bi('アカウント・グループの変更', 'Account and group changes'),
          bi('追加・削除・メンバー変更。', 'Adds, deletes and membership changes.'),
          ['audit.account-changes'],
          metrics(S.ACCOUNT_CHANGES),
          AUDIT_UID,
          AUDIT,
          [[1, 'orange']],
        ),
        stat(
          'privileged',
          bi('特権管理者の操作', 'Privileged operations'),
          bi('特権ユーザーの sudo と DB 操作。', 'sudo and DB operations by privileged users.'),
          ['audit.privileged-operations'],
          metrics(and(S.PRIVILEGED, `(${S.SUDO} OR ${S.DB_OPERATIONS})`)),
          AUDIT_UID,
          AUDIT,
          [[500, 'orange']],
        ),
        stat(
          'retention',
          bi('保存期間による削除', 'Retention deletions'),
          bi('保存ポリシーで削除した件数。', 'Items the retention policy deleted.'),
          ['audit.retention'],
          metrics(S.RETENTION, { metrics: [sum(F.kansaCount, 'deleted')] }),
          AUDIT_UID,
          AUDIT,
          [[1, 'blue']],
        ),
      ],
    },
    {
      title: ATTENDANCE,
      panels: [
        panel({
          key: 'overtime-top',
          viz: 'bargauge',
          title: bi('残業の多い人', 'Most overtime'),
          description: bi('期間内の残業時間の合計。', 'Overtime in the range.'),
          points: ['attendance.overtime-ranking'],
          queries: [attendance('sheet')],
          unit: 'm',
          thresholds: steps([45 * 60, 'orange'], [80 * 60, 'red']),
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
            { id: 'limit', options: { limitField: 5 } },
          ],
          valueLinks: link(ATTENDANCE_UID, ATTENDANCE),
          w: 12,
          h: 6,
        }),
        stat(
          'sns',
          bi('SNS・動画の閲覧', 'SNS and video browsing'),
          bi('プロキシのカテゴリ sns/video。', 'Proxy categories sns and video.'),
          ['attendance.sns-video'],
          metrics(S.SNS_VIDEO),
          ATTENDANCE_UID,
          ATTENDANCE,
          [[1000, 'orange']],
        ),
      ],
    },
    {
      title: FAILURE,
      panels: [
        stat(
          'network-errors',
          bi('ネットワーク機器のエラー', 'Network device errors'),
          bi('重大度3以下とリンク変化。', 'Severity ≤ 3 and link changes.'),
          ['failure.network-errors'],
          metrics(S.NETWORK_ERRORS),
          FAILURE_UID,
          FAILURE,
          [
            [10, 'orange'],
            [50, 'red'],
          ],
        ),
        stat(
          'ap-errors',
          bi('無線 AP のエラー', 'Wireless AP errors'),
          bi('AP の無線エラー。', 'AP radio errors.'),
          ['failure.ap-errors'],
          metrics(S.AP_ERRORS),
          FAILURE_UID,
          FAILURE,
          [
            [20, 'orange'],
            [80, 'red'],
          ],
        ),
        stat(
          'errors',
          bi('エラーログ', 'Error logs'),
          bi('システム・アプリのエラー。', 'System and application errors.'),
          ['failure.error-logs'],
          metrics(S.ERROR_LOGS),
          FAILURE_UID,
          FAILURE,
          [[100, 'orange']],
        ),
      ],
    },
  ],
};
