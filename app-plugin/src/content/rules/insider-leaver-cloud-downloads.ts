import { FIELD as F } from '@kansa/schema/fields';

import { INSIDER_UID } from '../dashboards/insider';
import { and, by, metrics } from '../queries';
import * as S from '../signals';
import { bi } from '../text';
import { DAY, rule } from './model';

export default rule({
  id: 'insider-leaver-cloud-downloads',
  useCase: 'insider',
  point: 'insider.leaver-cloud-downloads',
  severity: 'high',
  title: bi('退職予定者のクラウドからの大量ダウンロード', 'Leaver downloading many files from the cloud'),
  threshold: 50,
  thresholdWhy: bi(
    '退職予定者が7日間に SharePoint・OneDrive・Google ドライブ・Box から50件を超えるファイルをダウンロードしたとき。普段のダウンロードは1人7日で十数件まで、数件を開く・落とすだけでは発報しません。7日の合計で見るのは、最終週に毎日少しずつ持ち出すと本人の過去平均との比較 (insider-leaver-baseline) では平均ごと上がって見えなくなるためです。',
    'When a watchlisted user downloads more than 50 files from SharePoint, OneDrive, Google Drive and Box in 7 days. Ordinary downloads stay below twenty per person in 7 days, so opening or saving a few files never fires. The 7-day sum catches a pull spread over the last week, which raises the own average that insider-leaver-baseline compares against and hides there.',
  ),
  for: '0s',
  queries: () => [
    {
      refId: 'A',
      query: metrics(and(S.WATCHLIST, S.CLOUD_DOWNLOADS), { groupBy: [by(F.userName, 50)], interval: '1h' }),
      fromSeconds: 7 * DAY,
      intervalMs: 3600000,
    },
  ],
  reducer: 'sum',
  summary: bi(
    '退職予定者 {{ index $labels "user.name" }} がクラウドから大量にダウンロード',
    'Leaver {{ index $labels "user.name" }} downloaded many files from the cloud',
  ),
  description: bi(
    '退職予定者 {{ index $labels "user.name" }} が過去7日間にクラウドのファイルを {{ $values.Ar.Value }} 件ダウンロードしました (Microsoft 365 監査ログの FileDownloaded・FileSyncDownloadedFull、Google ドライブ・Box のダウンロード)。',
    'Watchlisted {{ index $labels "user.name" }} downloaded {{ $values.Ar.Value }} cloud files in the last 7 days (Microsoft 365 audit log FileDownloaded and FileSyncDownloadedFull, Google Drive and Box downloads).',
  ),
  runbook: bi(
    '1. 内部不正対策ダッシュボードでダウンロードした場所 (サイト・フォルダ) と日時を確認。同期クライアント (FileSyncDownloadedFull) ならライブラリ全体が PC にあります。2. PC 交換直後の初回同期でないか情報システム部に確認。3. その PC から USB・個人メール・個人クラウドへの持ち出しがないか同じ日のタイムラインを確認し、人事・上長と対応を決める。',
    '1. On the Insider threat dashboard, find where (site, folder) and when the files came from; with the sync client (FileSyncDownloadedFull) the whole library is on the PC. 2. Ask IT whether it is the first sync of a replaced PC. 3. Check the same days’ timeline for USB, private mail or personal cloud from that PC, and decide the response with HR and the manager.',
  ),
  dashboardUid: INSIDER_UID,
  panelKey: 'leaver-cloud-downloads',
  scenario: { id: 'leaver-cloud-downloads', label: F.userName, value: 'sakamoto.a' },
});
