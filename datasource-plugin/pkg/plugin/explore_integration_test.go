package plugin

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// exploreQueries is testdata/explore_queries.json: the queries the frontend's Explore support builds (its Jest
// tests in src/explore/ check they are built exactly so), with what each must find in the seeded data.
type exploreQueries struct {
	Filters []struct {
		Name  string   `json:"name"`
		Query string   `json:"query"`
		IDs   []string `json:"ids"`
	} `json:"filters"`
	Volume struct {
		Target     json.RawMessage    `json:"target"`
		IntervalMs int64              `json:"intervalMs"`
		Levels     map[string]float64 `json:"levels"`
	} `json:"volume"`
	Context struct {
		Before, After struct {
			Target json.RawMessage `json:"target"`
			IDs    []string        `json:"ids"`
		}
	} `json:"context"`
}

// TestExploreQueriesAgainstOpenSearch runs what Explore sends for its filter buttons, logs volume and log context
// against real OpenSearch: the quoted Lucene clauses must parse and select the right events, the volume must count
// per level over the whole range, and the context must continue on the same host in both directions.
func TestExploreQueriesAgainstOpenSearch(t *testing.T) {
	s := seed(t)
	ds := newTestDatasource(t, s.base, s.jsonData(), nil)

	raw, err := os.ReadFile(filepath.Join("testdata", "explore_queries.json"))
	require.NoError(t, err)
	var eq exploreQueries
	require.NoError(t, json.Unmarshal(raw, &eq))
	require.NotEmpty(t, eq.Filters)

	var queries []backend.DataQuery
	for i, f := range eq.Filters {
		model, _ := json.Marshal(map[string]any{"query": f.Query, "limit": 50})
		queries = append(queries, backend.DataQuery{RefID: filterRefID(i), QueryType: "logs", JSON: model, TimeRange: seedRange})
	}
	queries = append(queries,
		backend.DataQuery{RefID: "log-volume-A", JSON: eq.Volume.Target, TimeRange: seedRange,
			Interval: time.Duration(eq.Volume.IntervalMs) * time.Millisecond, MaxDataPoints: 1000},
		backend.DataQuery{RefID: "log-context-before", JSON: eq.Context.Before.Target, TimeRange: seedRange},
		backend.DataQuery{RefID: "log-context-after", JSON: eq.Context.After.Target, TimeRange: seedRange},
	)
	res, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: queries})
	require.NoError(t, err)
	for refID, r := range res.Responses {
		require.NoError(t, r.Error, refID)
	}

	for i, f := range eq.Filters {
		frame := res.Responses[filterRefID(i)].Frames[0]
		ids, _ := frame.FieldByName("id")
		assert.Equal(t, f.IDs, fieldStrings(ids), "%s: %s", f.Name, f.Query)
	}

	levels := map[string]float64{}
	for _, f := range res.Responses["log-volume-A"].Frames {
		assert.Equal(t, "FullRange", f.Meta.Custom.(map[string]any)["logsVolumeType"])
		levels[f.Fields[1].Labels["level"]] += sumFloats(f.Fields[1])
	}
	assert.Equal(t, eq.Volume.Levels, levels)

	for refID, want := range map[string][]string{
		"log-context-before": eq.Context.Before.IDs,
		"log-context-after":  eq.Context.After.IDs,
	} {
		ids, _ := res.Responses[refID].Frames[0].FieldByName("id")
		assert.Equal(t, want, fieldStrings(ids), refID)
	}
}

func filterRefID(i int) string { return "filter-" + string(rune('A'+i)) }
