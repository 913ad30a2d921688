import { FIELD as F } from '@kansa/schema/fields';

import { type DashboardDef, exploreLink, panelTarget } from '../../dashboard';
import { panel, steps } from '../../panels';
import { and, anyOf, by, count, distinct, logs, max, metrics, raw, sum, top, then } from '../../queries';
import * as S from '../../signals';
import { bi } from '../../text';

export const CYBER_UID = 'kansa-cyber';

/**
 * Process creations that name their parent: Windows 4688 (created-process) and Sysmon 1 (started-process). Limited to
 * the windows module: Linux execve (auditd, also created-process) carries no parent image to draw a chain with.
 */
const PROCESS_STARTS = and(`${F.eventModule}:windows`, anyOf(F.eventAction, ['created-process', 'started-process']));

/** Parent before child, so each row reads as one step of the tree: parent (pid) → process (pid) and its command line. */
const PROCESS_TREE_COLUMNS = [
  F.timestamp,
  F.hostName,
  F.userName,
  F.processParentName,
  F.processParentPid,
  F.processName,
  F.processPid,
  F.processCommandLine,
  F.processParentCommandLine,
];

/**
 * Explore with the processes that the clicked pid started, on the host picked in the dashboard: one step down the
 * tree per click (pids are reused across hosts and over time, so pick the host and keep the range short).
 */
const childrenLink = (): { title: string; url: string } => ({
  title: '子プロセス / Child processes',
  url: exploreLink(
    panelTarget(raw(and(PROCESS_STARTS, `${F.processParentPid}:\${__value.raw}`), PROCESS_TREE_COLUMNS), 0, ['host']),
  ),
});

