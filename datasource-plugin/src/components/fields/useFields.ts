import { useEffect, useState } from 'react';

import type { DataSource } from '../../datasource';
import type { FieldInfo, UseCase } from '../../types';

export interface FieldsState {
  fields: FieldInfo[];
  loading: boolean;
  /** Why the registry could not be loaded; the pickers still accept typed field names. */
  error?: string;
}

function message(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { data?: { message?: string }; message?: string; statusText?: string };
    return e.data?.message ?? e.message ?? e.statusText ?? String(err);
  }
  return String(err);
}

/** The registry fields from the backend's `fields` resource, for the pickers and autocomplete. */
export function useFields(datasource: DataSource, useCase?: UseCase): FieldsState {
  const [state, setState] = useState<FieldsState>({ fields: [], loading: true });
  useEffect(() => {
    let live = true;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- another data source or use case loads anew
    setState((s) => ({ ...s, loading: true }));
    datasource.getFields(useCase).then(
      (fields) => live && setState({ fields, loading: false }),
      (err: unknown) => live && setState({ fields: [], loading: false, error: message(err) }),
    );
    return () => {
      live = false;
    };
  }, [datasource, useCase]);
  return state;
}
