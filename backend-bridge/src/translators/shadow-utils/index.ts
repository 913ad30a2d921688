/**
 * shadow-utils account tools inside syslog: useradd, userdel, usermod, groupadd, groupdel, groupmod,
 * gpasswd, passwd, chpasswd, chage, chfn, chsh, newusers, groupmems. Formats as written by shadow
 * 4.1 (names in `quotes') to 4.17 (names in 'quotes'); userdel/groupdel end some messages with a
 * line feed that rsyslog writes as `#012`.
 */
import type { KansaEvent, SyslogMessage, SyslogProgram, TranslateContext } from '../../translate/types';
import { isPamMessage, translatePam } from '../_lib/pam';
import { baseEvent, unwrapRepeated } from '../_lib/linux';

const PROGRAMS = new Set([
  'useradd', 'userdel', 'usermod', 'groupadd', 'groupdel', 'groupmod', 'gpasswd', 'passwd', 'chpasswd',
  'chgpasswd', 'chage', 'chfn', 'chsh', 'newusers', 'groupmems',
]);

type Kind = 'user' | 'group' | 'member';

interface Rule {
  re: RegExp;
  action: string;
  kind: Kind;
  type: string[];
  outcome?: string;
  /** Builds the fields and the two sentences from the match. `where` is `web01 で ` / ` on web01`. */
  build(m: RegExpExecArray, ev: KansaEvent, raw: Record<string, string>): { ja: string; en: string; actor?: string };
}

function target(ev: KansaEvent, name: string): void {
  ev['user.target.name'] = name;
}

