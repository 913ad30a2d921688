import { switchQueryType } from '../query/queryType';
import type { KansaQuery } from '../types';
import type { QueryExample } from './examples';

/** The current query with an example's Lucene text and settings (switching query type when the example needs it). */
export function applyExample(query: KansaQuery, example: QueryExample): KansaQuery {
  const type = example.settings?.queryType;
  const base = type && type !== query.queryType ? switchQueryType(query, type) : query;
  return { ...base, ...example.settings, query: example.query };
}
