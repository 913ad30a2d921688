import { FIELD as F } from '@kansa/schema/fields';

import type { DashboardDef } from '../../dashboard';
import { panel, steps } from '../../panels';
import { and, by, count, logs, max, metrics, raw, risk, riskQueue, sum, top, then } from '../../queries';
import * as S from '../../signals';
import { personLink } from '../../../routes';
import { bi } from '../../text';

export const INSIDER_UID = 'kansa-insider';

/** The leaver timeline of this dashboard for one user: the watchlist table and the risk page link here. */
export const leaverTimelineUrl = (user: string) => `/d/${INSIDER_UID}?var-user=${user}&\${__url_time_range}`;

export const insider: DashboardDef = {
  uid: INSIDER_UID,
  slug: 'insider-threat',
  title: bi('内部不正対策', 'Insider threat'),
  description: bi(
    '重要データを持つサーバー、特権利用、退職予定者の3つの観点で、情報漏えいを抑止・調査します。',
    'Deter and investigate leaks from three viewpoints: servers holding important data, privileged use, and leavers.',
  ),
  tags: ['insider'],
  from: 'now-30d',
  variables: ['user', 'department', 'host'],
  rows: [
    {
      title: bi('重要データを持つサーバー', 'Servers holding important data'),
      panels: [
        panel({
          key: 'server-reads-by-user',
          viz: 'timeseries',
          title: bi('ファイルサーバーの読み取り (ユーザー別)', 'File-server reads by user'),
          description: bi(
            'ファイルサーバー (資産台帳の role=file-server) での読み取り。',
            'Reads on file servers (asset role file-server).',
          ),
          points: ['insider.server-mass-reads'],
          queries: [metrics(and(S.FILE_READS, S.FILE_SERVERS), { groupBy: [by(F.userName, 10)] })],
          scopes: ['user', 'department', 'host'],
          w: 12,
        }),
        panel({
          key: 'server-copies-by-user',
          viz: 'timeseries',
          title: bi('コピー (ユーザー別)', 'Copies by user'),
          description: bi(
            'ファイルサーバーとリムーバブルドライブへのファイル作成。',
            'Files created on file servers and removable drives.',
          ),
          points: ['insider.server-mass-copies'],
          queries: [metrics(S.FILE_COPIES, { groupBy: [by(F.userName, 10)] })],
          scopes: ['user', 'department', 'host'],
          w: 12,
        }),
        panel({
          key: 'acl-changes',
          viz: 'table',
          title: bi('アクセス権の変更', 'ACL changes'),
          description: bi(
            '4670 (ファイル・フォルダのアクセス許可の変更)。Everyone (WD) への付与に注意。',
            '4670 file and folder permission changes. Watch grants to Everyone (WD).',
          ),
          points: ['insider.acl-changes'],
          queries: [raw(S.ACL_CHANGES, [F.timestamp, F.hostName, F.userName, F.filePath, F.kansaMessageJa])],
          scopes: ['user', 'host'],
          w: 24,
          valueLinks: [personLink(F.userName)],
        }),
        panel({
          key: 'db-reads-by-user',
          viz: 'timeseries',
          title: bi('データベースの読み取り (人別)', 'Database reads by person'),
          description: bi(
            'SQL Server Audit・pgaudit・MySQL の SELECT のうち、ディレクトリにいる人によるもの (アプリケーションやサービスのアカウントは除く)。テーブル全体をページ送りで読む一括取得は短時間の山になります。',
            'SELECTs in SQL Server Audit, pgaudit and MySQL audit logs by people in the directory (application and service accounts left out). Paging through a whole table shows as a short, tall peak.',
          ),
          points: ['insider.db-bulk-reads'],
          queries: [metrics(S.DB_READS_BY_PEOPLE, { groupBy: [by(F.userName, 10)] })],
          scopes: ['user', 'department'],
          w: 24,
        }),
        panel({
          key: 'cloud-sharing',
          viz: 'table',
          title: bi('クラウドの共有範囲の変更', 'Cloud sharing scope changes'),
          description: bi(
            'SharePoint・OneDrive の共有 (Microsoft 365 監査ログ) と Google ドライブの公開範囲の変更。匿名リンク (anonymous-link-created: リンクを知っている全員) と社外ゲストへの共有に注意。',
            'SharePoint and OneDrive sharing (Microsoft 365 audit log) and Google Drive visibility changes. Watch anonymous links (anonymous-link-created: anyone with the link) and shares with outside guests.',
          ),
          points: ['insider.sharing-scope'],
          queries: [
            raw(S.SHARING_CHANGES, [
              F.timestamp,
              F.userName,
              F.eventAction,
              F.userTargetName,
              F.filePath,
              F.kansaMessageJa,
            ]),
          ],
          scopes: ['user', 'department'],
          w: 24,
          valueLinks: [personLink(F.userName)],
        }),
      ],
    },
    {
      title: bi('特権利用', 'Privileged use'),
      panels: [
        panel({
          key: 'privileged-file-reads',
          viz: 'table',
          title: bi('特権管理者のファイル閲覧', 'Privileged admins reading files'),
          description: bi(
            'ディレクトリで特権フラグを持つユーザーが読んだフォルダ。',
            'Folders read by users flagged privileged in the directory.',
          ),
          points: ['insider.privileged-file-reads'],
          queries: [top(and(S.FILE_READS, S.PRIVILEGED), [by(F.userName, 10), then(F.fileDirectory, 10)])],
          scopes: ['user', 'host'],
          thresholds: steps([20, 'orange'], [100, 'red']),
          w: 12,
          valueLinks: [personLink(F.userName)],
        }),
        panel({
          key: 'privileged-db',
          viz: 'barchart',
          title: bi('特権管理者のデータベース操作', 'Privileged admins operating databases'),
          description: bi(
            'pgaudit・MySQL・SQL Server の監査ログ。操作の種類別。',
            'pgaudit, MySQL and SQL Server audit logs, by operation.',
          ),
          points: ['insider.privileged-db'],
          queries: [top(and(S.DB_OPERATIONS, S.PRIVILEGED), [by(F.userName, 10), then(F.eventAction, 5)])],
          scopes: ['user'],
          thresholds: steps([50, 'orange'], [100, 'red']),
          w: 12,
        }),
        panel({
          key: 'privileged-commands',
          viz: 'logs',
          title: bi('特権コマンド (sudo)', 'Privileged commands (sudo)'),
          description: bi('sudo と auditd USER_CMD。', 'sudo and auditd USER_CMD.'),
          points: ['insider.privileged-db', 'insider.privileged-file-reads'],
          queries: [logs(S.SUDO)],
          scopes: ['user', 'host'],
          w: 24,
        }),
      ],
    },
    {
      title: bi('退職予定者', 'Employees about to leave'),
      panels: [
        panel({
          key: 'leaver-watchlist',
          viz: 'table',
          title: bi('退職予定者ウォッチリスト', 'Leaver watchlist'),
          description: bi(
            'ディレクトリの退職予定者と退職日、対象行動の件数。名前をクリックするとその人のタイムラインを表示します。',
            'Watchlisted users with their departure date and tracked activity. Click a name for their timeline.',
          ),
          points: ['insider.leaver-timeline'],
          queries: [top(and(S.WATCHLIST, S.LEAVER_ACTIVITY), [by(F.userName, 50), by(F.kansaUserDepartureDate, 1)])],
          scopes: ['department'],
          thresholds: steps([100, 'orange'], [300, 'red']),
          valueLinks: [
            {
              title: bi('この人のタイムライン', 'Timeline of this user'),
              url: leaverTimelineUrl(`\${__data.fields["${F.userName}"]}`),
            },
            personLink(F.userName),
          ],
          w: 8,
        }),
        panel({
          key: 'leaver-activity',
          viz: 'timeseries',
          title: bi('退職予定者の行動 (種類別)', 'Leaver activity by kind'),
          description: bi(
            '転職サイト閲覧、ファイルアクセス、外部デバイスへのコピー、社外メール、クラウドへのアップロードとクラウドからのダウンロード、大量印刷。',
            'Job-site browsing, file access, copies to external devices, outgoing mail, cloud uploads and downloads, and printing.',
          ),
          points: ['insider.leaver-timeline', 'insider.leaver-baseline'],
          queries: [metrics(and(S.WATCHLIST, S.LEAVER_ACTIVITY), { groupBy: [by(F.eventAction, 10)], interval: '1d' })],
          scopes: ['user', 'department'],
          w: 16,
        }),
        panel({
          key: 'leaver-timeline',
          viz: 'logs',
          title: bi('退職予定者のタイムライン', 'Leaver activity timeline'),
          description: bi(
            'ユーザー変数で1人に絞ると、その人の行動を時系列で追えます。',
            'Set the user variable to follow one person over time.',
          ),
          points: ['insider.leaver-timeline'],
          queries: [logs(and(S.WATCHLIST, S.LEAVER_ACTIVITY), { limit: 1000 })],
          scopes: ['user', 'department'],
          w: 24,
          h: 12,
        }),
        panel({
          key: 'leaver-cloud-downloads',
          viz: 'timeseries',
          title: bi('クラウドからのダウンロード (ウォッチリスト)', 'Cloud downloads (watchlist)'),
          description: bi(
            'SharePoint・OneDrive (ブラウザでのダウンロードと同期クライアントによる取得)、Google ドライブ、Box からファイルをダウンロードした件数を人・日ごとに。普段は1日に数件です。',
            'Files downloaded from SharePoint and OneDrive (in the browser or by the sync client), Google Drive and Box, per person and day. A few a day is ordinary.',
          ),
          points: ['insider.leaver-cloud-downloads'],
          queries: [metrics(and(S.WATCHLIST, S.CLOUD_DOWNLOADS), { groupBy: [by(F.userName, 10)], interval: '1d' })],
          scopes: ['user', 'department'],
          w: 24,
        }),
        panel({
          key: 'leaver-printing',
          viz: 'bargauge',
          title: bi('印刷ページ数 (ウォッチリスト)', 'Pages printed (watchlist)'),
          description: bi('大量印刷。', 'Mass printing.'),
          points: ['insider.leaver-timeline'],
          queries: [top(and(S.WATCHLIST, S.PRINTING), [by(F.userName, 10)], [sum(F.kansaPrintPages, 'pages')])],
          scopes: ['user', 'department'],
          thresholds: steps([500, 'orange'], [1000, 'red']),
          unit: 'none',
          w: 8,
        }),
        panel({
          key: 'leaver-mail',
          viz: 'table',
          title: bi('個人アドレスへのメール', 'Mail to private addresses'),
          description: bi(
            'gmail.com などのフリーメールへの送信 (メールログは送信者をキュー ID でしか結ばないため宛先別)。',
            'Mail delivered to free-mail addresses such as gmail.com, by recipient (mail logs link the sender only by queue ID).',
          ),
          points: ['insider.leaver-timeline'],
          queries: [top(S.PRIVATE_MAIL, [by(F.emailToAddress, 20)], [count, sum(F.sourceBytes, 'bytes')])],
          w: 16,
        }),
      ],
    },
    {
      title: bi('リスクスコア', 'Risk score'),
      panels: [
        panel({
          key: 'risk-ranking',
          viz: 'table',
          title: bi('リスクスコア ランキング', 'Risk ranking'),
          description: bi(
            'ユーザーごとの日次リスクスコア (普段と違う行動、例: 営業が開発フォルダを開く) の最大値と理由。',
            'Each user’s highest daily risk score (unusual behaviour, e.g. sales opening development folders) and why.',
          ),
          points: ['insider.risk-score'],
          queries: [risk('user', 50)],
          thresholds: steps([50, 'orange'], [80, 'red']),
          overrides: [
            {
              matcher: { id: 'byName', options: 'score' },
              properties: [{ id: 'custom.cellOptions', value: { type: 'color-background' } }],
            },
            { matcher: { id: 'byName', options: 'confidence' }, properties: [{ id: 'unit', value: 'percentunit' }] },
          ],
          w: 16,
          h: 10,
        }),
        panel({
          key: 'risk-events',
          viz: 'timeseries',
          title: bi('リスクの高いイベント', 'High-risk events'),
          description: bi('スコア付きイベントの最大スコア。', 'Highest score of scored events.'),
          points: ['insider.risk-score'],
          queries: [
            metrics(`${F.kansaRiskScore}:>=50`, {
              metrics: [max(F.kansaRiskScore, 'score'), count],
              groupBy: [by(F.userName, 10, 'score')],
            }),
          ],
          scopes: ['user', 'department'],
          thresholds: steps([50, 'orange'], [80, 'red']),
          custom: { drawStyle: 'points', pointSize: 8, stacking: { mode: 'none' } },
          w: 8,
          h: 10,
        }),
        panel({
          key: 'risk-queue',
          viz: 'table',
          title: bi('レビューキュー', 'Review queue'),
          description: bi(
            '毎日、ユーザーの1% (最低1人) まで新規ケースを開きます。同じ内容のケースが14日間開いている人は枠を使わず、その日の根拠がケースに加わります (new = 新規、open = 継続中)。',
            'Each day at most 1 % of users (at least one) open a new case; a user whose case for the same story is open (14 days) takes no slot, the day’s evidence goes into that case (new = new case, open = open case).',
          ),
          points: ['insider.risk-score'],
          queries: [riskQueue()],
          thresholds: steps([50, 'orange'], [80, 'red']),
          overrides: [
            {
              matcher: { id: 'byName', options: 'score' },
              properties: [{ id: 'custom.cellOptions', value: { type: 'color-background' } }],
            },
          ],
          w: 24,
          h: 10,
        }),
      ],
    },
  ],
};
