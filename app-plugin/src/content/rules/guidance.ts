import type { RuleDef } from './model';

/**
 * The guidance Japanese customers cite when they ask "what does this alert protect us from?". Each Kansa rule is
 * mapped here, in one table, instead of in every rule file; the rule builder (grafana.ts) turns the mapping into the
 * labels `ipa_threat` and `jpcert_log` so notification policies and silences can use them, and the generator writes
 * the table into docs/content.md.
 *
 * IPA 情報セキュリティ10大脅威 (組織編) is re-ranked every year, so the label carries a stable key and the rank is
 * only shown for the edition named below. The JPCERT/CC keys name the log-analysis checks of
 * 「高度サイバー攻撃への対処におけるログの活用と分析方法」 and its tool-analysis result sheets (which Windows events and
 * proxy/firewall records show each attack step). The mapping is Kansa's reading of those documents, not theirs.
 */
export const IPA_EDITION = '情報セキュリティ10大脅威 2025 (組織編)';

export const IPA_THREATS = {
  ransomware: { rank: 1, ja: 'ランサム攻撃による被害' },
  'supply-chain': { rank: 2, ja: 'サプライチェーンや委託先を狙った攻撃' },
  vulnerability: { rank: 3, ja: 'システムの脆弱性を突いた攻撃' },
  insider: { rank: 4, ja: '内部不正による情報漏えい等' },
  'targeted-attack': { rank: 5, ja: '機密情報等を狙った標的型攻撃' },
  'remote-work': { rank: 6, ja: 'リモートワーク等の環境や仕組みを狙った攻撃' },
  ddos: { rank: 8, ja: '分散型サービス妨害攻撃 (サービスの停止)' },
  carelessness: { rank: 10, ja: '不注意による情報漏えい等' },
} as const;
export type IpaThreat = keyof typeof IPA_THREATS;

export const JPCERT_CHECKS = {
  'logon-auth': 'ドメインコントローラー・サーバーの認証ログ (4624/4625/4776) で不正ログオン・総当たりを見つける',
  'account-privilege': 'アカウントの作成・特権グループへの追加 (4720/4728/4732/4672) を確認する',
  'log-tamper': '監査ポリシーの変更・イベントログの消去 (4719/1102) を攻撃の痕跡として扱う',
  'tool-execution': 'プロセス作成・PowerShell の実行ログ (4688/4104/Sysmon 1) で攻撃ツールの実行を見つける',
  'file-access': 'ファイルサーバーの共有・オブジェクトアクセス (5140/4663/4670) で情報の探索・持ち出しを見つける',
  'proxy-firewall': 'プロキシ・ファイアウォールのログで外部への不審な通信・大量送信・許可外ポートを見つける',
  'logon-session': '端末のログオン・ログオフ・ロック (4624/4634/4800) で利用時間帯の異常を見つける',
  'network-device': 'ネットワーク機器・無線 AP の syslog を保存し、障害やサービス停止の時刻と範囲を特定する',
} as const;
export type JpcertCheck = keyof typeof JPCERT_CHECKS;

export interface Guidance {
  ipa: IpaThreat[];
  jpcert: JpcertCheck[];
}

