/**
 * Decoding tables for Windows event data: logon types, NTSTATUS and Kerberos codes, access rights,
 * `%%nnnn` message-table insertions and audit subcategories. Each entry carries ja and en words.
 */

export interface Words {
  ja: string;
  en: string;
}

/** Logon type → ECS name (winlog.logon.type, as Elastic's Security module writes it) and words. */
export const LOGON_TYPES: Record<string, Words & { name: string }> = {
  '0': { name: 'System', ja: 'システム', en: 'system' },
  '2': { name: 'Interactive', ja: '対話型ログオン', en: 'interactive logon' },
  '3': { name: 'Network', ja: 'ネットワークログオン', en: 'network logon' },
  '4': { name: 'Batch', ja: 'バッチログオン', en: 'batch logon' },
  '5': { name: 'Service', ja: 'サービスログオン', en: 'service logon' },
  '7': { name: 'Unlock', ja: 'ロック解除', en: 'unlock' },
  '8': { name: 'NetworkCleartext', ja: 'ネットワークログオン(平文)', en: 'network cleartext logon' },
  '9': { name: 'NewCredentials', ja: '別の資格情報でのログオン', en: 'new-credentials logon' },
  '10': { name: 'RemoteInteractive', ja: 'リモートデスクトップログオン', en: 'remote desktop logon' },
  '11': { name: 'CachedInteractive', ja: 'キャッシュされた資格情報での対話型ログオン', en: 'cached interactive logon' },
  '12': {
    name: 'CachedRemoteInteractive',
    ja: 'キャッシュされた資格情報でのリモートデスクトップログオン',
    en: 'cached remote desktop logon',
  },
  '13': { name: 'CachedUnlock', ja: 'キャッシュされた資格情報でのロック解除', en: 'cached unlock' },
};

/** NTSTATUS codes seen in 4625 Status/SubStatus and 4776 Status (keys lower case). */
export const NTSTATUS: Record<string, Words> = {
  '0x0': { ja: '成功', en: 'success' },
  '0xc000005e': { ja: 'ログオンサーバーなし', en: 'no logon servers available' },
  '0xc0000064': { ja: '存在しないユーザー名', en: 'no such user' },
  '0xc000006a': { ja: 'パスワード誤り', en: 'bad password' },
  '0xc000006c': { ja: 'パスワードの制限', en: 'password restriction' },
  '0xc000006d': { ja: 'ユーザー名または認証情報の誤り', en: 'bad user name or authentication information' },
  '0xc000006e': { ja: 'アカウントの制限', en: 'account restriction' },
  '0xc000006f': { ja: '許可された時間外のログオン', en: 'outside the allowed logon hours' },
  '0xc0000070': { ja: '許可されていないワークステーション', en: 'workstation not allowed' },
  '0xc0000071': { ja: 'パスワードの有効期限切れ', en: 'password expired' },
  '0xc0000072': { ja: 'アカウント無効', en: 'account disabled' },
  '0xc00000dc': { ja: 'SAM サーバーの状態が不正', en: 'SAM server in an invalid state' },
  '0xc0000133': { ja: 'ドメインコントローラーとの時刻のずれ', en: 'clock out of sync with the domain controller' },
  '0xc000015b': { ja: '許可されていないログオンの種類', en: 'logon type not granted' },
  '0xc000018c': { ja: 'ドメインとの信頼関係の失敗', en: 'trust relationship failed' },
  '0xc0000192': { ja: 'NetLogon サービス未起動', en: 'NetLogon service not started' },
  '0xc0000193': { ja: 'アカウントの有効期限切れ', en: 'account expired' },
  '0xc0000224': { ja: '次回ログオン時のパスワード変更が必要', en: 'password must be changed' },
  '0xc0000225': { ja: 'Windows の内部エラー', en: 'internal Windows error' },
  '0xc0000234': { ja: 'アカウントのロックアウト中', en: 'account locked out' },
  '0xc00002ee': { ja: 'ログオン中のエラー', en: 'error during logon' },
  '0xc0000371': { ja: 'ローカルアカウントストアにシークレットなし', en: 'no secret in the local account store' },
  '0xc0000413': { ja: '認証ファイアウォールによる拒否', en: 'blocked by the authentication firewall' },
};

