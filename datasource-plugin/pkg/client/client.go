// Package client talks to OpenSearch: a small REST transport, a fluent builder for search bodies and
// aggregations whose field names are checked against the Kansa field registry, and paging with
// search_after over a point in time.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"unsafe"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	jsoniter "github.com/json-iterator/go"
	"github.com/modern-go/reflect2"
)

// maxErrorBody bounds how much of a failed response ends up in an error message.
const maxErrorBody = 2048

// Client sends requests to one OpenSearch cluster.
type Client struct {
	base *url.URL
	http *http.Client
	// pageSize is the hits one Scan request asks for.
	pageSize int
}

// New returns a client for the cluster at base using hc (which carries auth, TLS and timeouts).
func New(base *url.URL, hc *http.Client) *Client {
	return &Client{base: base, http: hc, pageSize: PageSize}
}

// SetPageSize changes the Scan page size, so tests can page through a handful of documents.
func (c *Client) SetPageSize(n int) { c.pageSize = n }

// Error is a non-2xx answer from OpenSearch.
type Error struct {
	Status int
	Type   string
	Reason string
}

func (e *Error) Error() string {
	switch {
	case e.Type != "" && e.Reason != "":
		return fmt.Sprintf("OpenSearch answered %d %s: %s", e.Status, e.Type, e.Reason)
	case e.Reason != "":
		return fmt.Sprintf("OpenSearch answered %d: %s", e.Status, e.Reason)
	default:
		return fmt.Sprintf("OpenSearch answered %d", e.Status)
	}
}

// Do sends body (when non-nil) as JSON to path (segments are escaped) with the query parameters and decodes
// a 2xx answer into out (when non-nil). Numbers decode as json.Number so sort keys survive a round trip.
func (c *Client) Do(ctx context.Context, method string, path []string, query url.Values, body, out any) error {
	var reader io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return backend.PluginError(fmt.Errorf("encode request: %w", err))
		}
		reader = bytes.NewReader(b)
	}
	u := c.base.JoinPath(path...)
	if len(query) > 0 {
		u.RawQuery = query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), reader)
	if err != nil {
		return backend.PluginError(fmt.Errorf("build request: %w", err))
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}

	res, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return backend.DownstreamError(fmt.Errorf("OpenSearch did not answer in time: %w", ctx.Err()))
		}
		return backend.DownstreamError(fmt.Errorf("request to OpenSearch failed: %w", err))
	}
	defer res.Body.Close()

	if res.StatusCode < 200 || res.StatusCode > 299 {
		return parseError(res)
	}
	if out == nil {
		_, _ = io.Copy(io.Discard, res.Body)
		return nil
	}
	raw, err := io.ReadAll(res.Body)
	if err == nil {
		err = decoder.Unmarshal(raw, out)
	}
	if err != nil {
		return backend.DownstreamError(fmt.Errorf("read OpenSearch response: %w", err))
	}
	return nil
}

// decoder reads OpenSearch answers as encoding/json with UseNumber does (json.Unmarshaler and json.RawMessage
// included), at about twice its speed on _source documents decoded into maps — the bulk of a logs query's
// CPU in the plugin.
var decoder = func() jsoniter.API {
	api := jsoniter.Config{UseNumber: true, ValidateJsonRawMessage: true}.Froze()
	api.RegisterExtension(&documentMaps{})
	return api
}()

// documentMaps decodes map[string]any (a hit's _source) with plain map stores instead of jsoniter's
// reflection-based map decoder, which spent as long setting keys as reading the values.
type documentMaps struct{ jsoniter.DummyExtension }

var documentMapType = reflect.TypeFor[map[string]any]()

func (*documentMaps) CreateDecoder(typ reflect2.Type) jsoniter.ValDecoder {
	if typ.Type1() == documentMapType {
		return documentMapDecoder{}
	}
	return nil
}

type documentMapDecoder struct{}

// Decode reads an object into the map (made when nil) and null as a nil map, as encoding/json does.
func (documentMapDecoder) Decode(ptr unsafe.Pointer, it *jsoniter.Iterator) {
	m := (*map[string]any)(ptr)
	if it.ReadNil() {
		*m = nil
		return
	}
	if *m == nil {
		*m = map[string]any{}
	}
	it.ReadMapCB(func(it *jsoniter.Iterator, key string) bool {
		(*m)[key] = it.Read()
		return it.Error == nil
	})
}

// Search runs body against the indices of pattern and decodes the answer.
func (c *Client) Search(ctx context.Context, pattern string, body map[string]any) (*SearchResponse, error) {
	var res SearchResponse
	path := []string{pattern, "_search"}
	if _, withPIT := body["pit"]; withPIT {
		path = []string{"_search"} // a point in time already names its indices
	}
	if err := c.Do(ctx, http.MethodPost, path, nil, body, &res); err != nil {
		return nil, err
	}
	return &res, nil
}

// OpenPIT opens a point in time over pattern, kept alive for keepAlive (e.g. "1m") between pages.
func (c *Client) OpenPIT(ctx context.Context, pattern, keepAlive string) (string, error) {
	var res struct {
		PitID string `json:"pit_id"`
	}
	q := url.Values{"keep_alive": {keepAlive}}
	if err := c.Do(ctx, http.MethodPost, []string{pattern, "_search", "point_in_time"}, q, nil, &res); err != nil {
		return "", err
	}
	if res.PitID == "" {
		return "", backend.DownstreamError(fmt.Errorf("OpenSearch opened a point in time over %q without an id", pattern))
	}
	return res.PitID, nil
}

// ClosePIT frees a point in time. It runs on its own short context so a cancelled query still cleans up.
func (c *Client) ClosePIT(ctx context.Context, id string) error {
	return c.Do(context.WithoutCancel(ctx), http.MethodDelete, []string{"_search", "point_in_time"}, nil,
		map[string]any{"pit_id": []string{id}}, nil)
}

// parseError keeps the root cause OpenSearch reports, since it names the faulty part of a query.
func parseError(res *http.Response) error {
	raw, _ := io.ReadAll(io.LimitReader(res.Body, maxErrorBody))
	e := &Error{Status: res.StatusCode}
	var envelope struct {
		Error json.RawMessage `json:"error"`
	}
	if json.Unmarshal(raw, &envelope) == nil && len(envelope.Error) > 0 {
		type cause struct {
			Type   string `json:"type"`
			Reason string `json:"reason"`
		}
		var detail struct {
			cause
			RootCause []cause `json:"root_cause"`
			CausedBy  *cause  `json:"caused_by"`
		}
		if json.Unmarshal(envelope.Error, &detail) == nil {
			e.Type, e.Reason = detail.Type, detail.Reason
			switch {
			case len(detail.RootCause) > 0 && detail.RootCause[0].Reason != "":
				e.Type, e.Reason = detail.RootCause[0].Type, detail.RootCause[0].Reason
			case detail.CausedBy != nil && detail.CausedBy.Reason != "":
				// e.g. too_many_buckets_exception, which arrives with an empty root_cause.
				e.Type, e.Reason = detail.CausedBy.Type, detail.CausedBy.Reason
			}
		} else {
			// Some endpoints answer with "error" as a plain string.
			var s string
			if json.Unmarshal(envelope.Error, &s) == nil {
				e.Reason = s
			}
		}
	} else {
		e.Reason = strings.TrimSpace(string(raw))
	}
	return backend.NewErrorWithSource(e, backend.ErrorSourceFromHTTPStatus(res.StatusCode))
}
