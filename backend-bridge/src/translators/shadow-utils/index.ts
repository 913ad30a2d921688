/**
 * shadow-utils account tools inside syslog: useradd, userdel, usermod, groupadd, groupdel, groupmod,
 * gpasswd, passwd, chpasswd, chage, chfn, chsh, newusers, groupmems. Formats as written by shadow
 * 4.1 (names in `quotes') to 4.17 (names in 'quotes'); userdel/groupdel end some messages with a
 * line feed that rsyslog writes as `#012`.
 */
import type { KansaEvent, SyslogMessage, SyslogProgram, TranslateContext } from '../../translate/types';
import { isPamMessage, translatePam } from '../_lib/pam';
import { baseEvent, unwrapRepeated } from '../_lib/linux';
import { applyRules, assignFields, ruleTable, type MessageRule } from '../_lib/rules';

const PROGRAMS = new Set([
  'useradd',
  'userdel',
  'usermod',
  'groupadd',
  'groupdel',
  'groupmod',
  'gpasswd',
  'passwd',
  'chpasswd',
  'chgpasswd',
  'chage',
  'chfn',
  'chsh',
  'newusers',
  'groupmems',
]);

type Kind = 'user' | 'group' | 'member';

/** What a rule may add to kansa.raw (the message's own words, e.g. home, shell, old_name). */
interface ShadowCtx {
  raw: Record<string, string>;
}

interface Rule extends MessageRule<ShadowCtx> {
  action: string;
  kind: Kind;
  type: string[];
  outcome?: string;
}

function target(ev: KansaEvent, name: string): void {
  ev['user.target.name'] = name;
}

