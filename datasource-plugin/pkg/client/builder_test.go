package client

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

var (
	from = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	to   = time.Date(2026, 10, 2, 0, 0, 0, 0, time.UTC)
)

func asJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

func TestSearchBodyCombinesRangeQueryFiltersAndPaging(t *testing.T) {
	action, err := Term(schema.EventAction, "logon-failed")
	require.NoError(t, err)
	body, err := NewSearch().TimeRange(from, to).QueryString("  user.name:yamada ").Filter(action).
		MustNot(Regexp(schema.HostName, "pc-.*")).Size(50).
		Sort(schema.Timestamp, Desc).SortByID(Desc).SearchAfter([]any{json.Number("1790812801000"), "abc"}).
		Source(schema.UserName, schema.HostName).Build()
	require.NoError(t, err)
	assert.JSONEq(t, `{
	  "track_total_hits": false,
	  "size": 50,
	  "query": {"bool": {
	    "filter": [
	      {"range": {"@timestamp": {"gte": 1790812800000, "lte": 1790899200000, "format": "epoch_millis"}}},
	      {"query_string": {"query": "user.name:yamada", "analyze_wildcard": true, "default_operator": "AND"}},
	      {"term": {"event.action": "logon-failed"}}
	    ],
	    "must_not": [{"regexp": {"host.name": {"value": "pc-.*"}}}]
	  }},
	  "sort": [{"@timestamp": {"order": "desc"}}, {"_id": {"order": "desc"}}],
	  "search_after": [1790812801000, "abc"],
	  "_source": ["user.name", "host.name"]
	}`, asJSON(t, body))
}

func TestBlankQueryStringAddsNothing(t *testing.T) {
	body, err := NewSearch().QueryString("   ").Build()
	require.NoError(t, err)
	assert.JSONEq(t, `{"track_total_hits": false}`, asJSON(t, body))
}

func TestAnyOfAndPIT(t *testing.T) {
	a, _ := Term(schema.EventOutcome, "failure")
	b, _ := Exists(schema.KansaSessionTransition)
	body, err := NewSearch().AnyOf(a, b).PIT("pit-1", "1m").Build()
	require.NoError(t, err)
	assert.JSONEq(t, `{
	  "track_total_hits": false,
	  "pit": {"id": "pit-1", "keep_alive": "1m"},
	  "query": {"bool": {"filter": [{"bool": {"minimum_should_match": 1, "should": [
	    {"term": {"event.outcome": "failure"}},
	    {"exists": {"field": "kansa.session.transition"}}
	  ]}}]}}
	}`, asJSON(t, body))
}

// The risk review queue sorts on several registry fields at once: the keys keep the order they were added in.
func TestSortKeysKeepTheirOrderBehindAnExistsFilter(t *testing.T) {
	body, err := NewSearch().Filter(Exists(schema.KansaRiskCaseStatus)).
		Sort(schema.Timestamp, Desc).Sort(schema.KansaRiskScore, Desc).Sort(schema.UserName, Asc).
		TrackTotalHits(11).Size(10).Build()
	require.NoError(t, err)
	assert.JSONEq(t, `{
	  "track_total_hits": 11,
	  "size": 10,
	  "query": {"bool": {"filter": [{"exists": {"field": "kansa.risk.case_status"}}]}},
	  "sort": [{"@timestamp": {"order": "desc"}}, {"kansa.risk.score": {"order": "desc"}}, {"user.name": {"order": "asc"}}]
	}`, asJSON(t, body))
	_, err = NewSearch().Filter(Exists("kansa.risk.case_state")).Build()
	assert.EqualError(t, err, `field "kansa.risk.case_state" is not in the Kansa field registry`)
}

