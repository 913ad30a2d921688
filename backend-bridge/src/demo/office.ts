/** The demo company's fixed infrastructure: its domain, servers and the outside addresses of its attackers. */
export const DOMAIN = 'CORP';
export const FQDN = 'corp.example.co.jp';
export const DC = `DC01.${FQDN}`;
export const ATTACK = { spray: '203.0.113.77', brute: '198.51.100.23', c2: '198.51.100.99', exfil: '203.0.113.150' };

/** Names of the documents on the department shares, and their extensions. */
export const SHARE_FILES = [
  '企画書',
  '設計書',
  '議事録',
  '見積書',
  '報告書',
  '手順書',
  '月次集計',
  '顧客一覧',
  '仕様書',
  '予算案',
  '発注書',
  '契約書',
  '週報',
  '提案資料',
  '検収書',
];
export const EXTS = ['.xlsx', '.docx', '.pdf', '.pptx', '.csv'];

/** Sites every office visits, before the shipped `business` category list. */
export const BUSINESS = [
  'www.example.co.jp',
  'portal.corp.example.co.jp',
  'outlook.office365.com',
  'teams.microsoft.com',
  'www.google.co.jp',
  'login.microsoftonline.com',
];

/** Windows writes handles, logon ids and PIDs as 0x-prefixed hex. */
export const hex = (n: number): string => `0x${n.toString(16)}`;
