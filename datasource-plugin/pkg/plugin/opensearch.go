package plugin

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// maxErrorBody bounds how much of a failed response ends up in an error message.
const maxErrorBody = 2048

// openSearch is the small slice of the OpenSearch REST API that the data source uses.
type openSearch struct {
	base   *url.URL
	client *http.Client
}

// openSearchError is a non-2xx answer from OpenSearch.
type openSearchError struct {
	Status int
	Type   string
	Reason string
}

func (e *openSearchError) Error() string {
	switch {
	case e.Type != "" && e.Reason != "":
		return fmt.Sprintf("OpenSearch answered %d %s: %s", e.Status, e.Type, e.Reason)
	case e.Reason != "":
		return fmt.Sprintf("OpenSearch answered %d: %s", e.Status, e.Reason)
	default:
		return fmt.Sprintf("OpenSearch answered %d", e.Status)
	}
}

// do sends body (when non-nil) as JSON to the path under the base URL and decodes a 2xx answer into out.
func (o *openSearch) do(ctx context.Context, method string, path []string, body, out any) error {
	var reader io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return backend.PluginError(fmt.Errorf("encode request: %w", err))
		}
		reader = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, o.base.JoinPath(path...).String(), reader)
	if err != nil {
		return backend.PluginError(fmt.Errorf("build request: %w", err))
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}

	res, err := o.client.Do(req)
	if err != nil {
		return backend.DownstreamError(fmt.Errorf("request to OpenSearch failed: %w", err))
	}
	defer res.Body.Close()

	if res.StatusCode < 200 || res.StatusCode > 299 {
		return parseOpenSearchError(res)
	}
	if err := json.NewDecoder(res.Body).Decode(out); err != nil {
		return backend.DownstreamError(fmt.Errorf("read OpenSearch response: %w", err))
	}
	return nil
}

// parseOpenSearchError keeps the root cause OpenSearch reports, since it names the faulty part of a query.
func parseOpenSearchError(res *http.Response) error {
	raw, _ := io.ReadAll(io.LimitReader(res.Body, maxErrorBody))
	e := &openSearchError{Status: res.StatusCode}
	var envelope struct {
		Error json.RawMessage `json:"error"`
	}
	if json.Unmarshal(raw, &envelope) == nil && len(envelope.Error) > 0 {
		var detail struct {
			Type      string `json:"type"`
			Reason    string `json:"reason"`
			RootCause []struct {
				Type   string `json:"type"`
				Reason string `json:"reason"`
			} `json:"root_cause"`
		}
		if json.Unmarshal(envelope.Error, &detail) == nil {
			e.Type, e.Reason = detail.Type, detail.Reason
			if len(detail.RootCause) > 0 && detail.RootCause[0].Reason != "" {
				e.Type, e.Reason = detail.RootCause[0].Type, detail.RootCause[0].Reason
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
