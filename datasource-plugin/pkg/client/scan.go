package client

import (
	"context"
	"errors"
	"fmt"
)

// PageSize is the hits fetched per request; OpenSearch refuses more than index.max_result_window (10000).
const PageSize = 10000

// pitKeepAlive only has to outlive the time between two pages.
const pitKeepAlive = "1m"

// TooManyHitsError says a scan stopped at its bound; callers turn it into a message asking for a narrower query.
type TooManyHitsError struct{ Max int }

func (e *TooManyHitsError) Error() string {
	return fmt.Sprintf("more than %d matching events: narrow the time range or the query", e.Max)
}

// Scan reads up to limit hits of the search that build makes, page by page. build must sort with a
// unique tie-breaker (SortByID) so search_after resumes exactly. The first page is a plain search, which
// also works on a pattern that matches no index yet; only when more pages are needed is a point in time
// opened, so later pages see the same snapshot; when the cluster refuses one, paging goes on without it.
// With failOverLimit, finding more than limit hits is a TooManyHitsError instead of a silent cut.
func (c *Client) Scan(ctx context.Context, pattern string, limit int, failOverLimit bool,
	build func(size int, after []any) *Search, fn func(Hit) error) (*SearchResponse, error) {
	var (
		pitID string
		noPIT bool
		after []any
		read  int
		first *SearchResponse
	)
	defer func() {
		if pitID != "" {
			_ = c.ClosePIT(ctx, pitID)
		}
	}()
	want := limit
	if failOverLimit {
		want = limit + 1
	}
	for read < want {
		size := min(c.pageSize, want-read)
		search := build(size, after)
		if pitID != "" {
			search.PIT(pitID, pitKeepAlive)
		}
		body, err := search.Build()
		if err != nil {
			return nil, err
		}
		res, err := c.Search(ctx, pattern, body)
		if err != nil {
			return nil, err
		}
		if first == nil {
			first = res
		}
		if res.PitID != "" {
			pitID = res.PitID
		}
		for _, h := range res.Hits.Hits {
			read++
			if failOverLimit && read > limit {
				return nil, &TooManyHitsError{Max: limit}
			}
			if err := fn(h); err != nil {
				return nil, err
			}
		}
		if len(res.Hits.Hits) < size {
			break
		}
		last := res.Hits.Hits[len(res.Hits.Hits)-1]
		if len(last.Sort) == 0 {
			return nil, fmt.Errorf("OpenSearch returned hit %s without sort values; cannot page", last.ID)
		}
		after = last.Sort
		if pitID == "" && !noPIT && read < want {
			pitID, err = c.OpenPIT(ctx, pattern, pitKeepAlive)
			var oe *Error
			switch {
			case errors.As(err, &oe):
				// A node holds few point-in-time contexts (search.max_open_pit_context, one per shard), and a
				// busy cluster refuses more. search_after with the id tie-breaker still pages exactly on the live
				// indices; only documents indexed meanwhile may show up.
				noPIT, pitID = true, ""
			case err != nil:
				return nil, err
			}
		}
	}
	if first == nil {
		first = &SearchResponse{}
	}
	return first, nil
}
