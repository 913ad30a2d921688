import { resourceKind, resourceName, type Metric, type ResourceKind } from '../observe/observation';

/** One reason, as stored in kansa.risk.reasons: bilingual, with its points and the numbers behind it. */
export interface Reason {
  code: string;
  en: string;
  ja: string;
  contribution: number;
  baseline: string;
}

const KIND_TEXT: Record<ResourceKind, { en: string; ja: string }> = {
  share: { en: 'share', ja: '共有フォルダ' },
  folder: { en: 'folder', ja: 'フォルダ' },
  host: { en: 'host', ja: 'ホスト' },
  db: { en: 'database object', ja: 'DB オブジェクト' },
  url: { en: 'URL category', ja: 'URL カテゴリ' },
  mail: { en: 'personal mail domain', ja: '個人メールのドメイン' },
  cloud: { en: 'cloud storage service', ja: 'クラウドストレージ' },
};

export function resourceText(
  key: string,
  first: boolean,
  events: number,
  peersUsing: number,
  peers: number,
  sensitive?: string,
): { code: string; en: string; ja: string } {
  const kind = resourceKind(key);
  const name = resourceName(key);
  const k = KIND_TEXT[kind];
  const sEn = sensitive ? `; sensitive: ${sensitive === 'executives' ? "the executives' share" : sensitive}` : '';
  const sJa = sensitive ? `、機密: ${sensitive === 'executives' ? '役員の共有フォルダ' : sensitive}` : '';
  const peerEn = `${peersUsing === 0 ? 'new to the department too' : `used by ${peersUsing} of ${peers} peers`}${sEn}`;
  const peerJa = `${peersUsing === 0 ? '部署内でも初めて' : `部署の ${peers} 人中 ${peersUsing} 人が利用`}${sJa}`;
  return first
    ? {
        code: `first-${kind}`,
        en: `First access to ${k.en} ${name} (${events} events; ${peerEn})`,
        ja: `初めての${k.ja}: ${name} (${events} 件、${peerJa})`,
      }
    : {
        code: `uncommon-${kind}`,
        en: `Rarely used ${k.en} ${name} (${events} events; ${peerEn})`,
        ja: `めったに使わない${k.ja}: ${name} (${events} 件、${peerJa})`,
      };
}

const DOW_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DOW_JA = ['日', '月', '火', '水', '木', '金', '土'];

export function hoursText(hoursOfWeek: number[]): { en: string; ja: string } {
  const en = hoursOfWeek.map((h) => `${DOW_EN[Math.floor(h / 24)]} ${String(h % 24).padStart(2, '0')}:00`).join(', ');
  const ja = hoursOfWeek.map((h) => `${DOW_JA[Math.floor(h / 24)]} ${h % 24}時`).join('、');
  return { en: `Active at hours this user is rarely active (${en})`, ja: `普段は活動しない時間帯に活動 (${ja})` };
}

const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;

const METRIC_TEXT: Record<Metric, { en: string; ja: string; unit?: (n: number) => string }> = {
  filesRead: { en: 'Files read', ja: 'ファイル読み取り数' },
  distinctFiles: { en: 'Distinct files read', ja: '読み取ったファイルの種類数' },
  proxyBytes: { en: 'Web traffic through the proxy', ja: 'プロキシ経由の通信量', unit: mib },
  usb: { en: 'Removable-media events', ja: 'USB など外部記憶の利用' },
  printPages: { en: 'Pages printed', ja: '印刷ページ数' },
  mailsOut: { en: 'Mails sent', ja: '送信メール数' },
  failedLogons: { en: 'Failed logons', ja: 'ログオン失敗数' },
  cloudBytes: { en: 'Uploads and downloads to cloud storage', ja: 'クラウドストレージとの通信量', unit: mib },
  personalCloudBytes: {
    en: 'Uploads and downloads to cloud storage the department does not use',
    ja: '部署で使われていないクラウドストレージとの通信量',
    unit: mib,
  },
  webmailBytes: { en: 'Web mail traffic', ja: 'Web メールの通信量', unit: mib },
  personalMails: { en: 'Mails to personal addresses', ja: '個人アドレス宛てのメール数' },
  personalMailBytes: { en: 'Mail to personal addresses', ja: '個人アドレス宛てのメール容量', unit: mib },
  sensitiveReads: { en: 'Files read in sensitive folders', ja: '機密フォルダのファイル読み取り数' },
};

