import { FIELD as F } from '@kansa/schema/fields';

import { INSIDER_UID } from '../dashboards/insider';
import { by, metrics } from '../queries';
import * as S from '../signals';
import { bi } from '../text';
import { MINUTE, rule } from './model';

export default rule({
  id: 'insider-public-share',
  useCase: 'insider',
  point: 'insider.sharing-scope',
  severity: 'high',
  title: bi('リンクを知っている全員への共有 (匿名リンク)', 'Shared with anyone with the link (anonymous link)'),
  threshold: 0,
  thresholdWhy: bi(
    '匿名リンクは URL を知っていれば誰でもサインインなしで開け、誰が開いたかも残りません。社内共有や承認済み取引先への特定ユーザー共有では発報せず、匿名リンクは1件ごとに確認します。',
    'Anyone holding an anonymous link opens the item without signing in, and who opened it is not recorded. Internal shares and specific-people links for approved partners never fire; each anonymous link is checked.',
  ),
  for: '0s',
  queries: () => [
    {
      refId: 'A',
      query: metrics(S.ANONYMOUS_LINKS, { groupBy: [by(F.userName, 50), by(F.filePath, 10)], interval: '1m' }),
      fromSeconds: 10 * MINUTE,
      intervalMs: 60000,
    },
  ],
  reducer: 'sum',
  summary: bi(
    '{{ index $labels "user.name" }} が匿名リンクを作成',
    '{{ index $labels "user.name" }} created an anonymous link',
  ),
  description: bi(
    '{{ index $labels "user.name" }} が {{ index $labels "file.path" }} に「リンクを知っている全員」の共有リンクを {{ $values.Ar.Value }} 件作成しました (Microsoft 365 監査ログの AnonymousLinkCreated、または Google ドライブで公開範囲を「リンクを知っている全員」「ウェブ上で一般公開」に変更)。',
    '{{ index $labels "user.name" }} created {{ $values.Ar.Value }} anyone-with-the-link sharing links to {{ index $labels "file.path" }} (Microsoft 365 audit log AnonymousLinkCreated, or a Google Drive item made visible to anyone with the link or public on the web).',
  ),
  runbook: bi(
    '1. 共有された項目 (ファイル・フォルダ) と場所を確認。機密フォルダなら最優先。2. 本人と上長に業務上の理由を確認。3. 不要ならリンクを削除 (SharingRevoked) し、作成後の AnonymousLinkUsed で誰かが開いていないか確認。',
    '1. Find the shared item (file or folder) and where it is; a confidential folder comes first. 2. Ask the person and their manager why. 3. If not needed, remove the link (SharingRevoked) and look for AnonymousLinkUsed since it was created.',
  ),
  dashboardUid: INSIDER_UID,
  panelKey: 'cloud-sharing',
  scenario: { id: 'public-share-confidential', label: F.userName, value: 'sakamoto.a' },
});
