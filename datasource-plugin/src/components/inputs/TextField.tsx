import { InlineField, Input } from '@grafana/ui';
import { type ChangeEvent, useState } from 'react';

interface Props {
  id: string;
  label: string;
  tooltip?: string;
  labelWidth?: number;
  width?: number;
  value?: string;
  placeholder?: string;
  /** The message for text that cannot be used, or undefined when it is fine. */
  validate?: (text: string) => string | undefined;
  /** undefined when emptied, meaning "use the default". */
  onChange: (value: string | undefined) => void;
}

/** A labelled text input committed on blur or Enter; text that fails validation stays visible with the reason. */
export function TextField({
  id,
  label,
  tooltip,
  labelWidth = 20,
  width = 20,
  value,
  placeholder,
  validate,
  onChange,
}: Props) {
  const [text, setText] = useState(value ?? '');
  const [error, setError] = useState<string>();
  // A new value from outside replaces the text while rendering (no effect, so no render with the stale text).
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value ?? '');
  }
  const commit = () => {
    const trimmed = text.trim();
    const problem = trimmed && validate ? validate(trimmed) : undefined;
    setError(problem);
    if (!problem && trimmed !== (value ?? '')) {
      onChange(trimmed || undefined);
    }
  };
  return (
    <InlineField
      label={label}
      tooltip={tooltip}
      labelWidth={labelWidth}
      invalid={Boolean(error)}
      error={error}
      htmlFor={id}
    >
      <Input
        id={id}
        width={width}
        value={text}
        placeholder={placeholder}
        onChange={(e: ChangeEvent<HTMLInputElement>) => setText(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </InlineField>
  );
}