export const cyber: DashboardDef = {
  uid: CYBER_UID,
  slug: 'cyber-attack',
  title: bi('サイバー攻撃対策', 'Cyber attack'),
  description: bi(
    '攻撃の3段階 (侵入・情報取得・持ち出し) ごとに、誰がいつどこへアクセスしたかを示します。',
    'Who accessed what and when, by the three attack stages: intrusion, information gathering and exfiltration.',
  ),
  tags: ['cyber'],
  from: 'now-7d',
  variables: ['user', 'host', 'src_ip'],
  rows: [
    {
      title: bi('侵入', 'Intrusion'),
      panels: [
        panel({
          key: 'logon-failures-by-ip',
          viz: 'timeseries',
          title: bi('ログオン失敗 (送信元 IP 別)', 'Logon failures by source IP'),
          description: bi(
            'Windows 4625/4771/4776 と sshd の認証失敗。1つの IP からの急増はブルートフォースです。',
            'Windows 4625/4771/4776 and sshd authentication failures. A burst from one IP is brute force.',
          ),
          points: ['cyber.logon-failures'],
          queries: [metrics(S.LOGON_FAILURES, { groupBy: [by(F.sourceIp, 10)] })],
          scopes: ['src_ip'],
          unit: 'short',
          w: 12,
        }),
        panel({
          key: 'logon-failures-sources',
          viz: 'table',
          title: bi('ログオン失敗の送信元 (パスワードスプレー検知)', 'Failing sources (password spraying)'),
          description: bi(
            '失敗回数と試行したアカウント数。1つの送信元が多数のアカウントに失敗するのがパスワードスプレーです。',
            'Failures and the number of accounts tried. One source failing against many accounts is password spraying.',
          ),
          points: ['cyber.logon-failures'],
          queries: [top(S.LOGON_FAILURES, [by(F.sourceIp, 20)], [count, distinct(F.userName, 'accounts')])],
          scopes: ['src_ip'],
          thresholds: steps([10, 'orange'], [20, 'red']),
          custom: { cellOptions: { type: 'color-background', mode: 'gradient' } },
          w: 6,
        }),
        panel({
          key: 'logon-failures-users',
          viz: 'barchart',
          title: bi('ログオン失敗 (アカウント別)', 'Logon failures by account'),
          description: bi(
            '失敗が多いアカウント。ロックアウト (4740) の前兆です。',
            'Accounts failing most; lockouts (4740) follow.',
          ),
          points: ['cyber.logon-failures'],
          queries: [top(S.LOGON_FAILURES, [by(F.userName, 15)])],
          scopes: ['user'],
          thresholds: steps([10, 'orange'], [50, 'red']),
          w: 6,
        }),
        panel({
          key: 'escalation',
          viz: 'logs',
          title: bi('管理者権限への昇格', 'Escalation to admin rights'),
          description: bi(
            '管理者グループへの追加 (4728/4732/4756、Linux の sudo/wheel)、root への sudo/su。',
            'Additions to admin groups (4728/4732/4756, Linux sudo/wheel) and sudo/su to root.',
          ),
          points: ['cyber.escalation'],
          queries: [logs(`(${S.ADMIN_GROUP_ADDITIONS}) OR (${S.ROOT_SWITCHES})`)],
          scopes: ['user', 'host'],
          w: 12,
        }),
        panel({
          key: 'special-logons',
          viz: 'timeseries',
          title: bi('特権ログオン (4672)', 'Special logons (4672)'),
          description: bi(
            '管理者権限を持つログオン。普段使わないアカウントの出現に注意。',
            'Logons with admin privileges; watch for unfamiliar accounts.',
          ),
          points: ['cyber.escalation'],
          queries: [metrics(S.SPECIAL_LOGONS, { groupBy: [by(F.userName, 10)] })],
          scopes: ['user', 'host'],
          w: 12,
        }),
        panel({
          key: 'accounts-created',
          viz: 'table',
          title: bi('作成されたアカウント', 'Accounts created'),
          description: bi(
            '4720 (4722 有効化・4724 パスワードリセットも) と Linux の useradd。',
            '4720 (with 4722 enable, 4724 reset) and Linux useradd.',
          ),
          points: ['cyber.account-creation'],
          queries: [
            raw(`${S.ACCOUNTS_CREATED} OR ${F.eventCode}:(4722 OR 4724)`, [
              F.timestamp,
              F.hostName,
              F.userName,
              F.userTargetName,
              F.eventAction,
              F.kansaMessageJa,
            ]),
          ],
          scopes: ['host'],
          w: 12,
        }),
        panel({
          key: 'policy-changes',
          viz: 'logs',
          title: bi('ポリシー変更・ログ消去', 'Policy changes and log clearing'),
          description: bi(
            '4719 監査ポリシー、4739 ドメインポリシー、4713/4704/4705、1102/104 ログ消去。',
            '4719 audit policy, 4739 domain policy, 4713/4704/4705, 1102/104 log cleared.',
          ),
          points: ['cyber.policy-change'],
          queries: [logs(S.POLICY_CHANGES)],
          scopes: ['host'],
          w: 12,
        }),
        panel({
          key: 'threat-alerts',
          viz: 'table',
          title: bi('IDS・ファイアウォールの脅威検知', 'IDS and firewall threat alerts'),
          description: bi(
            'Suricata のアラートと PAN-OS の脅威ログ (重大度の高い順)。重大度 4 (高) 以上で宛先が社内のものは通知されます。',
            'Suricata alerts and PAN-OS threat logs, most severe first. High (4) and above against an internal address alert.',
          ),
          points: ['cyber.ids-threats'],
          queries: [
            top(
              S.THREAT_ALERTS,
              [by(F.ruleName, 20, 'severity'), by(F.destinationIp, 10)],
              [max(F.eventSeverity, 'severity'), count, distinct(F.sourceIp, 'sources')],
            ),
          ],
          scopes: ['src_ip'],
          thresholds: steps([4, 'orange'], [5, 'red']),
          w: 24,
        }),
      ],
    },
    {
      title: bi('情報取得', 'Information gathering'),
      panels: [
        panel({
          key: 'file-reads-by-user',
          viz: 'timeseries',
          title: bi('ファイル読み取り (ユーザー別)', 'File reads by user'),
          description: bi(
            'ファイルサーバーのアクセス記録 (4663 ReadData を集約、5145)。',
            'File-server access records (condensed 4663 ReadData, 5145).',
          ),
          points: ['cyber.mass-file-reads'],
          queries: [metrics(S.FILE_READS, { groupBy: [by(F.userName, 10)] })],
          scopes: ['user', 'host'],
          w: 12,
        }),
        panel({
          key: 'renames-by-user',
          viz: 'timeseries',
          title: bi('リネーム (ユーザー別・ランサムウェア検知)', 'Renames by user (ransomware)'),
          description: bi(
            '短時間の大量リネームはランサムウェアの暗号化です。',
            'Many renames within seconds is ransomware encrypting files.',
          ),
          points: ['cyber.mass-renames'],
          queries: [metrics(S.FILE_RENAMES, { groupBy: [by(F.userName, 10)], interval: '1m' })],
          scopes: ['user', 'host'],
          color: 'red',
          w: 12,
        }),
        panel({
          key: 'renames-by-process',
          viz: 'table',
          title: bi('リネームしたプロセス', 'Renaming processes'),
          description: bi('どのプログラムがリネームしたか。', 'Which program renamed the files.'),
          points: ['cyber.mass-renames'],
          queries: [top(S.FILE_RENAMES, [by(F.processExecutable, 10), then(F.userName, 5)])],
          scopes: ['user', 'host'],
          thresholds: steps([50, 'orange'], [200, 'red']),
          w: 8,
        }),
        panel({
          key: 'powershell-suspicious',
          viz: 'logs',
          title: bi('不審な PowerShell', 'Suspicious PowerShell'),
          description: bi(
            '4104 スクリプトブロックのダウンロードクレードル、4688 の -enc 付き powershell.exe。',
            '4104 script blocks with download cradles, 4688 powershell.exe with -enc.',
          ),
          points: ['cyber.powershell'],
          queries: [logs(S.SUSPICIOUS_POWERSHELL)],
          scopes: ['user', 'host'],
          w: 16,
        }),
      ],
    },
    {
      title: bi('持ち出し', 'Exfiltration'),
      panels: [
        panel({
          key: 'non-permitted-ports',
          viz: 'table',
          title: bi('許可されていないポートへの通信', 'Traffic to non-permitted ports'),
          description: bi(
            'ファイアウォールの許可・拒否ログのうち、許可リストにない宛先ポート。',
            'Firewall allow/deny logs to destination ports missing from the allow-list.',
          ),
          points: ['cyber.non-permitted-ports'],
          queries: [top(S.nonPermittedPorts(), [by(F.sourceIp, 20), by(F.destinationPort, 5)])],
          scopes: ['src_ip'],
          thresholds: steps([1, 'orange'], [10, 'red']),
          custom: { cellOptions: { type: 'color-text' } },
          w: 8,
        }),
        panel({
          key: 'upload-by-ip',
          viz: 'timeseries',
          title: bi('送信量 (送信元 IP 別)', 'Bytes sent by source IP'),
          description: bi(
            'ファイアウォールと Zeek の送信バイト数。普段との差に注目。',
            'Bytes sent per source IP (firewall and Zeek), against its usual level.',
          ),
          points: ['cyber.large-transfer'],
          queries: [
            metrics(S.TRAFFIC, {
              metrics: [sum(F.sourceBytes, 'bytes sent')],
              groupBy: [by(F.sourceIp, 10, 'bytes sent')],
            }),
          ],
          scopes: ['src_ip'],
          unit: 'bytes',
          w: 8,
        }),
        panel({
          key: 'download-by-ip',
          viz: 'timeseries',
          title: bi('受信量 (送信元 IP 別)', 'Bytes received by source IP'),
          description: bi('大量ダウンロード。', 'Large downloads.'),
          points: ['cyber.large-transfer'],
          queries: [
            metrics(S.TRAFFIC, {
              metrics: [sum(F.destinationBytes, 'bytes received')],
              groupBy: [by(F.sourceIp, 10, 'bytes received')],
            }),
          ],
          scopes: ['src_ip'],
          unit: 'bytes',
          w: 8,
        }),
        panel({
          key: 'web-categories',
          viz: 'piechart',
          title: bi('Web 利用 (カテゴリ別)', 'Web usage by category'),
          description: bi('プロキシログの URL カテゴリ。', 'Proxy log URL categories.'),
          points: ['cyber.web-usage'],
          queries: [top(S.PROXY, [by(F.kansaUrlCategory, 12)])],
          scopes: ['user', 'src_ip'],
          w: 8,
        }),
        panel({
          key: 'web-domains',
          viz: 'table',
          title: bi('Web 利用 (ドメイン別)', 'Web usage by domain'),
          description: bi('アクセス数と転送量の多いドメイン。', 'Domains by requests and bytes.'),
          points: ['cyber.web-usage'],
          queries: [
            top(
              S.PROXY,
              [by(F.urlDomain, 25), then(F.kansaUrlCategory, 1)],
              [count, sum(F.sourceBytes, 'bytes sent'), sum(F.destinationBytes, 'bytes received')],
            ),
          ],
          scopes: ['user', 'src_ip'],
          overrides: [
            { matcher: { id: 'byRegexp', options: 'bytes.*' }, properties: [{ id: 'unit', value: 'bytes' }] },
          ],
          w: 16,
        }),
      ],
    },
    {
      title: bi('プロセスの起動 (親 → 子)', 'Process launches (parent → child)'),
      panels: [
        panel({
          key: 'process-chains',
          viz: 'table',
          title: bi('親子プロセスの組み合わせ (少ない順)', 'Parent → child pairs (rarest first)'),
          description: bi(
            'Sysmon 1 と 4688 のプロセス起動を親 → 子の組み合わせで数えます。普段ない組み合わせ (EXCEL.EXE → powershell.exe など) が上に来ます。',
            'Sysmon 1 and 4688 process launches counted by parent → child. Unusual pairs (EXCEL.EXE → powershell.exe, say) come first.',
          ),
          points: ['cyber.powershell'],
          queries: [
            top(
              PROCESS_STARTS,
              [by(F.processParentName, 50), then(F.processName, 20)],
              [count, distinct(F.hostName, 'hosts')],
            ),
          ],
          scopes: ['user', 'host'],
          options: { sortBy: [{ displayName: 'count', desc: false }] },
          thresholds: steps([1, 'red'], [3, 'orange'], [10, 'green']),
          overrides: [
            {
              matcher: { id: 'byName', options: 'count' },
              properties: [{ id: 'custom.cellOptions', value: { type: 'color-text' } }],
            },
          ],
          w: 8,
        }),
        panel({
          key: 'process-tree',
          viz: 'table',
          title: bi('プロセスツリー (ホストを選択)', 'Process tree (pick a host)'),
          description: bi(
            '選んだホストのプロセス起動を時刻順に、親 (PID) → 子 (PID) とコマンドラインで示します。子の PID をクリックすると、そのプロセスが起動したプロセスを Explore で開きます。',
            "The picked host's process launches in time order, parent (pid) → child (pid) with command lines. Click a child pid to open the processes it started in Explore.",
          ),
          points: ['cyber.powershell'],
          queries: [raw(PROCESS_STARTS, PROCESS_TREE_COLUMNS)],
          scopes: ['user', 'host'],
          options: { sortBy: [{ displayName: F.timestamp, desc: false }] },
          overrides: [
            {
              matcher: { id: 'byName', options: F.processPid },
              properties: [{ id: 'links', value: [childrenLink()] }],
            },
            {
              matcher: { id: 'byRegexp', options: 'process\\..*pid' },
              properties: [
                { id: 'decimals', value: 0 },
                { id: 'custom.width', value: 80 },
              ],
            },
          ],
          w: 16,
          h: 12,
        }),
      ],
    },
  ],
};
