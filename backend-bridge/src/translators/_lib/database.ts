/**
 * Database audit wording shared by the database translators (pgaudit, MySQL audit, …): what a
 * statement class did, in both languages, with and without a named object.
 */

/** The words for one statement class (pgaudit's READ, WRITE, DDL, ROLE, FUNCTION, MISC). */
export interface ClassWords {
  /** After the object: `public.employees を読み取りました` / `read public.employees`. */
  ja: string;
  en: string;
  /** Without an object: `データベース hrdb で …` / `… in database hrdb`. */
  jaNone: string;
  enNone: string;
  action: string;
  type: string;
}

/** The classes every database words alike; a translator adds or replaces its own (ROLE, FUNCTION, …). */
export const CLASS_WORDS: Readonly<Record<'READ' | 'WRITE' | 'DDL' | 'MISC', ClassWords>> = {
  READ: {
    ja: 'を読み取りました',
    en: 'read',
    jaNone: 'データを読み取りました',
    enNone: 'read data',
    action: 'db-read',
    type: 'access',
  },
  WRITE: {
    ja: 'を更新しました',
    en: 'wrote to',
    jaNone: 'データを更新しました',
    enNone: 'wrote data',
    action: 'db-write',
    type: 'change',
  },
  DDL: {
    ja: 'の定義を変更しました',
    en: 'changed the definition of',
    jaNone: 'スキーマを変更しました',
    enNone: 'changed the schema',
    action: 'db-ddl',
    type: 'change',
  },
  MISC: {
    ja: 'に対してコマンドを実行しました',
    en: 'ran a command on',
    jaNone: 'コマンドを実行しました',
    enNone: 'ran a command',
    action: 'db-misc',
    type: 'info',
  },
};

/** `wrote to` → `failed to write to`, `read data` → `failed to read data`. */
export function failVerb(en: string): string {
  const [verb, ...rest] = en.split(' ');
  const base: Record<string, string> = { read: 'read', wrote: 'write', changed: 'change', called: 'call', ran: 'run' };
  return ['failed to', base[verb] ?? verb, ...rest].join(' ');
}
