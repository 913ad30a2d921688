import type { GrafanaTheme2, TimeRange } from '@grafana/data';
import { InlineField, Input, useStyles2 } from '@grafana/ui';
import { t } from '@grafana/i18n';
import { css, cx } from '@emotion/css';
import { type ChangeEvent, type KeyboardEvent, type ReactNode, useLayoutEffect, useRef, useState } from 'react';

import type { DataSource } from '../../datasource';
import { contentLanguage } from '../../i18n/language';
import { applyCompletion, caretContext, type CaretContext } from '../../query/lucene';
import type { FieldInfo } from '../../types';
import { MAX_SUGGESTIONS, suggestFields, type Suggestion } from './suggest';

interface Props {
  id: string;
  datasource: DataSource;
  fields: FieldInfo[];
  value: string;
  range?: TimeRange;
  label?: string;
  placeholder?: string;
  /** Called on Enter and on blur when the text changed, so that a query does not run per keystroke. */
  onCommit: (query: string) => void;
}

const VALUE_DEBOUNCE_MS = 250;

// InlineField passes invalid/disabled/loading to its child; the anchor only positions the list under the input.
function SuggestionAnchor({ className, children }: { className: string; children: ReactNode; invalid?: boolean }) {
  return <div className={className}>{children}</div>;
}

/** The Lucene input with field-name and value suggestions from the backend's `fields` and `values` resources. */
export function LuceneField({ id, datasource, fields, value, range, label, placeholder, onCommit }: Props) {
  const styles = useStyles2(getStyles);
  const ja = contentLanguage() === 'ja';
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(value);
  const [context, setContext] = useState<CaretContext>();
  const [items, setItems] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(-1);
  const [valuesError, setValuesError] = useState<string>();
  const pendingCaret = useRef<number>();
  const request = useRef(0);

  // Explore's history and "run query from here" replace the query from outside the editor.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value);
  }

  useLayoutEffect(() => {
    if (pendingCaret.current !== undefined && inputRef.current) {
      inputRef.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
      pendingCaret.current = undefined;
    }
  });

  const close = () => {
    request.current++;
    setContext(undefined);
    setItems([]);
    setActive(-1);
  };

  const suggestAt = (nextText: string, caret: number) => {
    const ctx = caretContext(nextText, caret);
    setContext(ctx);
    setActive(-1);
    const ticket = ++request.current;
    if (!ctx) {
      setItems([]);
      return;
    }
    if (ctx.kind === 'field') {
      setItems(suggestFields(fields, ctx.prefix, ja));
      return;
    }
    if (fields.length > 0 && !fields.some((f) => f.name === ctx.field)) {
      setItems([]);
      return;
    }
    setItems([]);
    setTimeout(() => {
      if (ticket !== request.current) {
        return;
      }
      datasource.getValues({ field: ctx.field, range, size: 100 }).then(
        (values) => {
          if (ticket !== request.current) {
            return;
          }
          const p = ctx.prefix.toLowerCase();
          setValuesError(undefined);
          setItems(
            values
              .filter((v) => v.value.toLowerCase().includes(p))
              .slice(0, MAX_SUGGESTIONS)
              .map((v) => ({ value: v.value, detail: v.count.toLocaleString() })),
          );
        },
        () =>
          ticket === request.current &&
          setValuesError(t('lucene-field.values-failed', 'Could not load value suggestions')),
      );
    }, VALUE_DEBOUNCE_MS);
  };

  const accept = (suggestion: Suggestion) => {
    if (!context) {
      return;
    }
    const next = applyCompletion(text, context, suggestion.value);
    setText(next.text);
    pendingCaret.current = next.caret;
    if (context.kind === 'field') {
      suggestAt(next.text, next.caret);
    } else {
      close();
    }
  };

  const commit = () => {
    close();
    if (text !== value) {
      onCommit(text);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const open = items.length > 0;
    if (open && e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => (a + 1) % items.length);
    } else if (open && e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a <= 0 ? items.length - 1 : a - 1));
    } else if (open && e.key === 'Tab') {
      e.preventDefault();
      accept(items[Math.max(active, 0)]);
    } else if (open && e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      accept(items[active]);
    } else if (open && e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'Enter') {
      commit();
    }
  };

  const listId = `${id}-suggestions`;
  return (
    <InlineField
      label={label ?? t('lucene-field.label', 'Lucene query')}
      labelWidth={16}
      grow
      tooltip={t(
        'lucene-field.tooltip',
        'OpenSearch query_string syntax. Typing a field name or a value shows suggestions (Tab or Enter to accept, Esc to close). Leave empty for every event in the time range.',
      )}
      htmlFor={id}
      error={valuesError}
      invalid={Boolean(valuesError)}
    >
      <SuggestionAnchor className={styles.wrapper}>
        <Input
          id={id}
          ref={inputRef}
          role="combobox"
          aria-label={label ?? t('lucene-field.label', 'Lucene query')}
          aria-expanded={items.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder ?? 'event.action:logon-failed AND NOT source.ip:"10.0.0.0/8"'}
          value={text}
          onChange={(e: ChangeEvent<HTMLInputElement>) => {
            setText(e.currentTarget.value);
            suggestAt(e.currentTarget.value, e.currentTarget.selectionStart ?? e.currentTarget.value.length);
          }}
          onKeyDown={onKeyDown}
          onBlur={commit}
        />
        {items.length > 0 && (
          <ul
            id={listId}
            role="listbox"
            aria-label={label ?? t('lucene-field.label', 'Lucene query')}
            className={styles.list}
          >
            {items.map((item, i) => (
              <li
                key={item.value}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={cx(styles.item, i === active && styles.active)}
                // mousedown, not click: a click would blur the input first and commit the half-typed query.
                onMouseDown={(e) => {
                  e.preventDefault();
                  accept(item);
                }}
              >
                <span className={styles.value}>{item.value}</span>
                <span className={styles.detail}>{item.detail}</span>
              </li>
            ))}
          </ul>
        )}
      </SuggestionAnchor>
    </InlineField>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({ position: 'relative', width: '100%' }),
  list: css({
    position: 'absolute',
    zIndex: theme.zIndex.dropdown,
    top: '100%',
    left: 0,
    minWidth: 360,
    maxHeight: 320,
    overflowY: 'auto',
    listStyle: 'none',
    margin: 0,
    padding: theme.spacing(0.5, 0),
    background: theme.colors.background.elevated,
    border: `1px solid ${theme.colors.border.weak}`,
    boxShadow: theme.shadows.z3,
    borderRadius: theme.shape.radius.default,
  }),
  item: css({
    display: 'flex',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
    padding: theme.spacing(0.5, 1),
    cursor: 'pointer',
    '&:hover': { background: theme.colors.action.hover },
  }),
  active: css({ background: theme.colors.action.selected }),
  value: css({ fontFamily: theme.typography.fontFamilyMonospace }),
  detail: css({
    color: theme.colors.text.secondary,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  }),
});
