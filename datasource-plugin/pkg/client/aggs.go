package client

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Agg builds one aggregation with its sub-aggregations; like Search, it keeps the first mistake for Build.
type Agg struct {
	kind string
	body map[string]any
	subs map[string]*Agg
	errs []error
}

func newAgg(kind string, body map[string]any, err error) *Agg {
	a := &Agg{kind: kind, body: body}
	if err != nil {
		a.errs = append(a.errs, err)
	}
	return a
}

func (a *Agg) set(key string, v any) *Agg {
	a.body[key] = v
	return a
}

// Sub nests an aggregation inside every bucket of a.
func (a *Agg) Sub(name string, sub *Agg) *Agg {
	if a.subs == nil {
		a.subs = map[string]*Agg{}
	}
	a.subs[name] = sub
	return a
}

// Build returns the aggregation's JSON.
func (a *Agg) Build() (map[string]any, error) {
	if err := errors.Join(a.errs...); err != nil {
		return nil, err
	}
	out := map[string]any{a.kind: a.body}
	if len(a.subs) > 0 {
		subs := map[string]any{}
		for name, s := range a.subs {
			m, err := s.Build()
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			subs[name] = m
		}
		out["aggs"] = subs
	}
	return out, nil
}

// DateHistogram buckets a date field by a fixed interval, epoch-aligned. Only intervals with documents come
// back (min_doc_count 1): OpenSearch counts empty buckets made by min_doc_count 0 and extended_bounds on every
// shard against search.max_buckets, so a month of hourly buckets under a terms aggregation over 31 daily
// indices fails. Callers fill the empty intervals themselves (see Axis).
func DateHistogram(field string, interval time.Duration) *Agg {
	var err error
	if _, lerr := lookup(field); lerr != nil {
		err = lerr
	} else if interval < time.Millisecond {
		err = fmt.Errorf("date histogram interval %s is below 1ms", interval)
	}
	return newAgg("date_histogram", map[string]any{
		"field":          field,
		"fixed_interval": FormatInterval(interval),
		"min_doc_count":  1,
		"format":         "epoch_millis",
	}, err)
}

// Axis lists the bucket keys a DateHistogram with this interval has between from and to, empty or not.
func Axis(from, to time.Time, interval time.Duration) []time.Time {
	step := interval.Milliseconds()
	start := from.UnixMilli() - from.UnixMilli()%step
	var out []time.Time
	for ms := start; ms <= to.UnixMilli(); ms += step {
		out = append(out, time.UnixMilli(ms).UTC())
	}
	return out
}

// Terms buckets by the distinct values of a registry field (text through its .keyword sub-field).
func Terms(field string) *Agg {
	name, err := AggregationName(field)
	return newAgg("terms", map[string]any{"field": name}, err)
}

// Size sets how many buckets a terms aggregation returns.
func (a *Agg) Size(n int) *Agg { return a.set("size", n) }

// Order orders terms buckets by "_count", "_key" or the name of a single-value sub-aggregation
// ("p.95" style paths for percentiles).
func (a *Agg) Order(by string, order Order) *Agg {
	return a.set("order", map[string]any{by: string(order)})
}

// Missing puts documents without the field in a bucket with this key.
func (a *Agg) Missing(key any) *Agg { return a.set("missing", key) }

// Metric is a single-value numeric aggregation: sum, avg, min or max of a numeric registry field.
func Metric(kind, field string) *Agg {
	switch kind {
	case "sum", "avg", "min", "max":
	default:
		return newAgg(kind, map[string]any{}, fmt.Errorf("unknown metric %q: use sum, avg, min or max", kind))
	}
	name, err := NumericName(field)
	return newAgg(kind, map[string]any{"field": name}, err)
}

// MaxOf is max over any date or numeric registry field (e.g. the last time seen).
func MaxOf(field string) *Agg {
	name, err := AggregationName(field)
	return newAgg("max", map[string]any{"field": name}, err)
}

// Cardinality counts distinct values of an aggregatable registry field.
func Cardinality(field string) *Agg {
	name, err := AggregationName(field)
	return newAgg("cardinality", map[string]any{"field": name}, err)
}

// Percentiles computes the given percents (0-100) of a numeric registry field.
func Percentiles(field string, percents []float64) *Agg {
	name, err := NumericName(field)
	for _, p := range percents {
		if p < 0 || p > 100 {
			err = errors.Join(err, fmt.Errorf("percentile %v is outside 0-100", p))
		}
	}
	return newAgg("percentiles", map[string]any{"field": name, "percents": percents, "keyed": true}, err)
}

// TopHits returns the first size documents of each bucket.
func TopHits(size int) *Agg {
	return newAgg("top_hits", map[string]any{"size": size}, nil)
}

// SortBy orders top_hits documents by a registry field.
func (a *Agg) SortBy(field string, order Order) *Agg {
	name, err := AggregationName(field)
	if err != nil {
		a.errs = append(a.errs, err)
		return a
	}
	sorts, _ := a.body["sort"].([]any)
	return a.set("sort", append(sorts, map[string]any{name: map[string]any{"order": string(order)}}))
}

// Fields limits top_hits _source to registry fields.
func (a *Agg) Fields(fields ...string) *Agg {
	for _, f := range fields {
		if _, err := lookup(f); err != nil {
			a.errs = append(a.errs, err)
		}
	}
	return a.set("_source", append([]string(nil), fields...))
}

// FilterAgg is a single bucket of the documents matching q.
func FilterAgg(q Query, err ...error) *Agg {
	return newAgg("filter", q, errors.Join(err...))
}

// FormatInterval writes d in the largest whole unit OpenSearch's fixed_interval accepts.
func FormatInterval(d time.Duration) string {
	ms := d.Milliseconds()
	for _, u := range []struct {
		ms     int64
		suffix string
	}{{86400000, "d"}, {3600000, "h"}, {60000, "m"}, {1000, "s"}} {
		if ms%u.ms == 0 && ms >= u.ms {
			return strconv.FormatInt(ms/u.ms, 10) + u.suffix
		}
	}
	return strconv.FormatInt(ms, 10) + "ms"
}
