package client

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

// Order is a sort direction.
type Order string

const (
	Asc  Order = "asc"
	Desc Order = "desc"
)

// Query is one query clause, e.g. {"term": {...}}.
type Query map[string]any

// Search builds a _search body. Every method that takes a field name checks it against the registry; the
// first mistake is kept and returned by Build, so a chain of calls needs one error check at the end.
type Search struct {
	size        *int
	filters     []any
	mustNot     []any
	sort        []any
	searchAfter []any
	pit         map[string]any
	source      any
	aggs        map[string]*Agg
	trackTotal  any
	errs        []error
}

// NewSearch starts an empty search: all documents, OpenSearch's default size, no total hit counting.
func NewSearch() *Search { return &Search{trackTotal: false} }

func (s *Search) fail(err error) *Search {
	s.errs = append(s.errs, err)
	return s
}

// Size sets how many hits to return (0 for aggregations only).
func (s *Search) Size(n int) *Search {
	s.size = &n
	return s
}

// TimeRange keeps events with from <= @timestamp <= to.
func (s *Search) TimeRange(from, to time.Time) *Search {
	return s.Filter(Range(schema.Timestamp, from, to))
}

// QueryString adds a Lucene query; blank adds nothing. Terms are ANDed, as users of Kibana and Grafana expect.
func (s *Search) QueryString(q string) *Search {
	q = strings.TrimSpace(q)
	if q == "" {
		return s
	}
	return s.Filter(Query{"query_string": map[string]any{
		"query":            q,
		"analyze_wildcard": true,
		"default_operator": "AND",
	}})
}

// Filter adds a clause every hit must match (no scoring).
func (s *Search) Filter(q Query, err ...error) *Search {
	if e := errors.Join(err...); e != nil {
		return s.fail(e)
	}
	if q != nil {
		s.filters = append(s.filters, q)
	}
	return s
}

// MustNot adds a clause no hit may match.
func (s *Search) MustNot(q Query, err ...error) *Search {
	if e := errors.Join(err...); e != nil {
		return s.fail(e)
	}
	if q != nil {
		s.mustNot = append(s.mustNot, q)
	}
	return s
}

// AnyOf adds a group of clauses of which each hit must match at least one.
func (s *Search) AnyOf(qs ...Query) *Search {
	if len(qs) == 0 {
		return s
	}
	clauses := make([]any, len(qs))
	for i, q := range qs {
		clauses[i] = q
	}
	return s.Filter(Query{"bool": map[string]any{"should": clauses, "minimum_should_match": 1}})
}

// Sort orders hits by a registry field (text fields by their .keyword sub-field).
func (s *Search) Sort(field string, order Order) *Search {
	name, err := AggregationName(field)
	if err != nil {
		return s.fail(err)
	}
	s.sort = append(s.sort, map[string]any{name: map[string]any{"order": string(order)}})
	return s
}

// SortByID adds the document id as the tie-breaker that makes search_after pages exact.
func (s *Search) SortByID(order Order) *Search {
	s.sort = append(s.sort, map[string]any{"_id": map[string]any{"order": string(order)}})
	return s
}

// SearchAfter continues after the sort values of the previous page's last hit.
func (s *Search) SearchAfter(values []any) *Search {
	s.searchAfter = values
	return s
}

// PIT searches a point in time instead of live indices (the index pattern is then left out of the path).
func (s *Search) PIT(id, keepAlive string) *Search {
	s.pit = map[string]any{"id": id, "keep_alive": keepAlive}
	return s
}

// Source limits _source to registry fields; no fields means no _source at all.
func (s *Search) Source(fields ...string) *Search {
	if len(fields) == 0 {
		s.source = false
		return s
	}
	for _, f := range fields {
		if _, err := lookup(f); err != nil {
			return s.fail(err)
		}
	}
	s.source = append([]string(nil), fields...)
	return s
}

// TrackTotalHits asks for an exact total (true) or a total up to n.
func (s *Search) TrackTotalHits(v any) *Search {
	s.trackTotal = v
	return s
}

// Agg adds a top-level aggregation.
func (s *Search) Agg(name string, a *Agg) *Search {
	if s.aggs == nil {
		s.aggs = map[string]*Agg{}
	}
	s.aggs[name] = a
	return s
}

// Build returns the request body, or the first field or argument mistake made while building it.
func (s *Search) Build() (map[string]any, error) {
	if err := errors.Join(s.errs...); err != nil {
		return nil, err
	}
	body := map[string]any{"track_total_hits": s.trackTotal}
	boolQuery := map[string]any{}
	if len(s.filters) > 0 {
		boolQuery["filter"] = s.filters
	}
	if len(s.mustNot) > 0 {
		boolQuery["must_not"] = s.mustNot
	}
	if len(boolQuery) > 0 {
		body["query"] = map[string]any{"bool": boolQuery}
	}
	if s.size != nil {
		body["size"] = *s.size
	}
	if len(s.sort) > 0 {
		body["sort"] = s.sort
	}
	if s.searchAfter != nil {
		body["search_after"] = s.searchAfter
	}
	if s.pit != nil {
		body["pit"] = s.pit
	}
	if s.source != nil {
		body["_source"] = s.source
	}
	if len(s.aggs) > 0 {
		aggs := map[string]any{}
		for name, a := range s.aggs {
			m, err := a.Build()
			if err != nil {
				return nil, fmt.Errorf("aggregation %q: %w", name, err)
			}
			aggs[name] = m
		}
		body["aggs"] = aggs
	}
	return body, nil
}

// Range matches field values from..to inclusive, in epoch milliseconds.
func Range(field string, from, to time.Time) Query {
	return Query{"range": map[string]any{field: map[string]any{
		"gte":    from.UnixMilli(),
		"lte":    to.UnixMilli(),
		"format": "epoch_millis",
	}}}
}

// Term matches one exact value of a registry field.
func Term(field string, value any) (Query, error) {
	name, err := AggregationName(field)
	if err != nil {
		return nil, err
	}
	return Query{"term": map[string]any{name: value}}, nil
}

// AnyTerm matches any of the exact values of a registry field.
func AnyTerm(field string, values ...any) (Query, error) {
	name, err := AggregationName(field)
	if err != nil {
		return nil, err
	}
	return Query{"terms": map[string]any{name: values}}, nil
}

// AnyString is AnyTerm over string values, such as account names.
func AnyString(field string, values []string) (Query, error) {
	vs := make([]any, len(values))
	for i, v := range values {
		vs[i] = v
	}
	return AnyTerm(field, vs...)
}

// Regexp matches a registry field against a Lucene regular expression.
func Regexp(field, pattern string) (Query, error) {
	name, err := AggregationName(field)
	if err != nil {
		return nil, err
	}
	return Query{"regexp": map[string]any{name: map[string]any{"value": pattern}}}, nil
}

// Exists matches documents that have a value for a registry field.
func Exists(field string) (Query, error) {
	if _, err := lookup(field); err != nil {
		return nil, err
	}
	return Query{"exists": map[string]any{"field": field}}, nil
}

// IDs matches documents by _id.
func IDs(ids ...string) Query {
	return Query{"ids": map[string]any{"values": ids}}
}

// AtLeast matches numeric values of a registry field >= v.
func AtLeast(field string, v float64) (Query, error) {
	name, err := NumericName(field)
	if err != nil {
		return nil, err
	}
	return Query{"range": map[string]any{name: map[string]any{"gte": v}}}, nil
}