/** Kerberos result codes in 4771 (and 4768/4769) Status. */
export const KERBEROS_STATUS: Record<string, Words & { name: string }> = {
  '0x6': { name: 'KDC_ERR_C_PRINCIPAL_UNKNOWN', ja: '存在しないユーザー名', en: 'no such user' },
  '0x7': { name: 'KDC_ERR_S_PRINCIPAL_UNKNOWN', ja: '存在しないサービス', en: 'no such service' },
  '0xc': {
    name: 'KDC_ERR_POLICY',
    ja: 'ポリシーによる制限(ログオン時間・端末)',
    en: 'restricted by policy (logon hours or workstation)',
  },
  '0xe': { name: 'KDC_ERR_ETYPE_NOTSUPP', ja: '未対応の暗号化方式', en: 'encryption type not supported' },
  '0x12': {
    name: 'KDC_ERR_CLIENT_REVOKED',
    ja: 'アカウント無効・期限切れ・ロックアウト',
    en: 'account disabled, expired or locked out',
  },
  '0x17': { name: 'KDC_ERR_KEY_EXPIRED', ja: 'パスワードの有効期限切れ', en: 'password expired' },
  '0x18': { name: 'KDC_ERR_PREAUTH_FAILED', ja: 'パスワード誤り', en: 'bad password' },
  '0x19': { name: 'KDC_ERR_PREAUTH_REQUIRED', ja: '事前認証が必要', en: 'pre-authentication required' },
  '0x1f': { name: 'KRB_AP_ERR_BAD_INTEGRITY', ja: '整合性チェックの失敗', en: 'integrity check failed' },
  '0x20': { name: 'KRB_AP_ERR_TKT_EXPIRED', ja: 'チケットの有効期限切れ', en: 'ticket expired' },
  '0x22': { name: 'KRB_AP_ERR_REPEAT', ja: 'リプレイの検出', en: 'replay detected' },
  '0x25': { name: 'KRB_AP_ERR_SKEW', ja: '時刻のずれ', en: 'clock skew too great' },
  '0x29': { name: 'KRB_AP_ERR_MODIFIED', ja: 'メッセージの改変', en: 'message modified' },
  '0x3c': { name: 'KRB_ERR_GENERIC', ja: '一般エラー', en: 'generic error' },
};

/** File and directory access rights, in mask order, with the `%%nnnn` message id of each. */
export const ACCESS_RIGHTS: Array<{ bit: number; code: string; name: string } & Words> = [
  { bit: 0x1, code: '4416', name: 'ReadData', ja: 'データの読み取り', en: 'read data' },
  { bit: 0x2, code: '4417', name: 'WriteData', ja: 'データの書き込み', en: 'write data' },
  { bit: 0x4, code: '4418', name: 'AppendData', ja: 'データの追加', en: 'append data' },
  { bit: 0x8, code: '4419', name: 'ReadEA', ja: '拡張属性の読み取り', en: 'read extended attributes' },
  { bit: 0x10, code: '4420', name: 'WriteEA', ja: '拡張属性の書き込み', en: 'write extended attributes' },
  { bit: 0x20, code: '4421', name: 'Execute', ja: '実行', en: 'execute' },
  { bit: 0x40, code: '4422', name: 'DeleteChild', ja: '子の削除', en: 'delete child' },
  { bit: 0x80, code: '4423', name: 'ReadAttributes', ja: '属性の読み取り', en: 'read attributes' },
  { bit: 0x100, code: '4424', name: 'WriteAttributes', ja: '属性の書き込み', en: 'write attributes' },
  { bit: 0x10000, code: '1537', name: 'DELETE', ja: '削除', en: 'delete' },
  { bit: 0x20000, code: '1538', name: 'READ_CONTROL', ja: 'アクセス許可の読み取り', en: 'read permissions' },
  { bit: 0x40000, code: '1539', name: 'WRITE_DAC', ja: 'アクセス許可の変更', en: 'change permissions' },
  { bit: 0x80000, code: '1540', name: 'WRITE_OWNER', ja: '所有者の変更', en: 'change owner' },
  { bit: 0x100000, code: '1541', name: 'SYNCHRONIZE', ja: '同期', en: 'synchronize' },
  { bit: 0x1000000, code: '1542', name: 'ACCESS_SYS_SEC', ja: '監査設定の読み書き', en: 'access the audit settings' },
];

const RIGHT_BY_CODE = new Map(ACCESS_RIGHTS.map((r) => [r.code, r]));
const RIGHT_BY_NAME = new Map(ACCESS_RIGHTS.map((r) => [r.name, r]));
const PERCENT_CODE = /%%(\d+)/g;

/**
 * Access rights as names (ReadData, DELETE, …): from the `%%nnnn` codes of AccessList when present
 * (the EventData form), otherwise from the hex AccessMask. Localized word lists (a ja-JP rendered
 * message) carry no codes, so the mask is the fallback that always works.
 */
