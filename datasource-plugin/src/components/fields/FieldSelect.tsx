import type { SelectableValue } from '@grafana/data';
import { MultiSelect, Select } from '@grafana/ui';

import { contentLanguage } from '../../i18n/language';
import type { FieldInfo } from '../../types';

export interface FieldOptionsSpec {
  fields: FieldInfo[];
}

function fieldOptions({ fields }: FieldOptionsSpec): Array<SelectableValue<string>> {
  const ja = contentLanguage() === 'ja';
  return fields.map((f) => ({ value: f.name, label: f.name, description: `${ja ? f.ja : f.en} (${f.type})` }));
}

// A stored name the registry does not list (a template variable, or a field of a newer registry) stays visible.
function withCurrent(options: Array<SelectableValue<string>>, current: string[]): Array<SelectableValue<string>> {
  const missing = current.filter((c) => c && !options.some((o) => o.value === c));
  return [...missing.map((value) => ({ value, label: value })), ...options];
}

interface FieldSelectProps extends FieldOptionsSpec {
  inputId: string;
  value?: string;
  placeholder?: string;
  width?: number;
  isClearable?: boolean;
  isLoading?: boolean;
  onChange: (field: string | undefined) => void;
}

/** One registry field, searchable by name and described in the user's language; typed names like $field are kept. */
export function FieldSelect({
  value,
  onChange,
  inputId,
  placeholder,
  width,
  isClearable,
  isLoading,
  ...spec
}: FieldSelectProps) {
  const options = withCurrent(fieldOptions(spec), value ? [value] : []);
  return (
    <Select<string>
      inputId={inputId}
      width={width ?? 30}
      options={options}
      value={value ?? null}
      placeholder={placeholder}
      isClearable={isClearable}
      isLoading={isLoading}
      allowCustomValue
      onChange={(v) => onChange(v?.value)}
    />
  );
}

interface FieldMultiSelectProps extends FieldOptionsSpec {
  inputId: string;
  value?: string[];
  placeholder?: string;
  width?: number;
  isLoading?: boolean;
  onChange: (fields: string[]) => void;
}

/** Several fields in the order picked (columns and labels keep that order). */
export function FieldMultiSelect({
  value,
  onChange,
  inputId,
  placeholder,
  width,
  isLoading,
  ...spec
}: FieldMultiSelectProps) {
  const current = value ?? [];
  return (
    <MultiSelect<string>
      inputId={inputId}
      width={width ?? 60}
      options={withCurrent(fieldOptions(spec), current)}
      value={current}
      placeholder={placeholder}
      isLoading={isLoading}
      allowCustomValue
      onChange={(items) => onChange(items.map((i) => i.value).filter((v): v is string => Boolean(v)))}
    />
  );
}
