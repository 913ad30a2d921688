import { InlineField } from '@grafana/ui';
import { useState } from 'react';

import { tf } from '../../i18n/language';
import { NumberInput } from './NumberInput';

interface Props {
  id: string;
  label: string;
  tooltip?: string;
  labelWidth?: number;
  value?: number;
  placeholder?: string;
  min: number;
  max: number;
  integer?: boolean;
  width?: number;
  onChange: (value: number | undefined) => void;
}

const WHOLE = { ja: '{min} から {max} までの整数を入力してください', en: 'Enter a whole number from {min} to {max}' };
const NUMBER = { ja: '{min} から {max} までの数値を入力してください', en: 'Enter a number from {min} to {max}' };

/** A labelled number input that says which range it accepts when the text is not valid. */
export function NumberField({ label, tooltip, labelWidth = 20, integer = true, ...input }: Props) {
  const [invalid, setInvalid] = useState(false);
  return (
    <InlineField
      label={label}
      tooltip={tooltip}
      labelWidth={labelWidth}
      invalid={invalid}
      error={tf(integer ? WHOLE : NUMBER, { min: input.min, max: input.max })}
      htmlFor={input.id}
    >
      <NumberInput {...input} integer={integer} onValidity={setInvalid} />
    </InlineField>
  );
}