export function decodeAccess(accessList: string | undefined, accessMask: string | undefined): string[] {
  const out: string[] = [];
  if (accessList && accessList.includes('%%')) {
    PERCENT_CODE.lastIndex = 0;
    for (let m = PERCENT_CODE.exec(accessList); m; m = PERCENT_CODE.exec(accessList)) {
      const r = RIGHT_BY_CODE.get(m[1]);
      if (r && !out.includes(r.name)) out.push(r.name);
    }
    if (out.length > 0) return out;
  }
  const mask = parseHex(accessMask);
  if (mask !== undefined) {
    for (const r of ACCESS_RIGHTS) {
      if ((mask & r.bit) !== 0) out.push(r.name);
    }
  }
  return out;
}

export function rightWords(names: readonly string[], lang: 'ja' | 'en'): string {
  return names.map((n) => RIGHT_BY_NAME.get(n)?.[lang] ?? n).join(lang === 'ja' ? '、' : ', ');
}

/** Parses `0x1a2c` or a decimal string; undefined when it is neither. */
export function parseHex(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const s = v.trim();
  if (/^0x[0-9a-f]+$/i.test(s)) {
    const n = parseInt(s.slice(2), 16);
    return Number.isFinite(n) ? n : undefined;
  }
  if (/^\d+$/.test(s)) return Number(s);
  return undefined;
}

/** `%%nnnn` insertion strings found in Security EventData, decoded into words. */
export const MESSAGE_CODES: Record<string, Words> = {
  '1842': { ja: 'はい', en: 'yes' },
  '1843': { ja: 'いいえ', en: 'no' },
  '1936': {
    ja: '既定のトークン(UAC 無効または組み込み管理者)',
    en: 'default token (UAC off or built-in administrator)',
  },
  '1937': { ja: '管理者として昇格', en: 'elevated (run as administrator)' },
  '1938': { ja: '制限付きトークン(昇格なし)', en: 'limited token (not elevated)' },
  '8448': { ja: '成功の監査を削除', en: 'success auditing removed' },
  '8449': { ja: '成功の監査を追加', en: 'success auditing added' },
  '8450': { ja: '失敗の監査を削除', en: 'failure auditing removed' },
  '8451': { ja: '失敗の監査を追加', en: 'failure auditing added' },
  '14592': { ja: '受信', en: 'inbound' },
  '14593': { ja: '送信', en: 'outbound' },
};

/** The audit policy categories of 4719 CategoryId. */
export const AUDIT_CATEGORIES: Record<string, string> = {
  '8272': 'System',
  '8273': 'Logon/Logoff',
  '8274': 'Object Access',
  '8275': 'Privilege Use',
  '8276': 'Detailed Tracking',
  '8277': 'Policy Change',
  '8278': 'Account Management',
  '8279': 'DS Access',
  '8280': 'Account Logon',
};

