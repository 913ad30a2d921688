import { FIELD as F } from '@kansa/schema/fields';

import { CYBER_UID } from '../dashboards/cyber';
import { by, metrics } from '../queries';
import * as S from '../signals';
import { bi } from '../text';
import { MINUTE, rule } from './model';

export default rule({
  id: 'cyber-account-created',
  useCase: 'cyber',
  point: 'cyber.account-creation',
  severity: 'warning',
  title: bi('アカウントの作成', 'Account created'),
  threshold: 0,
  thresholdWhy: bi(
    'アカウント作成は入社・異動時だけ。すべて確認します。',
    'Accounts are created on joining or transfer only; every one is checked.',
  ),
  for: '0s',
  queries: () => [
    {
      refId: 'A',
      query: metrics(S.ACCOUNTS_CREATED, { groupBy: [by(F.hostName, 20), by(F.userTargetName, 20)], interval: '1m' }),
      fromSeconds: 10 * MINUTE,
      intervalMs: 60000,
    },
  ],
  reducer: 'sum',
  summary: bi(
    '{{ index $labels "host.name" }} でアカウント {{ index $labels "user.target.name" }} が作成されました',
    'Account {{ index $labels "user.target.name" }} created on {{ index $labels "host.name" }}',
  ),
  description: bi(
    '{{ index $labels "host.name" }} でアカウント {{ index $labels "user.target.name" }} が作成されました (4720 または useradd)。',
    'Account {{ index $labels "user.target.name" }} was created on {{ index $labels "host.name" }} (4720 or useradd).',
  ),
  runbook: bi(
    '1. 人事・ID 管理の申請と照合。2. 申請がなければ無効化し、作成者のセッションを調査 (バックドアの可能性)。',
    '1. Match it against an HR or identity request. 2. Without one, disable it and investigate the creator’s session (possible backdoor).',
  ),
  dashboardUid: CYBER_UID,
  panelKey: 'accounts-created',
  scenario: { id: 'backdoor-account', label: F.userTargetName, value: 'svc_backup2' },
});
