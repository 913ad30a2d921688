import type { AnnotationQuery, AnnotationSupport } from '@grafana/data';
import { of } from 'rxjs';

import { QUERY_MODEL_VERSION, type KansaQuery } from '../types';
import { AnnotationQueryEditor } from './AnnotationQueryEditor';
import { logFramesToAnnotations } from './events';

export const ANNOTATION_REF_ID = 'KansaAnnotations';

function annotationTarget(target: Partial<KansaQuery> | undefined): KansaQuery {
  return {
    ...target,
    refId: target?.refId ?? ANNOTATION_REF_ID,
    queryType: 'logs',
    query: target?.query ?? '',
    queryModelVersion: QUERY_MODEL_VERSION,
  };
}

/**
 * Annotations are logs queries: each matching event marks the dashboard at its time, with its readable sentence as
 * the text and its labels (the chosen fields) as tags.
 */
export const kansaAnnotations: AnnotationSupport<KansaQuery> = {
  prepareAnnotation(json: AnnotationQuery<KansaQuery>) {
    // Older or hand-written dashboards may keep the Lucene text in a top-level `query` string.
    const legacy = typeof json.query === 'string' ? { query: json.query as string } : {};
    return { ...json, target: annotationTarget({ ...legacy, ...json.target }) };
  },
  prepareQuery(anno: AnnotationQuery<KansaQuery>) {
    return anno.target ? annotationTarget(anno.target) : undefined;
  },
  processEvents(anno: AnnotationQuery<KansaQuery>, frames) {
    return of(logFramesToAnnotations(frames, anno.target?.labels));
  },
  getDefaultQuery() {
    return annotationTarget({ limit: 100 });
  },
  QueryEditor: AnnotationQueryEditor,
};