/** Audit subcategory GUIDs (MS-GPAC) → [subcategory, category]. Only the low word varies. */
const SUBCATEGORY_SUFFIX = '-69AE-11D9-BED3-505054503030';
const SUBCATEGORIES: Record<string, [string, string]> = {
  '0CCE9210': ['Security State Change', 'System'],
  '0CCE9211': ['Security System Extension', 'System'],
  '0CCE9212': ['System Integrity', 'System'],
  '0CCE9213': ['IPsec Driver', 'System'],
  '0CCE9214': ['Other System Events', 'System'],
  '0CCE9215': ['Logon', 'Logon/Logoff'],
  '0CCE9216': ['Logoff', 'Logon/Logoff'],
  '0CCE9217': ['Account Lockout', 'Logon/Logoff'],
  '0CCE9218': ['IPsec Main Mode', 'Logon/Logoff'],
  '0CCE9219': ['IPsec Quick Mode', 'Logon/Logoff'],
  '0CCE921A': ['IPsec Extended Mode', 'Logon/Logoff'],
  '0CCE921B': ['Special Logon', 'Logon/Logoff'],
  '0CCE921C': ['Other Logon/Logoff Events', 'Logon/Logoff'],
  '0CCE9243': ['Network Policy Server', 'Logon/Logoff'],
  '0CCE9247': ['User / Device Claims', 'Logon/Logoff'],
  '0CCE921D': ['File System', 'Object Access'],
  '0CCE921E': ['Registry', 'Object Access'],
  '0CCE921F': ['Kernel Object', 'Object Access'],
  '0CCE9220': ['SAM', 'Object Access'],
  '0CCE9221': ['Certification Services', 'Object Access'],
  '0CCE9222': ['Application Generated', 'Object Access'],
  '0CCE9223': ['Handle Manipulation', 'Object Access'],
  '0CCE9224': ['File Share', 'Object Access'],
  '0CCE9225': ['Filtering Platform Packet Drop', 'Object Access'],
  '0CCE9226': ['Filtering Platform Connection', 'Object Access'],
  '0CCE9227': ['Other Object Access Events', 'Object Access'],
  '0CCE9244': ['Detailed File Share', 'Object Access'],
  '0CCE9245': ['Removable Storage', 'Object Access'],
  '0CCE9246': ['Central Policy Staging', 'Object Access'],
  '0CCE9228': ['Sensitive Privilege Use', 'Privilege Use'],
  '0CCE9229': ['Non Sensitive Privilege Use', 'Privilege Use'],
  '0CCE922A': ['Other Privilege Use Events', 'Privilege Use'],
  '0CCE922B': ['Process Creation', 'Detailed Tracking'],
  '0CCE922C': ['Process Termination', 'Detailed Tracking'],
  '0CCE922D': ['DPAPI Activity', 'Detailed Tracking'],
  '0CCE922E': ['RPC Events', 'Detailed Tracking'],
  '0CCE9248': ['Plug and Play Events', 'Detailed Tracking'],
  '0CCE922F': ['Audit Policy Change', 'Policy Change'],
  '0CCE9230': ['Authentication Policy Change', 'Policy Change'],
  '0CCE9231': ['Authorization Policy Change', 'Policy Change'],
  '0CCE9232': ['MPSSVC Rule-Level Policy Change', 'Policy Change'],
  '0CCE9233': ['Filtering Platform Policy Change', 'Policy Change'],
  '0CCE9234': ['Other Policy Change Events', 'Policy Change'],
  '0CCE9235': ['User Account Management', 'Account Management'],
  '0CCE9236': ['Computer Account Management', 'Account Management'],
  '0CCE9237': ['Security Group Management', 'Account Management'],
  '0CCE9238': ['Distribution Group Management', 'Account Management'],
  '0CCE9239': ['Application Group Management', 'Account Management'],
  '0CCE923A': ['Other Account Management Events', 'Account Management'],
  '0CCE923B': ['Directory Service Access', 'DS Access'],
  '0CCE923C': ['Directory Service Changes', 'DS Access'],
  '0CCE923D': ['Directory Service Replication', 'DS Access'],
  '0CCE923E': ['Detailed Directory Service Replication', 'DS Access'],
  '0CCE923F': ['Credential Validation', 'Account Logon'],
  '0CCE9240': ['Kerberos Service Ticket Operations', 'Account Logon'],
  '0CCE9241': ['Other Account Logon Events', 'Account Logon'],
  '0CCE9242': ['Kerberos Authentication Service', 'Account Logon'],
};

export function auditSubcategory(guid: string | undefined): [string, string] | undefined {
  if (!guid) return undefined;
  const g = guid.replace(/[{}]/g, '').toUpperCase();
  if (!g.endsWith(SUBCATEGORY_SUFFIX)) return undefined;
  return SUBCATEGORIES[g.slice(0, 8)];
}

/** `%%8448, %%8451` → the words of each known code, or the text itself when it holds none. */
export function decodeMessageCodes(value: string | undefined, lang: 'ja' | 'en'): string | undefined {
  if (!value) return undefined;
  const words: string[] = [];
  PERCENT_CODE.lastIndex = 0;
  for (let m = PERCENT_CODE.exec(value); m; m = PERCENT_CODE.exec(value)) {
    words.push(MESSAGE_CODES[m[1]]?.[lang] ?? AUDIT_CATEGORIES[m[1]] ?? `%%${m[1]}`);
  }
  if (words.length === 0) return value.trim() || undefined;
  return words.join(lang === 'ja' ? '、' : ', ');
}

/** IANA protocol numbers of WFP events. */
export const PROTOCOLS: Record<string, string> = {
  '1': 'icmp',
  '2': 'igmp',
  '6': 'tcp',
  '17': 'udp',
  '47': 'gre',
  '50': 'esp',
  '58': 'ipv6-icmp',
};

/** Security groups whose new members get admin rights (well-known RIDs and names). */
const ADMIN_GROUP_NAMES = new Set([
  'administrators',
  'domain admins',
  'enterprise admins',
  'schema admins',
  'account operators',
  'backup operators',
  'server operators',
  'print operators',
  'dnsadmins',
  'group policy creator owners',
  'hyper-v administrators',
]);
const ADMIN_SID = /^S-1-5-(32-5(44|48|49|50|51)|21-[\d-]+-(512|518|519|520))$/i;

export function isAdminGroup(name: string | undefined, sid: string | undefined): boolean {
  return (
    (name !== undefined && ADMIN_GROUP_NAMES.has(name.toLowerCase())) || (sid !== undefined && ADMIN_SID.test(sid))
  );
}
