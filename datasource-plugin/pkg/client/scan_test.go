package client

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

// pagingServer serves 5 documents sorted by id, two per page, honouring search_after; PIT requests get pitStatus.
type pagingServer struct {
	mu        sync.Mutex
	pitStatus int
	calls     []string
}

func (p *pagingServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	body, _ := io.ReadAll(r.Body)
	p.calls = append(p.calls, r.Method+" "+r.URL.Path)
	switch {
	case r.URL.Path == "/events-*/_search/point_in_time":
		w.WriteHeader(p.pitStatus)
		if p.pitStatus == http.StatusOK {
			_, _ = io.WriteString(w, `{"pit_id":"p1"}`)
		} else {
			_, _ = io.WriteString(w, `{"error":{"type":"rejected_execution_exception","reason":"Trying to create too many Point In Time contexts"}}`)
		}
		return
	case r.Method == http.MethodDelete:
		_, _ = io.WriteString(w, `{}`)
		return
	}
	var req struct {
		Size        int                  `json:"size"`
		SearchAfter []any                `json:"search_after"`
		PIT         *struct{ ID string } `json:"pit"`
	}
	_ = json.Unmarshal(body, &req)
	start := 0
	if len(req.SearchAfter) == 2 {
		_, _ = fmt.Sscanf(req.SearchAfter[1].(string), "d%d", &start)
	}
	var hits []string
	for i := start + 1; i <= 5 && len(hits) < req.Size; i++ {
		hits = append(hits, fmt.Sprintf(`{"_id":"d%d","_source":{},"sort":[%d,"d%d"]}`, i, 1000+i, i))
	}
	pit := ""
	if req.PIT != nil {
		pit = `"pit_id":"` + req.PIT.ID + `",`
	}
	_, _ = fmt.Fprintf(w, `{%s"hits":{"hits":[%s]}}`, pit, join(hits))
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ","
		}
		out += x
	}
	return out
}

func scanAll(t *testing.T, pitStatus, limit int, failOver bool) ([]string, *pagingServer, error) {
	p := &pagingServer{pitStatus: pitStatus}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	c := New(u, srv.Client())
	c.SetPageSize(2)
	var ids []string
	_, err := c.Scan(context.Background(), "events-*", limit, failOver, func(size int, after []any) *Search {
		return NewSearch().Size(size).Sort(schema.Timestamp, Asc).SortByID(Asc).SearchAfter(after)
	}, func(h Hit) error {
		ids = append(ids, h.ID)
		return nil
	})
	return ids, p, err
}

func TestScanPagesThroughAPointInTimeAndClosesIt(t *testing.T) {
	ids, p, err := scanAll(t, http.StatusOK, 100, false)
	require.NoError(t, err)
	assert.Equal(t, []string{"d1", "d2", "d3", "d4", "d5"}, ids)
	assert.Equal(t, []string{"POST /events-*/_search", "POST /events-*/_search/point_in_time", "POST /_search", "POST /_search",
		"DELETE /_search/point_in_time"}, p.calls)
}

func TestScanGoesOnWithoutAPointInTimeWhenRefused(t *testing.T) {
	ids, p, err := scanAll(t, http.StatusTooManyRequests, 100, false)
	require.NoError(t, err)
	assert.Equal(t, []string{"d1", "d2", "d3", "d4", "d5"}, ids)
	assert.Equal(t, []string{"POST /events-*/_search", "POST /events-*/_search/point_in_time", "POST /events-*/_search",
		"POST /events-*/_search"}, p.calls)
}

func TestScanStopsAtTheLimit(t *testing.T) {
	ids, _, err := scanAll(t, http.StatusOK, 3, false)
	require.NoError(t, err)
	assert.Equal(t, []string{"d1", "d2", "d3"}, ids)

	_, _, err = scanAll(t, http.StatusOK, 3, true)
	var tm *TooManyHitsError
	require.ErrorAs(t, err, &tm)
	assert.Equal(t, 3, tm.Max)

	ids, _, err = scanAll(t, http.StatusOK, 5, true)
	require.NoError(t, err, "exactly the limit is fine")
	assert.Len(t, ids, 5)
}
