/**
 * Message rule tables: the one way a translator says what each message form of its source means.
 * A table lists one rule per form, its real sample line beside it (as Wazuh's decoders read), and
 * the first rule whose `match` accepts a message builds the event fields and the ja/en sentence.
 * rules.test.ts walks every table of every translator: each sample must be matched first by its own
 * rule and give a non-empty sentence, so a table cannot drift from the lines it claims to read.
 */
import type { KansaEvent } from '../../translate/types';

/** Named groups of a regex match; an optional group that did not take part is undefined at run time. */
export type Groups = Record<string, string>;

/** What a rule makes of one message: its fields and the sentence in both languages. */
export interface RuleResult {
  fields: KansaEvent;
  ja: string;
  en: string;
  /** The person acting, when the message names one: translators open the sentence with them. */
  actor?: string;
}

export interface MessageRule<C> {
  /** Stable name of the form, e.g. `new-user`; also the test's label. */
  id: string;
  /** A real message of this form, as the table's `match` sees it. */
  sample: string;
  /** A regex with named groups, or a key the table's `keyOf` gives for messages of this form. */
  match: RegExp | { key: string };
  /** Cheap literal the message must start with before the regex is tried. */
  prefix?: string;
  /** The context the sample is read with, when it is not the table's (e.g. a line without a queue id). */
  sampleContext?: C;
  /** Null when a closer look shows the message is not this form after all: the next rule is tried. */
  build(groups: Groups, ctx: C): RuleResult | null;
}

export interface RuleTable<C, R extends MessageRule<C> = MessageRule<C>> {
  readonly kind: 'rule-table';
  /** The source the table belongs to, e.g. `shadow-utils`. */
  readonly source: string;
  readonly rules: readonly R[];
  /** The context the samples are built with in the rule-table test. */
  readonly sampleContext: C;
  /** For keyed rules: the key of a message (e.g. a Cisco `FACILITY-MNEMONIC`), or undefined. */
  readonly keyOf?: (text: string) => string | undefined;
}

/** Declares a table; only tables made here are found by the rule-table test. */
export function ruleTable<C, R extends MessageRule<C> = MessageRule<C>>(
  source: string,
  sampleContext: C,
  rules: readonly R[],
  keyOf?: (text: string) => string | undefined,
): RuleTable<C, R> {
  return { kind: 'rule-table', source, rules, sampleContext, keyOf };
}

/** What `findRule` found: the rule, its groups, its index, and the message's key when it was looked up. */
export interface Found<R> {
  rule: R;
  groups: Groups;
  index: number;
  key?: string;
}

/**
 * The first rule from `start` on that accepts `text`, with its groups and index; null when none does.
 * `key` is the message's key when the caller already knows it (a translator that parsed the record to
 * build its context), so `keyOf` does not read the text a second time.
 */
export function findRule<C, R extends MessageRule<C>>(
  table: RuleTable<C, R>,
  text: string,
  start = 0,
  known?: { key: string | undefined },
): Found<R> | null {
  let key = known?.key;
  let keyed = known !== undefined;
  const rules = table.rules;
  for (let i = start; i < rules.length; i++) {
    const rule = rules[i];
    if (rule.prefix !== undefined && !text.startsWith(rule.prefix)) {
      continue;
    }
    const match = rule.match;
    if (match instanceof RegExp) {
      const m = match.exec(text);
      if (m) {
        return { rule, groups: (m.groups ?? {}) as Groups, index: i };
      }
    } else {
      if (!keyed) {
        key = table.keyOf?.(text);
        keyed = true;
      }
      if (key === match.key) {
        return { rule, groups: {}, index: i, key };
      }
    }
  }
  return null;
}

/**
 * Applies the first rule that matches and builds (a rule may decline); null when none does. `key`: as
 * for `findRule`, the message's key when the caller already has it.
 */
export function applyRules<C, R extends MessageRule<C>>(
  table: RuleTable<C, R>,
  text: string,
  ctx: C,
  key?: string,
): { rule: R; result: RuleResult } | null {
  const known = key === undefined ? undefined : { key };
  for (
    let found = findRule(table, text, 0, known);
    found;
    found = findRule(table, text, found.index + 1, found.key === undefined ? known : { key: found.key })
  ) {
    const result = found.rule.build(found.groups, ctx);
    if (result) {
      return { rule: found.rule, result };
    }
  }
  return null;
}

/** True for a value made by `ruleTable`. */
export function isRuleTable(v: unknown): v is RuleTable<unknown> {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'rule-table';
}

/**
 * A rule's result from the fields it set, `kansa.message.ja`/`.en` among them: the sentence is taken
 * out, for a translator that writes it last.
 */
export function sentenceOut(fields: KansaEvent): RuleResult {
  const { 'kansa.message.ja': ja, 'kansa.message.en': en, ...rest } = fields;
  return { fields: rest, ja: ja ?? '', en: en ?? '' };
}

/** A rule's result from the fields it set, the sentence left among them where the rule put it. */
export function sentenceIn(fields: KansaEvent): RuleResult {
  return { fields, ja: fields['kansa.message.ja'] ?? '', en: fields['kansa.message.en'] ?? '' };
}

/** Copies a rule's fields into the event: a key the event has keeps its place, new keys go last. */
export function assignFields(ev: KansaEvent, fields: KansaEvent): KansaEvent {
  const out = ev as Record<string, unknown>;
  const src = fields as Record<string, unknown>;
  for (const k in src) {
    out[k] = src[k];
  }
  return ev;
}