const RULES: Rule[] = [
  {
    re: /^new user: name=([^,]+), UID=(\d+), GID=(\d+), home=([^,]*), shell=([^,]*)(?:, from=(.*))?$/,
    action: 'added-user-account',
    kind: 'user',
    type: ['user', 'creation'],
    build(m, ev, raw) {
      target(ev, m[1]);
      ev['user.target.id'] = m[2];
      ev['group.id'] = m[3];
      raw.home = m[4];
      raw.shell = m[5];
      if (m[6]) raw.from = m[6];
      return {
        ja: `ユーザー ${m[1]} を作成しました(UID ${m[2]}、GID ${m[3]}、ホーム ${m[4]}、シェル ${m[5]}${m[6] ? `、操作端末 ${m[6]}` : ''})`,
        en: `user ${m[1]} was created (UID ${m[2]}, GID ${m[3]}, home ${m[4]}, shell ${m[5]}${m[6] ? `, from ${m[6]}` : ''})`,
      };
    },
  },
  {
    re: /^(?:new group: name=([^,]+), GID=(\d+)|group added to \/etc\/group: name=([^,]+), GID=(\d+))$/,
    action: 'added-group-account',
    kind: 'group',
    type: ['group', 'creation'],
    build(m, ev) {
      const name = m[1] ?? m[3];
      const gid = m[2] ?? m[4];
      ev['group.name'] = name;
      ev['group.id'] = gid;
      return { ja: `グループ ${name} を作成しました(GID ${gid})`, en: `group ${name} was created (GID ${gid})` };
    },
  },
  {
    re: /^group added to (\/etc\/gshadow): name=(\S+)$/,
    action: 'added-group-account-gshadow',
    kind: 'group',
    type: ['group', 'creation'],
    build(m, ev, raw) {
      ev['group.name'] = m[2];
      raw.file = m[1];
      return { ja: `グループ ${m[2]} を ${m[1]} に追加しました`, en: `group ${m[2]} was added to ${m[1]}` };
    },
  },
  {
    re: /^add '([^']+)' to (shadow )?group '([^']+)'$/,
    action: 'added-member-to-group',
    kind: 'member',
    type: ['group', 'change'],
    build(m, ev, raw) {
      target(ev, m[1]);
      ev['group.name'] = m[3];
      raw.file = m[2] ? '/etc/gshadow' : '/etc/group';
      return { ja: `${m[1]} をグループ ${m[3]} に追加しました${m[2] ? '(gshadow)' : ''}`, en: `${m[1]} was added to group ${m[3]}${m[2] ? ' (gshadow)' : ''}` };
    },
  },
  {
    re: /^delete '([^']+)' from (shadow )?group '([^']+)'$/,
    action: 'removed-member-from-group',
    kind: 'member',
    type: ['group', 'change'],
    build(m, ev, raw) {
      target(ev, m[1]);
      ev['group.name'] = m[3];
      raw.file = m[2] ? '/etc/gshadow' : '/etc/group';
      return { ja: `${m[1]} をグループ ${m[3]} から削除しました${m[2] ? '(gshadow)' : ''}`, en: `${m[1]} was removed from group ${m[3]}${m[2] ? ' (gshadow)' : ''}` };
    },
  },
  {
    re: /^delete user '([^']+)'$/,
    action: 'deleted-user-account',
    kind: 'user',
    type: ['user', 'deletion'],
    build(m, ev) {
      target(ev, m[1]);
      return { ja: `ユーザー ${m[1]} を削除しました`, en: `user ${m[1]} was deleted` };
    },
  },
  {
    re: /^removed (shadow )?group '([^']+)' owned by '([^']+)'$/,
    action: 'deleted-group-account',
    kind: 'group',
    type: ['group', 'deletion'],
    build(m, ev, raw) {
      ev['group.name'] = m[2];
      target(ev, m[3]);
      raw.file = m[1] ? '/etc/gshadow' : '/etc/group';
      return { ja: `${m[3]} のグループ ${m[2]} を削除しました${m[1] ? '(gshadow)' : ''}`, en: `group ${m[2]} owned by ${m[3]} was deleted${m[1] ? ' (gshadow)' : ''}` };
    },
  },
  {
    re: /^(?:group '([^']+)' removed(?: from (\S+))?|remove group '([^']+)')$/,
    action: 'deleted-group-account',
    kind: 'group',
    type: ['group', 'deletion'],
    build(m, ev, raw) {
      const name = m[1] ?? m[3];
      ev['group.name'] = name;
      if (m[2]) raw.file = m[2];
      return { ja: `グループ ${name} を削除しました${m[2] ? `(${m[2]})` : ''}`, en: `group ${name} was deleted${m[2] ? ` (${m[2]})` : ''}` };
    },
  },
  {
    re: /^(lock|unlock|change) user '([^']+)' password$/,
    action: 'reset-password',
    kind: 'user',
    type: ['user', 'change'],
    build(m, ev) {
      target(ev, m[2]);
      if (m[1] === 'lock') {
        ev['event.action'] = 'disabled-user-account';
        return { ja: `ユーザー ${m[2]} のパスワードをロックしました`, en: `user ${m[2]}'s password was locked` };
      }
      if (m[1] === 'unlock') {
        ev['event.action'] = 'enabled-user-account';
        return { ja: `ユーザー ${m[2]} のパスワードのロックを解除しました`, en: `user ${m[2]}'s password was unlocked` };
      }
      return { ja: `ユーザー ${m[2]} のパスワードを設定し直しました`, en: `user ${m[2]}'s password was reset` };
    },
  },
  {
    re: /^change user name '([^']+)' to '([^']+)'$/,
    action: 'renamed-user-account',
    kind: 'user',
    type: ['user', 'change'],
    build(m, ev, raw) {
      target(ev, m[2]);
      raw.old_name = m[1];
      return { ja: `ユーザー名を ${m[1]} から ${m[2]} に変更しました`, en: `user ${m[1]} was renamed to ${m[2]}` };
    },
  },
  {
    re: /^change user '([^']+)' (UID|GID|home|shell|inactive|expiration) from '([^']*)' to '([^']*)'$/,
    action: 'modified-user-account',
    kind: 'user',
    type: ['user', 'change'],
    build(m, ev, raw) {
      target(ev, m[1]);
      raw.attribute = m[2];
      raw.old = m[3];
      raw.new = m[4];
      const ja: Record<string, string> = { UID: 'UID', GID: 'GID', home: 'ホーム', shell: 'シェル', inactive: '無効化猶予日数', expiration: '有効期限' };
      return {
        ja: `ユーザー ${m[1]} の${ja[m[2]]}を ${m[3]} から ${m[4]} に変更しました`,
        en: `user ${m[1]}'s ${m[2]} was changed from ${m[3]} to ${m[4]}`,
      };
    },
  },
  {
    re: /^change (admin )?'([^']+)' to '([^']+)' in (shadow )?group '([^']+)'$/,
    action: 'modified-group-account',
    kind: 'group',
    type: ['group', 'change'],
    build(m, ev) {
      target(ev, m[3]);
      ev['group.name'] = m[5];
      return {
        ja: `グループ ${m[5]} の${m[1] ? '管理者' : 'メンバー'} ${m[2]} を ${m[3]} に変更しました${m[4] ? '(gshadow)' : ''}`,
        en: `${m[1] ? 'administrator' : 'member'} ${m[2]} of group ${m[5]} was changed to ${m[3]}${m[4] ? ' (gshadow)' : ''}`,
      };
    },
  },
  {
    re: /^group changed in (\S+) \((.*)\)$/,
    action: 'modified-group-account',
    kind: 'group',
    type: ['group', 'change'],
    build(m, ev, raw) {
      const g = /^group ([^/,\s]+)/.exec(m[2]);
      if (g) ev['group.name'] = g[1];
      raw.file = m[1];
      raw.change = m[2];
      return { ja: `${m[1]} のグループを変更しました(${m[2]})`, en: `a group in ${m[1]} was changed (${m[2]})` };
    },
  },
  {
    re: /^change group '([^']+)' to '([^']+)'$/,
    action: 'modified-group-account',
    kind: 'group',
    type: ['group', 'change'],
    build(m, ev, raw) {
      ev['group.name'] = m[2];
      raw.old_name = m[1];
      return { ja: `グループ名を ${m[1]} から ${m[2]} に変更しました`, en: `group ${m[1]} was renamed to ${m[2]}` };
    },
  },
  {
    re: /^password for '([^']+)' changed by '([^']+)'$/,
    action: 'changed-password',
    kind: 'user',
    type: ['user', 'change'],
    build(m, ev) {
      target(ev, m[1]);
      if (m[1] !== m[2]) {
        ev['event.action'] = 'reset-password';
        return { ja: `${m[1]} のパスワードを変更しました`, en: `changed ${m[1]}'s password`, actor: m[2] };
      }
      return { ja: `自分のパスワードを変更しました`, en: `changed their own password`, actor: m[2] };
    },
  },
  {
    re: /^(incorrect password for|password locked for|now < minimum age for|can't view or modify password information for) '?([^'\s]+)'?$/,
    action: 'password-change-failed',
    kind: 'user',
    type: ['user', 'change'],
    outcome: 'failure',
    build(m, ev) {
      target(ev, m[2]);
      ev['event.reason'] = m[1].replace(/ for$/, '');
      const ja: Record<string, string> = {
        'incorrect password for': '現在のパスワード誤り',
        'password locked for': 'パスワードがロック中',
        'now < minimum age for': '最短使用期間内',
        "can't view or modify password information for": '権限なし',
      };
      return { ja: `パスワードの変更に失敗しました(${ja[m[1]]})`, en: `failed to change their password (${m[1].replace(/ for$/, '')})`, actor: m[2] };
    },
  },
  {
    re: /^changed password expiry for (\S+)$/,
    action: 'modified-user-account',
    kind: 'user',
    type: ['user', 'change'],
    build(m, ev) {
      target(ev, m[1]);
      return { ja: `ユーザー ${m[1]} のパスワード有効期限を変更しました`, en: `user ${m[1]}'s password expiry was changed` };
    },
  },
  {
    re: /^changed user '([^']+)' (information|shell to '([^']*)')$/,
    action: 'modified-user-account',
    kind: 'user',
    type: ['user', 'change'],
    build(m, ev) {
      target(ev, m[1]);
      return m[3] !== undefined
        ? { ja: `ユーザー ${m[1]} のシェルを ${m[3]} に変更しました`, en: `user ${m[1]}'s shell was changed to ${m[3]}` }
        : { ja: `ユーザー ${m[1]} の情報 (GECOS) を変更しました`, en: `user ${m[1]}'s information (GECOS) was changed` };
    },
  },
  {
    re: /^user (\S+) (added|removed) by (\S+) (?:to|from) group (\S+?)(?: in (\S+))?$/,
    action: 'added-member-to-group',
    kind: 'member',
    type: ['group', 'change'],
    build(m, ev, raw) {
      target(ev, m[1]);
      ev['group.name'] = m[4];
      if (m[5]) raw.file = m[5];
      if (m[2] === 'removed') {
        ev['event.action'] = 'removed-member-from-group';
        return { ja: `${m[1]} をグループ ${m[4]} から削除しました(gpasswd)`, en: `removed ${m[1]} from group ${m[4]} (gpasswd)`, actor: m[3] };
      }
      return { ja: `${m[1]} をグループ ${m[4]} に追加しました(gpasswd)`, en: `added ${m[1]} to group ${m[4]} (gpasswd)`, actor: m[3] };
    },
  },
  {
    re: /^(members|administrators) of group (\S+) set by (\S+) to (.*?)(?: in \/etc\/gshadow)?$/,
    action: 'modified-group-account',
    kind: 'group',
    type: ['group', 'change'],
    build(m, ev, raw) {
      ev['group.name'] = m[2];
      raw[m[1]] = m[4];
      return {
        ja: `グループ ${m[2]} の${m[1] === 'members' ? 'メンバー' : '管理者'}を ${m[4] || '(なし)'} に設定しました`,
        en: `set the ${m[1]} of group ${m[2]} to ${m[4] || '(none)'}`,
        actor: m[3],
      };
    },
  },
  {
    re: /^password of group (\S+) (changed|removed) by (\S+)/,
    action: 'modified-group-account',
    kind: 'group',
    type: ['group', 'change'],
    build(m, ev) {
      ev['group.name'] = m[1];
      return {
        ja: `グループ ${m[1]} のパスワードを${m[2] === 'changed' ? '変更' : '削除'}しました`,
        en: `${m[2] === 'changed' ? 'changed' : 'removed'} the password of group ${m[1]}`,
        actor: m[3],
      };
    },
  },
  {
    re: /^failed adding user '([^']+)'(?:, exit code: (\d+)|, data deleted)$/,
    action: 'add-user-failed',
    kind: 'user',
    type: ['user', 'creation'],
    outcome: 'failure',
    build(m, ev) {
      target(ev, m[1]);
      if (m[2]) ev['error.code'] = m[2];
      return { ja: `ユーザー ${m[1]} の作成に失敗しました${m[2] ? `(終了コード ${m[2]})` : ''}`, en: `creating user ${m[1]} failed${m[2] ? ` (exit code ${m[2]})` : ''}` };
    },
  },
];

