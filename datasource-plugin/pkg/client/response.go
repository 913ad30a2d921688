package client

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	jsoniter "github.com/json-iterator/go"
)

// SearchResponse is the part of a _search answer the data source reads.
type SearchResponse struct {
	PitID    string `json:"pit_id"`
	TimedOut bool   `json:"timed_out"`
	Shards   struct {
		Failed   int `json:"failed"`
		Failures []struct {
			Index  string `json:"index"`
			Reason struct {
				Type   string `json:"type"`
				Reason string `json:"reason"`
			} `json:"reason"`
		} `json:"failures"`
	} `json:"_shards"`
	Hits struct {
		Total *struct {
			Value    int64  `json:"value"`
			Relation string `json:"relation"`
		} `json:"total"`
		Hits []Hit `json:"hits"`
	} `json:"hits"`
	Aggregations map[string]json.RawMessage `json:"aggregations"`
}

// Hit is one document of a search answer.
type Hit struct {
	Index  string         `json:"_index"`
	ID     string         `json:"_id"`
	Source map[string]any `json:"_source"`
	// Sort holds the hit's sort values (numbers as json.Number), the key for search_after.
	Sort []any `json:"sort"`
}

// Warnings says why a result may be incomplete (timeouts, failed shards), for frame notices.
func (r *SearchResponse) Warnings() []string {
	var out []string
	if r.TimedOut {
		out = append(out, "OpenSearch timed out: the result may be incomplete")
	}
	if r.Shards.Failed > 0 {
		reasons := make([]string, 0, len(r.Shards.Failures))
		for _, f := range r.Shards.Failures {
			reasons = append(reasons, fmt.Sprintf("%s: %s", f.Index, f.Reason.Reason))
		}
		out = append(out, fmt.Sprintf("%d shard(s) failed, the result may be incomplete: %s", r.Shards.Failed, strings.Join(reasons, "; ")))
	}
	return out
}

// Bucket is one bucket of a bucket aggregation, with its sub-aggregations by name.
type Bucket struct {
	Key         any
	KeyAsString string
	DocCount    int64
	Aggs        map[string]json.RawMessage
}

// UnmarshalJSON splits a bucket into its own keys and its sub-aggregations.
func (b *Bucket) UnmarshalJSON(raw []byte) error {
	it := decoder.BorrowIterator(raw)
	defer decoder.ReturnIterator(it)
	*b = readBucket(it)
	return it.Error
}

// readBucket reads one bucket in a single pass: its key (numbers as json.Number), key_as_string and doc_count,
// and each sub-aggregation as raw JSON for whoever reads it next. The raw parts are not validated again at
// every level of nesting, as json.Unmarshal of each would.
func readBucket(it *jsoniter.Iterator) Bucket {
	b := Bucket{Aggs: map[string]json.RawMessage{}}
	it.ReadObjectCB(func(it *jsoniter.Iterator, k string) bool {
		switch k {
		case "key":
			b.Key = it.Read()
		case "key_as_string":
			b.KeyAsString = it.ReadString()
		case "doc_count":
			b.DocCount = it.ReadInt64()
		default:
			b.Aggs[k] = it.SkipAndReturnBytes()
		}
		return it.Error == nil
	})
	return b
}

// KeyString is the bucket key as text: key_as_string when OpenSearch gives one (dates, booleans, ips).
func (b *Bucket) KeyString() string {
	if b.KeyAsString != "" {
		return b.KeyAsString
	}
	return fmt.Sprint(b.Key)
}

// KeyMillis reads a date histogram bucket key.
func (b *Bucket) KeyMillis() (int64, error) {
	n, ok := b.Key.(json.Number)
	if !ok {
		return 0, fmt.Errorf("bucket key %v is not a number", b.Key)
	}
	if i, err := n.Int64(); err == nil {
		return i, nil
	}
	f, err := n.Float64()
	return int64(f), err
}

// Buckets reads a bucket aggregation's buckets.
func Buckets(raw json.RawMessage) ([]Bucket, error) {
	if raw == nil {
		return nil, nil
	}
	it := decoder.BorrowIterator(raw)
	defer decoder.ReturnIterator(it)
	var buckets []Bucket
	it.ReadObjectCB(func(it *jsoniter.Iterator, k string) bool {
		if k != "buckets" {
			it.Skip()
			return it.Error == nil
		}
		buckets = buckets[:0]
		it.ReadArrayCB(func(it *jsoniter.Iterator) bool {
			buckets = append(buckets, readBucket(it))
			return it.Error == nil
		})
		return it.Error == nil
	})
	if it.Error != nil {
		return nil, fmt.Errorf("read buckets: %w", it.Error)
	}
	return buckets, nil
}

// SingleBucket reads a filter aggregation: its count and sub-aggregations.
func SingleBucket(raw json.RawMessage) (Bucket, error) {
	var b Bucket
	if raw == nil {
		return b, nil
	}
	err := decoder.Unmarshal(raw, &b)
	return b, err
}

// Value reads a single-value metric; nil when OpenSearch has no value (e.g. avg of no documents).
func Value(raw json.RawMessage) (*float64, error) {
	if raw == nil {
		return nil, nil
	}
	var v struct {
		Value *float64 `json:"value"`
	}
	if err := decoder.Unmarshal(raw, &v); err != nil {
		return nil, fmt.Errorf("read metric value: %w", err)
	}
	return v.Value, nil
}

// PercentileValues reads a keyed percentiles aggregation: percent → value (nil when there is none).
func PercentileValues(raw json.RawMessage) (map[float64]*float64, error) {
	out := map[float64]*float64{}
	if raw == nil {
		return out, nil
	}
	var v struct {
		Values map[string]*float64 `json:"values"`
	}
	if err := decoder.Unmarshal(raw, &v); err != nil {
		return nil, fmt.Errorf("read percentiles: %w", err)
	}
	for k, val := range v.Values {
		p, err := strconv.ParseFloat(k, 64)
		if err != nil {
			return nil, fmt.Errorf("percentile key %q is not a number", k)
		}
		out[p] = val
	}
	return out, nil
}

// TopHitsOf reads a top_hits aggregation's documents.
func TopHitsOf(raw json.RawMessage) ([]Hit, error) {
	if raw == nil {
		return nil, nil
	}
	var v struct {
		Hits struct {
			Hits []Hit `json:"hits"`
		} `json:"hits"`
	}
	if err := decoder.Unmarshal(raw, &v); err != nil {
		return nil, fmt.Errorf("read top hits: %w", err)
	}
	return v.Hits.Hits, nil
}