func TestAggregationsNestWithTheirOptions(t *testing.T) {
	hist := DateHistogram(schema.Timestamp, 5*time.Minute).
		Sub("m0", Metric("sum", schema.DestinationBytes)).
		Sub("m1", Percentiles(schema.EventDuration, []float64{50, 95})).
		Sub("m2", Cardinality(schema.UserName))
	terms := Terms(schema.SourceIp).Size(5).Order("m0", Asc).Missing("none").Sub("m0", Metric("sum", schema.DestinationBytes)).Sub("t", hist)
	top := TopHits(3).SortBy(schema.Timestamp, Desc).Fields(schema.UserName)
	flagged := FilterAgg(AtLeast(schema.KansaRiskScore, 50))
	body, err := NewSearch().Size(0).Agg("g0", terms).Agg("top", top).Agg("flagged", flagged).Agg("last", MaxOf(schema.Timestamp)).Build()
	require.NoError(t, err)
	assert.JSONEq(t, `{
	  "track_total_hits": false,
	  "size": 0,
	  "aggs": {
	    "g0": {
	      "terms": {"field": "source.ip", "size": 5, "order": {"m0": "asc"}, "missing": "none"},
	      "aggs": {
	        "m0": {"sum": {"field": "destination.bytes"}},
	        "t": {
	          "date_histogram": {"field": "@timestamp", "fixed_interval": "5m", "min_doc_count": 1, "format": "epoch_millis"},
	          "aggs": {
	            "m0": {"sum": {"field": "destination.bytes"}},
	            "m1": {"percentiles": {"field": "event.duration", "percents": [50, 95], "keyed": true}},
	            "m2": {"cardinality": {"field": "user.name"}}
	          }
	        }
	      }
	    },
	    "top": {"top_hits": {"size": 3, "sort": [{"@timestamp": {"order": "desc"}}], "_source": ["user.name"]}},
	    "flagged": {"filter": {"range": {"kansa.risk.score": {"gte": 50}}}},
	    "last": {"max": {"field": "@timestamp"}}
	  }
	}`, asJSON(t, body))
}

func TestTextFieldsAggregateThroughKeyword(t *testing.T) {
	body, err := NewSearch().Sort(schema.ProcessCommandLine, Asc).Agg("v", Terms(schema.ProcessCommandLine)).Build()
	require.NoError(t, err)
	assert.Contains(t, asJSON(t, body), `"terms":{"field":"process.command_line.keyword"}`)
	assert.Contains(t, asJSON(t, body), `{"process.command_line.keyword":{"order":"asc"}}`)
	q, err := Term(schema.EventOriginal, "x")
	require.NoError(t, err)
	assert.Equal(t, `{"term":{"event.original.keyword":"x"}}`, asJSON(t, q))
}

func TestFieldMistakesAreRefusedWithTheFieldNamed(t *testing.T) {
	for name, build := range map[string]func() error{
		"unknown terms field": func() error { _, err := NewSearch().Agg("a", Terms("doc['x'].value")).Build(); return err },
		"sum of keyword":      func() error { _, err := NewSearch().Agg("a", Metric("sum", schema.UserName)).Build(); return err },
		"flat_object terms":   func() error { _, err := NewSearch().Agg("a", Terms(schema.WinlogEventData)).Build(); return err },
		"unknown sort":        func() error { _, err := NewSearch().Sort("nope", Asc).Build(); return err },
		"unknown filter":      func() error { _, err := NewSearch().Filter(Term("nope", 1)).Build(); return err },
		"bad percent": func() error {
			_, err := NewSearch().Agg("a", Percentiles(schema.FileSize, []float64{101})).Build()
			return err
		},
		"unknown metric": func() error { _, err := NewSearch().Agg("a", Metric("median", schema.FileSize)).Build(); return err },
		"nested mistake": func() error {
			_, err := NewSearch().Agg("a", Terms(schema.UserName).Sub("b", Cardinality("nope"))).Build()
			return err
		},
	} {
		err := build()
		assert.Error(t, err, name)
	}
	_, err := NewSearch().Agg("a", Terms("user.nmae")).Build()
	assert.EqualError(t, err, `aggregation "a": field "user.nmae" is not in the Kansa field registry`)
	_, err = NewSearch().Agg("a", Metric("avg", schema.HostName)).Build()
	assert.EqualError(t, err, `aggregation "a": field "host.name" is of type keyword, not numeric`)
}

func TestFormatInterval(t *testing.T) {
	for d, want := range map[time.Duration]string{
		1500 * time.Millisecond: "1500ms", 30 * time.Second: "30s", 5 * time.Minute: "5m", 90 * time.Minute: "90m",
		3 * time.Hour: "3h", 48 * time.Hour: "2d",
	} {
		assert.Equal(t, want, FormatInterval(d), d.String())
	}
}

