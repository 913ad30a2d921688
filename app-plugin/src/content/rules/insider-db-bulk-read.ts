import { FIELD as F } from '@kansa/schema/fields';

import { INSIDER_UID } from '../dashboards/insider';
import { by, metrics } from '../queries';
import * as S from '../signals';
import { bi } from '../text';
import { MINUTE, rule } from './model';

export default rule({
  id: 'insider-db-bulk-read',
  useCase: 'insider',
  point: 'insider.db-bulk-reads',
  severity: 'high',
  title: bi('データベースの大量読み取り', 'Bulk database reads by a person'),
  threshold: 100,
  thresholdWhy: bi(
    '人が Excel や SSMS で出すレポートは10分に数件の SELECT です。10分で100件を超える SELECT はスクリプトによるテーブルの一括取得 (ページ送り) です。アプリケーション・サービスのアカウントはディレクトリにいないため数えません。',
    'A report a person runs from Excel or SSMS is a few SELECTs in ten minutes; over 100 in ten minutes is a script paging through a table. Application and service accounts are not in the directory and are not counted.',
  ),
  for: '0s',
  queries: () => [
    {
      refId: 'A',
      query: metrics(S.DB_READS_BY_PEOPLE, {
        groupBy: [by(F.userName, 50), by(F.kansaDbObject, 10)],
        interval: '1m',
      }),
      fromSeconds: 10 * MINUTE,
      intervalMs: 60000,
    },
  ],
  reducer: 'sum',
  summary: bi(
    '{{ index $labels "user.name" }} が {{ index $labels "kansa.db.object" }} を大量に読み取り',
    '{{ index $labels "user.name" }} read {{ index $labels "kansa.db.object" }} in bulk',
  ),
  description: bi(
    '{{ index $labels "user.name" }} が10分間に {{ index $labels "kansa.db.object" }} への SELECT を {{ $values.Ar.Value }} 件実行しました (データベース監査ログ)。',
    '{{ index $labels "user.name" }} ran {{ $values.Ar.Value }} SELECTs on {{ index $labels "kansa.db.object" }} in ten minutes (database audit log).',
  ),
  runbook: bi(
    '1. 監査ログの文 (statement) と返却行数 (response_rows)、接続元のアプリケーション名と端末を確認。2. 本人と上長に業務上の理由を確認。3. 不正なら DB ログインを停止し、その後の端末からの送信 (プロキシ・メール・USB) を確認。',
    '1. Read the statements and rows returned (response_rows), the client application and the PC. 2. Ask the person and their manager why. 3. If improper, disable the database login and check what left the PC afterwards (proxy, mail, USB).',
  ),
  dashboardUid: INSIDER_UID,
  panelKey: 'db-reads-by-user',
  scenario: { id: 'db-bulk-export', label: F.userName, value: 'saito.a2' },
});