export const RULES = ruleTable<ShadowCtx, Rule>('shadow-utils', { raw: {} }, [
  {
    id: 'new-user',
    sample: 'new user: name=olduser, UID=1500, GID=100, home=/home/olduser, shell=/bin/sh',
    match:
      /^new user: name=(?<name>[^,]+), UID=(?<uid>\d+), GID=(?<gid>\d+), home=(?<home>[^,]*), shell=(?<shell>[^,]*)(?:, from=(?<from>.*))?$/,
    action: 'added-user-account',
    kind: 'user',
    type: ['user', 'creation'],
    build(m, { raw }) {
      const ev: KansaEvent = {};
      target(ev, m.name);
      ev['user.target.id'] = m.uid;
      ev['group.id'] = m.gid;
      raw.home = m.home;
      raw.shell = m.shell;
      if (m.from) raw.from = m.from;
      return {
        fields: ev,
        ja: `ユーザー ${m.name} を作成しました(UID ${m.uid}、GID ${m.gid}、ホーム ${m.home}、シェル ${m.shell}${m.from ? `、操作端末 ${m.from}` : ''})`,
        en: `user ${m.name} was created (UID ${m.uid}, GID ${m.gid}, home ${m.home}, shell ${m.shell}${m.from ? `, from ${m.from}` : ''})`,
      };
    },
  },
  {
    id: 'new-group',
    sample: 'group added to /etc/group: name=backdoor, GID=1002',
    match:
      /^(?:new group: name=(?<name>[^,]+), GID=(?<gid>\d+)|group added to \/etc\/group: name=(?<name2>[^,]+), GID=(?<gid2>\d+))$/,
    action: 'added-group-account',
    kind: 'group',
    type: ['group', 'creation'],
    build(m) {
      const ev: KansaEvent = {};
      const name = m.name ?? m.name2;
      const gid = m.gid ?? m.gid2;
      ev['group.name'] = name;
      ev['group.id'] = gid;
      return {
        fields: ev,
        ja: `グループ ${name} を作成しました(GID ${gid})`,
        en: `group ${name} was created (GID ${gid})`,
      };
    },
  },
  {
    id: 'gshadow-group-added',
    sample: 'group added to /etc/gshadow: name=backdoor',
    match: /^group added to (?<file>\/etc\/gshadow): name=(?<name>\S+)$/,
    action: 'added-group-account-gshadow',
    kind: 'group',
    type: ['group', 'creation'],
    build(m, { raw }) {
      const ev: KansaEvent = {};
      ev['group.name'] = m.name;
      raw.file = m.file;
      return {
        fields: ev,
        ja: `グループ ${m.name} を ${m.file} に追加しました`,
        en: `group ${m.name} was added to ${m.file}`,
      };
    },
  },
  {
    id: 'member-added',
    sample: "add 'olduser' to group 'wheel'",
    match: /^add '(?<user>[^']+)' to (?<shadow>shadow )?group '(?<group>[^']+)'$/,
    action: 'added-member-to-group',
    kind: 'member',
    type: ['group', 'change'],
    build(m, { raw }) {
      const ev: KansaEvent = {};
      target(ev, m.user);
      ev['group.name'] = m.group;
      raw.file = m.shadow ? '/etc/gshadow' : '/etc/group';
      return {
        fields: ev,
        ja: `${m.user} をグループ ${m.group} に追加しました${m.shadow ? '(gshadow)' : ''}`,
        en: `${m.user} was added to group ${m.group}${m.shadow ? ' (gshadow)' : ''}`,
      };
    },
  },
  {
    id: 'member-removed',
    sample: "delete 'backdoor' from group 'sudo'",
    match: /^delete '(?<user>[^']+)' from (?<shadow>shadow )?group '(?<group>[^']+)'$/,
    action: 'removed-member-from-group',
    kind: 'member',
    type: ['group', 'change'],
    build(m, { raw }) {
      const ev: KansaEvent = {};
      target(ev, m.user);
      ev['group.name'] = m.group;
      raw.file = m.shadow ? '/etc/gshadow' : '/etc/group';
      return {
        fields: ev,
        ja: `${m.user} をグループ ${m.group} から削除しました${m.shadow ? '(gshadow)' : ''}`,
        en: `${m.user} was removed from group ${m.group}${m.shadow ? ' (gshadow)' : ''}`,
      };
    },
  },
  {
    id: 'user-deleted',
    sample: "delete user 'olduser'",
    match: /^delete user '(?<user>[^']+)'$/,
    action: 'deleted-user-account',
    kind: 'user',
    type: ['user', 'deletion'],
    build(m) {
      const ev: KansaEvent = {};
      target(ev, m.user);
      return { fields: ev, ja: `ユーザー ${m.user} を削除しました`, en: `user ${m.user} was deleted` };
    },
  },
  {
    id: 'group-deleted-owned',
    sample: "removed group 'backdoor' owned by 'backdoor'",
    match: /^removed (?<shadow>shadow )?group '(?<group>[^']+)' owned by '(?<owner>[^']+)'$/,
    action: 'deleted-group-account',
    kind: 'group',
    type: ['group', 'deletion'],
    build(m, { raw }) {
      const ev: KansaEvent = {};
      ev['group.name'] = m.group;
      target(ev, m.owner);
      raw.file = m.shadow ? '/etc/gshadow' : '/etc/group';
      return {
        fields: ev,
        ja: `${m.owner} のグループ ${m.group} を削除しました${m.shadow ? '(gshadow)' : ''}`,
        en: `group ${m.group} owned by ${m.owner} was deleted${m.shadow ? ' (gshadow)' : ''}`,
      };
    },
  },
  {
    id: 'group-deleted',
    sample: "group 'developers' removed from /etc/group",
    match: /^(?:group '(?<group>[^']+)' removed(?: from (?<file>\S+))?|remove group '(?<group2>[^']+)')$/,
    action: 'deleted-group-account',
    kind: 'group',
    type: ['group', 'deletion'],
    build(m, { raw }) {
      const ev: KansaEvent = {};
      const name = m.group ?? m.group2;
      ev['group.name'] = name;
      if (m.file) raw.file = m.file;
      return {
        fields: ev,
        ja: `グループ ${name} を削除しました${m.file ? `(${m.file})` : ''}`,
        en: `group ${name} was deleted${m.file ? ` (${m.file})` : ''}`,
      };
    },
  },
  {
    id: 'user-password-lock',
    sample: "lock user 'suzuki' password",
    match: /^(?<op>lock|unlock|change) user '(?<user>[^']+)' password$/,
    action: 'reset-password',
    kind: 'user',
    type: ['user', 'change'],
    build(m) {
      const ev: KansaEvent = {};
      target(ev, m.user);
      if (m.op === 'lock') {
        ev['event.action'] = 'disabled-user-account';
        return {
          fields: ev,
          ja: `ユーザー ${m.user} のパスワードをロックしました`,
          en: `user ${m.user}'s password was locked`,
        };
      }
      if (m.op === 'unlock') {
        ev['event.action'] = 'enabled-user-account';
        return {
          fields: ev,
          ja: `ユーザー ${m.user} のパスワードのロックを解除しました`,
          en: `user ${m.user}'s password was unlocked`,
        };
      }
      return {
        fields: ev,
        ja: `ユーザー ${m.user} のパスワードを設定し直しました`,
        en: `user ${m.user}'s password was reset`,
      };
    },
  },
  {
    id: 'user-renamed',
    sample: "change user name 'yamada' to 'yamada.t'",
    match: /^change user name '(?<old>[^']+)' to '(?<new>[^']+)'$/,
    action: 'renamed-user-account',
    kind: 'user',
    type: ['user', 'change'],
    build(m, { raw }) {
      const ev: KansaEvent = {};
      target(ev, m.new);
      raw.old_name = m.old;
      return {
        fields: ev,
        ja: `ユーザー名を ${m.old} から ${m.new} に変更しました`,
        en: `user ${m.old} was renamed to ${m.new}`,
      };
    },
  },
  {
    id: 'user-attribute-changed',
    sample: "change user 'backdoor' shell from '/bin/bash' to '/bin/sh'",
    match:
      /^change user '(?<user>[^']+)' (?<attr>UID|GID|home|shell|inactive|expiration) from '(?<old>[^']*)' to '(?<new>[^']*)'$/,
    action: 'modified-user-account',
    kind: 'user',
    type: ['user', 'change'],
    build(m, { raw }) {
      const ev: KansaEvent = {};
      target(ev, m.user);
      raw.attribute = m.attr;
      raw.old = m.old;
      raw.new = m.new;
      const ja: Record<string, string> = {
        UID: 'UID',
        GID: 'GID',
        home: 'ホーム',
        shell: 'シェル',
        inactive: '無効化猶予日数',
        expiration: '有効期限',
      };
      return {
        fields: ev,
        ja: `ユーザー ${m.user} の${ja[m.attr]}を ${m.old} から ${m.new} に変更しました`,
        en: `user ${m.user}'s ${m.attr} was changed from ${m.old} to ${m.new}`,
      };
    },
  },
  {
    id: 'group-member-renamed',
    sample: "change 'olduser' to 'newuser' in group 'devs'",
    match: /^change (?<admin>admin )?'(?<old>[^']+)' to '(?<new>[^']+)' in (?<shadow>shadow )?group '(?<group>[^']+)'$/,
    action: 'modified-group-account',
    kind: 'group',
    type: ['group', 'change'],
    build(m) {
      const ev: KansaEvent = {};
      target(ev, m.new);
      ev['group.name'] = m.group;
      return {
        fields: ev,
        ja: `グループ ${m.group} の${m.admin ? '管理者' : 'メンバー'} ${m.old} を ${m.new} に変更しました${m.shadow ? '(gshadow)' : ''}`,
        en: `${m.admin ? 'administrator' : 'member'} ${m.old} of group ${m.group} was changed to ${m.new}${m.shadow ? ' (gshadow)' : ''}`,
      };
    },
  },
  {
    id: 'group-changed',
    sample: 'group changed in /etc/group (group devs/1003, new name: developers)',
    match: /^group changed in (?<file>\S+) \((?<change>.*)\)$/,
    action: 'modified-group-account',
    kind: 'group',
    type: ['group', 'change'],
    build(m, { raw }) {
      const ev: KansaEvent = {};
      const g = /^group ([^/,\s]+)/.exec(m.change);
      if (g) ev['group.name'] = g[1];
      raw.file = m.file;
      raw.change = m.change;
      return {
        fields: ev,
        ja: `${m.file} のグループを変更しました(${m.change})`,
        en: `a group in ${m.file} was changed (${m.change})`,
      };
    },
  },
  {
    id: 'group-renamed',
    sample: "change group 'devs' to 'developers'",
    match: /^change group '(?<old>[^']+)' to '(?<new>[^']+)'$/,
    action: 'modified-group-account',
    kind: 'group',
    type: ['group', 'change'],
    build(m, { raw }) {
      const ev: KansaEvent = {};
      ev['group.name'] = m.new;
      raw.old_name = m.old;
      return {
        fields: ev,
        ja: `グループ名を ${m.old} から ${m.new} に変更しました`,
        en: `group ${m.old} was renamed to ${m.new}`,
      };
    },
  },
  {
    id: 'password-changed',
    sample: "password for 'tanaka' changed by 'root'",
    match: /^password for '(?<user>[^']+)' changed by '(?<by>[^']+)'$/,
    action: 'changed-password',
    kind: 'user',
    type: ['user', 'change'],
    build(m) {
      const ev: KansaEvent = {};
      target(ev, m.user);
      if (m.user !== m.by) {
        ev['event.action'] = 'reset-password';
        return {
          fields: ev,
          ja: `${m.user} のパスワードを変更しました`,
          en: `changed ${m.user}'s password`,
          actor: m.by,
        };
      }
      return { fields: ev, ja: `自分のパスワードを変更しました`, en: `changed their own password`, actor: m.by };
    },
  },
  {
    id: 'password-change-failed',
    sample: 'incorrect password for sato',
    match:
      /^(?<reason>incorrect password for|password locked for|now < minimum age for|can't view or modify password information for) '?(?<user>[^'\s]+)'?$/,
    action: 'password-change-failed',
    kind: 'user',
    type: ['user', 'change'],
    outcome: 'failure',
    build(m) {
      const ev: KansaEvent = {};
      target(ev, m.user);
      ev['event.reason'] = m.reason.replace(/ for$/, '');
      const ja: Record<string, string> = {
        'incorrect password for': '現在のパスワード誤り',
        'password locked for': 'パスワードがロック中',
        'now < minimum age for': '最短使用期間内',
        "can't view or modify password information for": '権限なし',
      };
      return {
        fields: ev,
        ja: `パスワードの変更に失敗しました(${ja[m.reason]})`,
        en: `failed to change their password (${m.reason.replace(/ for$/, '')})`,
        actor: m.user,
      };
    },
  },
  {
    id: 'password-expiry-changed',
    sample: 'changed password expiry for kato',
    match: /^changed password expiry for (?<user>\S+)$/,
    action: 'modified-user-account',
    kind: 'user',
    type: ['user', 'change'],
    build(m) {
      const ev: KansaEvent = {};
      target(ev, m.user);
      return {
        fields: ev,
        ja: `ユーザー ${m.user} のパスワード有効期限を変更しました`,
        en: `user ${m.user}'s password expiry was changed`,
      };
    },
  },
  {
    id: 'user-info-changed',
    sample: "changed user 'ito' shell to '/bin/zsh'",
    match: /^changed user '(?<user>[^']+)' (?<what>information|shell to '(?<shell>[^']*)')$/,
    action: 'modified-user-account',
    kind: 'user',
    type: ['user', 'change'],
    build(m) {
      const ev: KansaEvent = {};
      target(ev, m.user);
      return m.shell !== undefined
        ? {
            fields: ev,
            ja: `ユーザー ${m.user} のシェルを ${m.shell} に変更しました`,
            en: `user ${m.user}'s shell was changed to ${m.shell}`,
          }
        : {
            fields: ev,
            ja: `ユーザー ${m.user} の情報 (GECOS) を変更しました`,
            en: `user ${m.user}'s information (GECOS) was changed`,
          };
    },
  },
  {
    id: 'gpasswd-member',
    sample: 'user tanaka added by root to group docker',
    match:
      /^user (?<user>\S+) (?<op>added|removed) by (?<by>\S+) (?:to|from) group (?<group>\S+?)(?: in (?<file>\S+))?$/,
    action: 'added-member-to-group',
    kind: 'member',
    type: ['group', 'change'],
    build(m, { raw }) {
      const ev: KansaEvent = {};
      target(ev, m.user);
      ev['group.name'] = m.group;
      if (m.file) raw.file = m.file;
      if (m.op === 'removed') {
        ev['event.action'] = 'removed-member-from-group';
        return {
          fields: ev,
          ja: `${m.user} をグループ ${m.group} から削除しました(gpasswd)`,
          en: `removed ${m.user} from group ${m.group} (gpasswd)`,
          actor: m.by,
        };
      }
      return {
        fields: ev,
        ja: `${m.user} をグループ ${m.group} に追加しました(gpasswd)`,
        en: `added ${m.user} to group ${m.group} (gpasswd)`,
        actor: m.by,
      };
    },
  },
  {
    id: 'group-members-set',
    sample: 'members of group devs set by root to tanaka,sato',
    match:
      /^(?<role>members|administrators) of group (?<group>\S+) set by (?<by>\S+) to (?<list>.*?)(?: in \/etc\/gshadow)?$/,
    action: 'modified-group-account',
    kind: 'group',
    type: ['group', 'change'],
    build(m, { raw }) {
      const ev: KansaEvent = {};
      ev['group.name'] = m.group;
      raw[m.role] = m.list;
      return {
        fields: ev,
        ja: `グループ ${m.group} の${m.role === 'members' ? 'メンバー' : '管理者'}を ${m.list || '(なし)'} に設定しました`,
        en: `set the ${m.role} of group ${m.group} to ${m.list || '(none)'}`,
        actor: m.by,
      };
    },
  },
  {
    id: 'group-password',
    sample: 'password of group devs changed by root',
    match: /^password of group (?<group>\S+) (?<op>changed|removed) by (?<by>\S+)/,
    action: 'modified-group-account',
    kind: 'group',
    type: ['group', 'change'],
    build(m) {
      const ev: KansaEvent = {};
      ev['group.name'] = m.group;
      return {
        fields: ev,
        ja: `グループ ${m.group} のパスワードを${m.op === 'changed' ? '変更' : '削除'}しました`,
        en: `${m.op === 'changed' ? 'changed' : 'removed'} the password of group ${m.group}`,
        actor: m.by,
      };
    },
  },
  {
    id: 'add-user-failed',
    sample: "failed adding user 'dup', exit code: 9",
    match: /^failed adding user '(?<user>[^']+)'(?:, exit code: (?<code>\d+)|, data deleted)$/,
    action: 'add-user-failed',
    kind: 'user',
    type: ['user', 'creation'],
    outcome: 'failure',
    build(m) {
      const ev: KansaEvent = {};
      target(ev, m.user);
      if (m.code) ev['error.code'] = m.code;
      return {
        fields: ev,
        ja: `ユーザー ${m.user} の作成に失敗しました${m.code ? `(終了コード ${m.code})` : ''}`,
        en: `creating user ${m.user} failed${m.code ? ` (exit code ${m.code})` : ''}`,
      };
    },
  },
]);

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
  const raw: Record<string, string> = { program: msg.program };
  const applied = applyRules(RULES, text, { raw });
  if (applied) {
    const { rule, result: s } = applied;
    const ev = baseEvent('shadow-utils', 'shadow-utils', `shadow-utils.${msg.program}`);
    ev['event.category'] = ['iam'];
    ev['event.type'] = rule.type;
    ev['event.action'] = rule.action;
    ev['event.outcome'] = rule.outcome ?? 'success';
    assignFields(ev, s.fields);
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