func TestBucketsReadKeysCountsAndSubAggregations(t *testing.T) {
	raw := json.RawMessage(`{"buckets":[
	  {"key":1790812800000,"key_as_string":"1790812800000","doc_count":3,"m0":{"value":12.5},"m1":{"values":{"50.0":1.5,"95.0":null}}},
	  {"key":"10.0.0.1","doc_count":0,"m0":{"value":null}}]}`)
	bs, err := Buckets(raw)
	require.NoError(t, err)
	require.Len(t, bs, 2)
	ms, err := bs[0].KeyMillis()
	require.NoError(t, err)
	assert.EqualValues(t, 1790812800000, ms)
	assert.EqualValues(t, 3, bs[0].DocCount)
	v, err := Value(bs[0].Aggs["m0"])
	require.NoError(t, err)
	assert.Equal(t, 12.5, *v)
	p, err := PercentileValues(bs[0].Aggs["m1"])
	require.NoError(t, err)
	assert.Len(t, p, 2)
	assert.Equal(t, 1.5, *p[50])
	assert.Nil(t, p[95])
	assert.Equal(t, "10.0.0.1", bs[1].KeyString())
	v, err = Value(bs[1].Aggs["m0"])
	require.NoError(t, err)
	assert.Nil(t, v)
}

// Buckets are read in one pass; they must read as encoding/json with UseNumber read them: numbers keep their
// literal, other keys their JSON type, sub-aggregations their bytes, and a malformed aggregation is an error.
func TestBucketsReadAsEncodingJSONDid(t *testing.T) {
	raw := json.RawMessage(`{"doc_count_error_upper_bound":0,"buckets":[
	  {"key":9007199254740993,"doc_count":2,"g1":{"buckets":[{"key":1.5e3,"doc_count":1}]}},
	  {"key":true,"key_as_string":"true","doc_count":1},
	  {"key":"caf\u00e9 \"q\"","doc_count":4,"top":{"hits":{"hits":[{"_id":"a","_source":{"n":1.0},"sort":[5]}]}}},
	  {"key":null,"doc_count":0}],"sum_other_doc_count":7}`)
	bs, err := Buckets(raw)
	require.NoError(t, err)
	require.Len(t, bs, 4)
	assert.Equal(t, json.Number("9007199254740993"), bs[0].Key)
	assert.JSONEq(t, `{"buckets":[{"key":1.5e3,"doc_count":1}]}`, string(bs[0].Aggs["g1"]))
	inner, err := Buckets(bs[0].Aggs["g1"])
	require.NoError(t, err)
	assert.Equal(t, json.Number("1.5e3"), inner[0].Key)
	ms, err := inner[0].KeyMillis()
	require.NoError(t, err)
	assert.EqualValues(t, 1500, ms)
	assert.Equal(t, true, bs[1].Key)
	assert.Equal(t, "true", bs[1].KeyString())
	assert.Equal(t, `café "q"`, bs[2].KeyString())
	hits, err := TopHitsOf(bs[2].Aggs["top"])
	require.NoError(t, err)
	assert.Equal(t, json.Number("1.0"), hits[0].Source["n"])
	assert.Equal(t, []any{json.Number("5")}, hits[0].Sort)
	assert.Nil(t, bs[3].Key)
	assert.Empty(t, bs[3].Aggs)

	none, err := Buckets(json.RawMessage(`{"buckets":null}`))
	require.NoError(t, err)
	assert.Empty(t, none)
	for _, bad := range []string{`{"buckets":{"a":{}}}`, `{"buckets":[{"doc_count":"x"}]}`, `[1]`, `{"buckets":[{"key":1,}]}`} {
		_, err := Buckets(json.RawMessage(bad))
		assert.Error(t, err, bad)
	}
	var b Bucket
	require.NoError(t, json.Unmarshal([]byte(`{"key":"x","doc_count":3,"m0":{"value":1}}`), &b))
	assert.Equal(t, "x", b.Key)
	assert.EqualValues(t, 3, b.DocCount)
	assert.JSONEq(t, `{"value":1}`, string(b.Aggs["m0"]))
}

func TestAxisIsEpochAlignedAndInclusive(t *testing.T) {
	axis := Axis(from.Add(7*time.Minute), from.Add(30*time.Minute), 10*time.Minute)
	assert.Equal(t, []time.Time{from, from.Add(10 * time.Minute), from.Add(20 * time.Minute), from.Add(30 * time.Minute)}, axis)
}

func TestErrorReasonComesFromCausedByWhenRootCauseIsEmpty(t *testing.T) {
	rec := httptestRecorder(503, `{"error":{"root_cause":[],"type":"search_phase_execution_exception","reason":"",`+
		`"caused_by":{"type":"too_many_buckets_exception","reason":"Trying to create too many buckets."}},"status":503}`)
	err := parseError(rec)
	assert.EqualError(t, err, "OpenSearch answered 503 too_many_buckets_exception: Trying to create too many buckets.")
}

func httptestRecorder(status int, body string) *http.Response {
	return &http.Response{StatusCode: status, Body: io.NopCloser(strings.NewReader(body))}
}