export function translateShadow(msg: SyslogMessage): KansaEvent | null {
  const { text: inner, count } = unwrapRepeated(msg.message);
  if (isPamMessage(inner)) {
    return translatePam(inner, msg, count);
  }
  let text = inner.trim();
  if (text.endsWith('#012')) {
    text = text.slice(0, -4);
  }
  if (text.indexOf('`') >= 0) {
    text = text.replace(/`/g, "'");
  }
  for (const rule of RULES) {
    const m = rule.re.exec(text);
    if (!m) {
      continue;
    }
    const ev = baseEvent('shadow-utils', 'shadow-utils', `shadow-utils.${msg.program}`);
    ev['event.category'] = ['iam'];
    ev['event.type'] = rule.type;
    ev['event.action'] = rule.action;
    ev['event.outcome'] = rule.outcome ?? 'success';
    const raw: Record<string, string> = { program: msg.program };
    const s = rule.build(m, ev, raw);
    ev['kansa.raw'] = raw;
    if (count > 1) {
      ev['kansa.count'] = count;
    }
    const host = msg.host;
    const tool = msg.program;
    if (s.actor) {
      ev['user.name'] = s.actor;
      ev['kansa.message.ja'] = `${s.actor} が ${host ? `${host} で ` : ''}${s.ja}`;
      ev['kansa.message.en'] = `${s.actor} ${s.en}${host ? ` on ${host}` : ''}`;
    } else {
      // shadow-utils does not say who ran the tool: the host opens the sentence.
      ev['kansa.message.ja'] = `${host ?? tool} で ${tool} が ${s.ja}`;
      ev['kansa.message.en'] = `On ${host ?? 'this host'}, ${tool}: ${s.en}`;
    }
    return ev;
  }
  return null;
}

export const shadowUtils: SyslogProgram = {
  id: 'shadow-utils',
  matches(msg: SyslogMessage): boolean {
    return PROGRAMS.has(msg.program);
  },
  translate(msg: SyslogMessage, _ctx: TranslateContext): KansaEvent | null {
    return translateShadow(msg);
  },
};

export default shadowUtils;
