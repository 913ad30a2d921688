import { InlineField } from '@grafana/ui';
import { t } from '@grafana/i18n';
import { useState } from 'react';

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

/** A labelled number input that says which range it accepts when the text is not valid. */
export function NumberField({ label, tooltip, labelWidth = 20, integer = true, ...input }: Props) {
  const [invalid, setInvalid] = useState(false);
  return (
    <InlineField
      label={label}
      tooltip={tooltip}
      labelWidth={labelWidth}
      invalid={invalid}
      error={
        integer
          ? t('number-field.whole', 'Enter a whole number from {{min}} to {{max}}', { min: input.min, max: input.max })
          : t('number-field.number', 'Enter a number from {{min}} to {{max}}', { min: input.min, max: input.max })
      }
      htmlFor={input.id}
    >
      <NumberInput {...input} integer={integer} onValidity={setInvalid} />
    </InlineField>
  );
}
