import { FIELD as F } from '@kansa/schema/fields';

import type { DashboardDef } from '../../dashboard';
import { panel, steps } from '../../panels';
import { by, logs, metrics, sum, top, then } from '../../queries';
import * as S from '../../signals';
import { bi } from '../../text';

export const FAILURE_UID = 'kansa-failure';

const talkers = top(
  S.TRAFFIC,
  [by(F.sourceIp, 20, 'bytes received'), then(F.kansaHostOwner, 1)],
  [sum(F.destinationBytes, 'bytes received'), sum(F.sourceBytes, 'bytes sent')],
);

const BYTES = { matcher: { id: 'byRegexp', options: 'bytes.*' }, properties: [{ id: 'unit', value: 'bytes' }] };

export const failure: DashboardDef = {
  uid: FAILURE_UID,
  slug: 'failure-investigation',
  title: bi('障害調査', 'Failure investigation'),
  description: bi(
    '障害の前後に何が起きたか、どの機器が故障したか、誰がネットワークを占有していたか。時間範囲を障害の前後に合わせて使います。',
    'What happened before and after an outage, which device failed and who saturated the network. Set the time range around the incident.',
  ),
  tags: ['failure'],
  from: 'now-24h',
  variables: ['host', 'src_ip'],
  rows: [
    {
      title: bi('機器のエラー', 'Device errors'),
      panels: [
        panel({
          key: 'network-errors',
          viz: 'status-history',
          title: bi('ネットワーク機器のエラー (機器別)', 'Network device errors by device'),
          description: bi(
            'スイッチ・ルーターの syslog 重大度 3 以下とリンクのアップ・ダウン (%LINK/%LINEPROTO)。',
            'Switch and router syslog severity ≤ 3 and link up/down (%LINK/%LINEPROTO).',
          ),
          points: ['failure.network-errors'],
          queries: [metrics(S.NETWORK_ERRORS, { groupBy: [by(F.hostName, 20)], interval: '10m' })],
          scopes: ['host'],
          thresholds: steps([1, 'yellow'], [5, 'orange'], [20, 'red']),
          w: 12,
        }),
        panel({
          key: 'network-interfaces',
          viz: 'table',
          title: bi('状態が変わったインターフェース', 'Interfaces changing state'),
          description: bi('フラッピングしているポート。', 'Flapping ports.'),
          points: ['failure.network-errors'],
          queries: [top(S.NETWORK_ERRORS, [by(F.hostName, 10), then(F.observerIngressInterfaceName, 10)])],
          scopes: ['host'],
          thresholds: steps([4, 'orange'], [10, 'red']),
          custom: { cellOptions: { type: 'color-text' } },
          w: 12,
        }),
        panel({
          key: 'ap-errors',
          viz: 'status-history',
          title: bi('無線アクセスポイントのエラー', 'Wireless access point errors'),
          description: bi(
            'AP の無線エラー (RX バッファ不足、再送上限など) と認証失敗。',
            'AP radio errors (RX buffer full, max retries) and authentication failures.',
          ),
          points: ['failure.ap-errors'],
          queries: [metrics(S.AP_ERRORS, { groupBy: [by(F.hostName, 20)], interval: '10m' })],
          scopes: ['host'],
          thresholds: steps([5, 'yellow'], [20, 'orange'], [50, 'red']),
          w: 24,
        }),
      ],
    },
    {
      title: bi('通信のボトルネック', 'Communication bottlenecks'),
      panels: [
        panel({
          key: 'bytes-by-ip',
          viz: 'timeseries',
          title: bi('通信量 (送信元 IP 別)', 'Traffic by source IP'),
          description: bi(
            'ファイアウォールと Zeek の送受信バイト数。障害時刻の前後で比較します。',
            'Bytes in and out per source IP (firewall and Zeek); compare before and after the incident.',
          ),
          points: ['failure.bottlenecks'],
          queries: [
            metrics(S.TRAFFIC, {
              metrics: [sum(F.destinationBytes, 'bytes received')],
              groupBy: [by(F.sourceIp, 10, 'bytes received')],
            }),
          ],
          scopes: ['src_ip'],
          unit: 'bytes',
          w: 24,
        }),
        panel({
          key: 'top-talkers',
          viz: 'table',
          title: bi('トップトーカー (選んだ時間範囲)', 'Top talkers (chosen range)'),
          description: bi(
            '時間範囲内の送受信合計。障害の直後1時間を選ぶと、右の表がその直前1時間を示します。',
            'Bytes in and out in the range. Pick the hour after the incident and the next table shows the hour before.',
          ),
          points: ['failure.bottlenecks'],
          queries: [talkers],
          scopes: ['src_ip'],
          overrides: [BYTES],
          w: 12,
        }),
        panel({
          key: 'top-talkers-before',
          viz: 'table',
          title: bi('トップトーカー (1時間前)', 'Top talkers (one hour earlier)'),
          description: bi(
            '同じ長さの範囲を1時間前にずらした送受信合計。左の表と比べます。',
            'The same range shifted one hour back, to compare with the previous table.',
          ),
          points: ['failure.bottlenecks'],
          queries: [talkers],
          scopes: ['src_ip'],
          overrides: [BYTES],
          timeShift: '1h',
          w: 12,
        }),
      ],
    },
    {
      title: bi('エラーログ', 'Error logs'),
      panels: [
        panel({
          key: 'errors-by-host',
          viz: 'timeseries',
          title: bi('エラー (ホスト別)', 'Errors by host'),
          description: bi(
            'システム・アプリケーションのエラーを1つの時間軸で。',
            'System and application errors on one timeline.',
          ),
          points: ['failure.error-logs'],
          queries: [metrics(S.ERROR_LOGS, { groupBy: [by(F.hostName, 15)] })],
          scopes: ['host'],
          color: 'red',
          w: 24,
        }),
        panel({
          key: 'error-logs',
          viz: 'logs',
          title: bi('エラーログ', 'Error logs'),
          description: bi('すべてのエラーを新しい順に。', 'Every error, newest first.'),
          points: ['failure.error-logs', 'failure.network-errors', 'failure.ap-errors'],
          queries: [logs(S.ERROR_LOGS, { limit: 1000 })],
          scopes: ['host'],
          w: 24,
          h: 12,
        }),
      ],
    },
  ],
};
