package plugin

import (
	"context"
	"net/http"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The frames themselves are golden cases (testdata/golden/risk_queue_*); these are the answers around them.
func TestRiskQueueAnswersWithoutRows(t *testing.T) {
	fake, url := newFakeOpenSearch(t, map[string]fakeAnswer{
		"POST /kansa-risk-empty-*/_search": {http.StatusOK, `{"hits":{"total":{"value":0,"relation":"eq"},"hits":[]}}`},
		"POST /kansa-risk-broken-*/_search": {http.StatusOK,
			`{"hits":{"total":{"value":1,"relation":"eq"},"hits":[{"_id":"x","_source":{"user.name":"a"}}]}}`},
		// Any other path answers 404, as OpenSearch does for a concrete index name that does not exist yet.
	})
	queue := func(riskIndexPattern, model string) backend.DataResponse {
		ds := newTestDatasource(t, url, `{"riskIndexPattern":"`+riskIndexPattern+`"}`, nil)
		res, err := ds.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{
			dataQuery("Q", "risk", model),
		}})
		require.NoError(t, err)
		return res.Responses["Q"]
	}

	missing := queue("kansa-risk", `{"riskView":"queue"}`)
	require.NoError(t, missing.Error)
	require.Len(t, missing.Frames, 1)
	assert.Equal(t, "risk-queue", missing.Frames[0].Name)
	assert.Equal(t, 0, missing.Frames[0].Rows())
	require.Len(t, missing.Frames[0].Meta.Notices, 1)
	assert.Contains(t, missing.Frames[0].Meta.Notices[0].Text, `no risk summaries in "kansa-risk" for this range yet`)
	assert.Contains(t, missing.Frames[0].Meta.Notices[0].Text, "リスク集計 (kansa-risk) はまだありません")

	empty := queue("kansa-risk-empty-*", `{"riskView":"queue"}`)
	require.NoError(t, empty.Error)
	require.Len(t, empty.Frames[0].Meta.Notices, 1)
	assert.Contains(t, empty.Frames[0].Meta.Notices[0].Text, "is in the review queue for this range")

	broken := queue("kansa-risk-broken-*", `{"riskView":"queue"}`)
	assert.Equal(t, backend.StatusBadGateway, broken.Status, "a hit without its sort key is OpenSearch's fault")
	assert.ErrorContains(t, broken.Error, "without its sort key")

	hosts := queue("kansa-risk-empty-*", `{"riskView":"queue","riskEntity":"host"}`)
	assert.Equal(t, backend.StatusBadRequest, hosts.Status)
	assert.ErrorContains(t, hosts.Error, "the review queue is per user")
	assert.Len(t, fake.requests, 3, "the host query never reached OpenSearch")
}