/** A rolling total far above the user's own past and the department's. */
export function accumulatedText(
  metric: Metric,
  windowDays: number,
  total: number,
  ownExpected: number | undefined,
  peerMedian: number | undefined,
): { code: string; en: string; ja: string } {
  const t = METRIC_TEXT[metric];
  const fmt = t.unit ?? ((n: number) => String(Math.round(n * 10) / 10));
  const en = [
    ownExpected !== undefined ? `own usual ${fmt(ownExpected)}` : '',
    peerMedian !== undefined ? `department median ${fmt(peerMedian)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const ja = [
    ownExpected !== undefined ? `普段 ${fmt(ownExpected)}` : '',
    peerMedian !== undefined ? `部署の中央値 ${fmt(peerMedian)}` : '',
  ]
    .filter(Boolean)
    .join('、');
  return {
    code: `accumulated-${metric}`,
    en: `${t.en} over the last ${windowDays} days far above usual: ${fmt(total)} (${en})`,
    ja: `直近 ${windowDays} 日間の${t.ja}が普段より大幅に多い: ${fmt(total)} (${ja})`,
  };
}

/** The same metrics scored on earlier days too: the evidence repeats rather than spikes once. */
export function persistenceText(
  metrics: readonly Metric[],
  days: number,
  windowDays: number,
): { code: string; en: string; ja: string } {
  const en = metrics.map((m) => METRIC_TEXT[m].en).join(', ');
  const ja = metrics.map((m) => METRIC_TEXT[m].ja).join('、');
  return {
    code: 'persistent-evidence',
    en: `Repeated on ${days} earlier days of the last ${windowDays}: ${en}`,
    ja: `直近 ${windowDays} 日間のうち過去 ${days} 日にも同じ兆候: ${ja}`,
  };
}

/** Evidence of earlier days that nothing today repeats: the story is still open. */
export function standingText(
  metrics: readonly Metric[],
  days: number,
  windowDays: number,
): { code: string; en: string; ja: string } {
  const en = metrics.map((m) => METRIC_TEXT[m].en).join(', ');
  const ja = metrics.map((m) => METRIC_TEXT[m].ja).join('、');
  return {
    code: 'standing-evidence',
    en: `Scored on ${days} of the last ${windowDays} days, not repeated today: ${en}`,
    ja: `直近 ${windowDays} 日間のうち ${days} 日に兆候あり (本日は新たな兆候なし): ${ja}`,
  };
}

export function volumeText(metric: Metric, value: number, median: number): { code: string; en: string; ja: string } {
  const t = METRIC_TEXT[metric];
  const fmt = t.unit ?? ((n: number) => String(Math.round(n * 10) / 10));
  return {
    code: `volume-${metric}`,
    en: `${t.en} far above usual: ${fmt(value)} (median ${fmt(median)})`,
    ja: `${t.ja}が普段より大幅に多い: ${fmt(value)} (中央値 ${fmt(median)})`,
  };
}

export const BOOST_TEXT = {
  privileged: { code: 'context-privileged', en: 'Privileged account', ja: '特権アカウント' },
  watchlist: { code: 'context-watchlist', en: 'On the watchlist or leaving soon', ja: '監視対象または退職予定者' },
  afterHours: { code: 'context-after-hours', en: 'Unusual activity after hours', ja: '時間外の普段と違う行動' },
  holiday: { code: 'context-holiday', en: 'Activity on a holiday or weekend', ja: '休日・週末の活動' },
} as const;
