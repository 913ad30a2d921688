import { FIELD as F } from '@kansa/schema/fields';

import type { DashboardDef } from '../../dashboard';
import { panel, steps } from '../../panels';
import { by, logs, metrics, raw, sum, top, then } from '../../queries';
import * as S from '../../signals';
import { personLink } from '../../../routes';
import { bi } from '../../text';

export const AUDIT_UID = 'kansa-audit';

/** Important folders until the configuration page's list is used (the audit report page uses that list). */
export const DEFAULT_IMPORTANT_FOLDERS = ['*\\\\機密\\\\*', '*\\\\製品設計\\\\*'];
export const importantFolders = (patterns: readonly string[]) => `${F.filePath}:(${patterns.join(' OR ')})`;

export const audit: DashboardDef = {
  uid: AUDIT_UID,
  slug: 'audit',
  title: bi('監査報告', 'Audit'),
  description: bi(
    'システムが不正に変更されていないこと、特権作業が正当だったことをログで証明します。',
    'Evidence from the logs that systems were not changed improperly and that privileged work was legitimate.',
  ),
  tags: ['audit'],
  from: 'now-30d',
  variables: ['user', 'department', 'host'],
  rows: [
    {
      title: bi('重要フォルダへのアクセス', 'Access to important folders'),
      panels: [
        panel({
          key: 'important-folder-access',
          viz: 'table',
          title: bi('重要フォルダへのアクセス (ユーザー・フォルダ別)', 'Important-folder access by user and folder'),
          description: bi(
            '機密・製品設計フォルダへのアクセス (設定ページで変更できます)。',
            'Access to the confidential and design folders (configurable).',
          ),
          points: ['audit.important-folders'],
          queries: [top(importantFolders(DEFAULT_IMPORTANT_FOLDERS), [by(F.userName, 20), then(F.fileDirectory, 5)])],
          scopes: ['user', 'department', 'host'],
          thresholds: steps([50, 'orange'], [200, 'red']),
          w: 12,
          valueLinks: [personLink(F.userName)],
        }),
        panel({
          key: 'important-folder-timeline',
          viz: 'timeseries',
          title: bi('重要フォルダへのアクセス (操作別)', 'Important-folder access by operation'),
          description: bi(
            '読み取り・書き込み・削除・アクセス権変更。',
            'Reads, writes, deletes and permission changes.',
          ),
          points: ['audit.important-folders'],
          queries: [metrics(importantFolders(DEFAULT_IMPORTANT_FOLDERS), { groupBy: [by(F.eventAction, 8)] })],
          scopes: ['user', 'department', 'host'],
          w: 12,
        }),
      ],
    },
    {
      title: bi('変更と特権操作', 'Changes and privileged operations'),
      panels: [
        panel({
          key: 'acl-changes',
          viz: 'table',
          title: bi('アクセス権の変更', 'ACL changes'),
          description: bi('4670 と Linux/NAS のアクセス権変更。', '4670 and Linux/NAS permission changes.'),
          points: ['audit.acl-changes'],
          queries: [raw(S.ACL_CHANGES, [F.timestamp, F.hostName, F.userName, F.filePath, F.kansaMessageJa])],
          scopes: ['user', 'host'],
          w: 24,
          valueLinks: [personLink(F.userName)],
        }),
        panel({
          key: 'privileged-operations',
          viz: 'table',
          title: bi('特権管理者の操作', 'Privileged administrator operations'),
          description: bi('特権フラグを持つユーザーの操作の種類と件数。', 'What privileged users did, by action.'),
          points: ['audit.privileged-operations'],
          queries: [top(S.PRIVILEGED, [by(F.userName, 20), then(F.eventAction, 10)])],
          scopes: ['user', 'host'],
          w: 12,
          valueLinks: [personLink(F.userName)],
        }),
        panel({
          key: 'privileged-log',
          viz: 'logs',
          title: bi('特権操作の記録', 'Privileged operations log'),
          description: bi(
            'sudo、グループ変更、ポリシー変更、DB の DDL とロール変更。',
            'sudo, group changes, policy changes, DB DDL and role changes.',
          ),
          points: ['audit.privileged-operations'],
          queries: [logs(`${S.SUDO} OR ${S.POLICY_CHANGES} OR ${F.eventAction}:(db-ddl OR db-role-change)`)],
          scopes: ['user', 'host'],
          w: 12,
        }),
        panel({
          key: 'account-changes',
          viz: 'table',
          title: bi('アカウント・グループの変更', 'Account and group changes'),
          description: bi(
            '4720/4726 追加・削除、グループメンバーの変更、Linux の useradd/groupadd。',
            '4720/4726 add and delete, group membership changes, Linux useradd/groupadd.',
          ),
          points: ['audit.account-changes'],
          queries: [
            raw(S.ACCOUNT_CHANGES, [
              F.timestamp,
              F.hostName,
              F.userName,
              F.eventAction,
              F.userTargetName,
              F.groupName,
              F.kansaMessageJa,
            ]),
          ],
          scopes: ['host'],
          w: 24,
          valueLinks: [personLink(F.userName)],
        }),
      ],
    },
    {
      title: bi('証跡の保存', 'Evidence retention'),
      panels: [
        panel({
          key: 'retention-deletions',
          viz: 'table',
          title: bi('保存期間による削除', 'Retention deletions'),
          description: bi(
            '保存ポリシーで削除されたインデックス・文書・アーカイブと、そのときのハッシュチェーン先頭。',
            'Indices, documents and archive segments the retention policy deleted, with the chain head at the time.',
          ),
          points: ['audit.retention'],
          queries: [raw(S.RETENTION, [F.timestamp, F.eventAction, F.kansaCount, F.kansaMessageJa, F.kansaMessageEn])],
          w: 16,
        }),
        panel({
          key: 'retention-volume',
          viz: 'stat',
          title: bi('削除件数', 'Items deleted'),
          description: bi('期間内に保存ポリシーが削除した件数。', 'Items the retention policy deleted in the range.'),
          points: ['audit.retention'],
          queries: [metrics(S.RETENTION, { metrics: [sum(F.kansaCount, 'deleted')], interval: '1d' })],
          color: 'blue',
          w: 8,
        }),
      ],
    },
  ],
};