/** Every shipped rule's guidance; guidance.test.ts fails when a rule is missing here or a key names no rule. */
export const RULE_GUIDANCE: Record<string, Guidance> = {
  'cyber-logon-failures': { ipa: ['targeted-attack', 'remote-work'], jpcert: ['logon-auth'] },
  'cyber-password-spray': { ipa: ['targeted-attack', 'remote-work'], jpcert: ['logon-auth'] },
  'cyber-admin-escalation': { ipa: ['targeted-attack', 'ransomware'], jpcert: ['account-privilege'] },
  'cyber-account-created': { ipa: ['targeted-attack', 'insider'], jpcert: ['account-privilege'] },
  'cyber-policy-change': { ipa: ['targeted-attack', 'ransomware'], jpcert: ['log-tamper'] },
  'cyber-mass-file-reads': { ipa: ['targeted-attack', 'ransomware'], jpcert: ['file-access'] },
  'cyber-mass-renames': { ipa: ['ransomware'], jpcert: ['file-access'] },
  'cyber-suspicious-powershell': { ipa: ['targeted-attack', 'ransomware'], jpcert: ['tool-execution'] },
  'cyber-non-permitted-ports': { ipa: ['targeted-attack', 'vulnerability'], jpcert: ['proxy-firewall'] },
  'cyber-large-upload': { ipa: ['targeted-attack', 'insider'], jpcert: ['proxy-firewall'] },
  'cyber-ids-high-severity': { ipa: ['targeted-attack', 'ransomware', 'vulnerability'], jpcert: ['proxy-firewall'] },
  'insider-server-mass-reads': { ipa: ['insider'], jpcert: ['file-access'] },
  'insider-mass-copies': { ipa: ['insider'], jpcert: ['file-access'] },
  'insider-acl-change': { ipa: ['insider', 'carelessness'], jpcert: ['file-access'] },
  'insider-public-share': { ipa: ['insider', 'carelessness'], jpcert: ['file-access'] },
  'insider-db-bulk-read': { ipa: ['insider', 'targeted-attack'], jpcert: ['file-access'] },
  'insider-leaver-cloud-downloads': { ipa: ['insider'], jpcert: ['file-access'] },
  'insider-leaver-baseline': { ipa: ['insider'], jpcert: ['file-access', 'proxy-firewall'] },
  'insider-risk-score': { ipa: ['insider'], jpcert: ['file-access', 'proxy-firewall', 'logon-session'] },
  'attendance-off-hours': { ipa: ['insider'], jpcert: ['logon-session'] },
  // Labour law first; IPA's list has no labour entry, and its insider-fraud guidance names overwork among the
  // motives (as for attendance-off-hours). The logon/logoff records are JPCERT/CC's session logs.
  'attendance-timesheet-divergence': { ipa: ['insider'], jpcert: ['logon-session'] },
  'attendance-agreement36-violation': { ipa: ['insider'], jpcert: ['logon-session'] },
  'attendance-agreement36-warning': { ipa: ['insider'], jpcert: ['logon-session'] },
  'audit-important-folder-changes': { ipa: ['insider', 'ransomware'], jpcert: ['file-access'] },
  'failure-network-errors': { ipa: ['ddos'], jpcert: ['network-device'] },
  'failure-ap-errors': { ipa: ['ddos'], jpcert: ['network-device'] },
};

/** Grafana labels hold one string: several keys are joined with commas (a policy matcher uses `=~`). */
export function guidanceLabels(rule: RuleDef): Record<string, string> {
  const g = RULE_GUIDANCE[rule.id];
  if (!g) {
    throw new Error(`rule ${rule.id} has no entry in rules/guidance.ts`);
  }
  return { ipa_threat: g.ipa.join(','), jpcert_log: g.jpcert.join(',') };
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The section of docs/content.md that lists every rule with the guidance it serves. */
export function guidanceDoc(rules: readonly RuleDef[]): string {
  const out = [
    '',
    '## Rules and the guidance they serve (IPA / JPCERT/CC)',
    '',
    `Labels \`ipa_threat\` (${IPA_EDITION}; the key is stable, the rank is that edition's) and \`jpcert_log\` (JPCERT/CC 「高度サイバー攻撃への対処におけるログの活用と分析方法」) on every rule, from \`app-plugin/src/content/rules/guidance.ts\`.`,
    '',
    '| rule | IPA 10大脅威 (組織編) | JPCERT/CC ログ分析 |',
    '|---|---|---|',
  ];
  for (const r of rules) {
    const g = RULE_GUIDANCE[r.id];
    const ipa = g.ipa.map((k) => `${IPA_THREATS[k].rank}. ${IPA_THREATS[k].ja} (\`${k}\`)`).join('<br>');
    const jp = g.jpcert.map((k) => `${JPCERT_CHECKS[k]} (\`${k}\`)`).join('<br>');
    out.push(`| \`${r.id}\` ${cell(r.title.ja)} | ${cell(ipa)} | ${cell(jp)} |`);
  }
  return `${out.join('\n')}\n`;
}
