package client

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// Answers are decoded with jsoniter; they must come out as encoding/json with UseNumber decoded them: the
// recorded answers of the golden and bench cases, and the awkward corners of a _source document.
func TestDecoderReadsAnswersAsEncodingJSONDid(t *testing.T) {
	var answers []json.RawMessage
	for _, glob := range []string{"golden/*/responses.json", "bench/*/responses.json"} {
		files, err := filepath.Glob(filepath.Join("..", "plugin", "testdata", glob))
		require.NoError(t, err)
		require.NotEmpty(t, files, glob)
		for _, f := range files {
			raw, err := os.ReadFile(f)
			require.NoError(t, err)
			var list []json.RawMessage
			require.NoError(t, json.Unmarshal(raw, &list), f)
			answers = append(answers, list...)
		}
	}
	answers = append(answers, json.RawMessage(`{"timed_out":true,"_shards":{"failed":1,"failures":[{"index":"i","reason":{"type":"t","reason":"r"}}]},
	  "hits":{"total":{"value":2,"relation":"eq"},"hits":[
	    {"_id":"a","_source":{"user":{"name":"山田","ids":[1,2.50,-3e2,null]},"user.name":null,"empty":{},"s":"\u00e9\ud83d\ude00\n\"","big":12345678901234567890},"sort":[1790002499000,"a"]},
	    {"_id":"b","_source":null},
	    {"_id":"c"}]},
	  "aggregations":{"g0":{"buckets":[{"key":"x","doc_count":1}]}}}`))
	for i, raw := range answers {
		var want, got SearchResponse
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		require.NoError(t, dec.Decode(&want), i)
		require.NoError(t, decoder.Unmarshal(raw, &got), i)
		require.Equal(t, want, got, "answer %d", i)
	}
}
