import { Input } from '@grafana/ui';
import { type ChangeEvent, useState } from 'react';

interface Props {
  id: string;
  value?: number;
  placeholder?: string;
  min: number;
  max: number;
  integer?: boolean;
  width?: number;
  /** undefined when the input was emptied, which means "use the default". */
  onChange: (value: number | undefined) => void;
  /** Reports whether the typed text is invalid, so the surrounding field can show why. */
  onValidity?: (invalid: boolean) => void;
}

/** A number committed on blur or Enter; text that is not a number in range is kept visible and not committed. */
export function NumberInput({
  id,
  value,
  placeholder,
  min,
  max,
  integer = true,
  width = 12,
  onChange,
  onValidity,
}: Props) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const [invalid, setInvalid] = useState(false);
  // A new value from outside replaces the text while rendering (no effect, so no render with the stale text).
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value === undefined ? '' : String(value));
  }

  const commit = () => {
    const trimmed = text.trim();
    if (trimmed === '') {
      setInvalid(false);
      onValidity?.(false);
      if (value !== undefined) {
        onChange(undefined);
      }
      return;
    }
    const n = Number(trimmed);
    const bad = !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n));
    setInvalid(bad);
    onValidity?.(bad);
    if (!bad && n !== value) {
      onChange(n);
    }
  };

  return (
    <Input
      id={id}
      type="text"
      inputMode="decimal"
      width={width}
      value={text}
      placeholder={placeholder}
      invalid={invalid}
      onChange={(e: ChangeEvent<HTMLInputElement>) => setText(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
}
