// Package plugin is the backend of the Kansa Logs data source: it turns panel and alert queries into
// OpenSearch searches over Kansa's normalized events, answers Grafana's health check and serves the field
// and value lists the query editor completes from.
package plugin

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/httpclient"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/client"
)

// transportMargin keeps the HTTP client's per-request timeout behind the query context's deadline.
const transportMargin = 5 * time.Second

// ID is the plugin id from src/plugin.json.
const ID = "kansa-logs-datasource"

var (
	_ backend.QueryDataHandler      = (*Datasource)(nil)
	_ backend.CheckHealthHandler    = (*Datasource)(nil)
	_ backend.CallResourceHandler   = (*Datasource)(nil)
	_ instancemgmt.InstanceDisposer = (*Datasource)(nil)
)

// Datasource is one configured Kansa Logs data source; Grafana keeps one per data source and settings version.
type Datasource struct {
	settings Settings
	http     *http.Client
	os       *client.Client
	handlers map[QueryType]queryHandler
	// now is the clock attendance uses to tell an open session from a missing logoff; tests fix it.
	now func() time.Time
}

// NewDatasource is the instance factory that datasource.Manage calls when settings are created or change.
func NewDatasource(ctx context.Context, s backend.DataSourceInstanceSettings) (instancemgmt.Instance, error) {
	settings, err := loadSettings(s)
	if err != nil {
		return nil, err
	}
	opts, err := s.HTTPClientOptions(ctx)
	if err != nil {
		return nil, fmt.Errorf("http client options: %w", err)
	}
	switch settings.Auth {
	case AuthNone, AuthAPIKey:
		opts.BasicAuth = nil
	}
	if settings.Auth == AuthAPIKey {
		if opts.Header == nil {
			opts.Header = http.Header{}
		}
		opts.Header.Set("Authorization", "ApiKey "+settings.APIKey)
	}
	// The query context carries the configured timeout over all requests of a query; the client's own
	// per-request limit sits just above it so the clearer context error is the one users see.
	opts.Timeouts.Timeout = settings.Timeout + transportMargin
	hc, err := httpclient.New(opts)
	if err != nil {
		return nil, fmt.Errorf("http client: %w", err)
	}

	d := &Datasource{settings: settings, http: hc, os: client.New(settings.URL, hc), now: time.Now}
	d.handlers = map[QueryType]queryHandler{
		QueryTypeLogs:       &logsHandler{d},
		QueryTypeMetrics:    &metricsHandler{d},
		QueryTypeTable:      &tableHandler{d},
		QueryTypeAttendance: &attendanceHandler{d},
		QueryTypeRisk:       &riskHandler{d},
	}
	return d, nil
}

// Dispose releases the connections of a data source whose settings changed or that was deleted.
func (d *Datasource) Dispose() {
	d.http.CloseIdleConnections()
}

// queryConcurrency is how many queries of one request run at once; a dashboard sends all its panels' queries
// together, and OpenSearch serves a few searches in parallel well.
const queryConcurrency = 4

// QueryData answers each query on its own RefID, so one failing query leaves the others intact. Each query
// gets the configured timeout on top of whatever deadline Grafana set.
func (d *Datasource) QueryData(ctx context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
	answers := make([]backend.DataResponse, len(req.Queries))
	slots := make(chan struct{}, queryConcurrency)
	var wg sync.WaitGroup
	for i, q := range req.Queries {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer func() { <-slots; wg.Done() }()
			answers[i] = d.query(ctx, q)
		}()
	}
	wg.Wait()
	res := backend.NewQueryDataResponse()
	for i, q := range req.Queries {
		res.Responses[q.RefID] = answers[i]
	}
	return res, nil
}

func (d *Datasource) query(ctx context.Context, q backend.DataQuery) (res backend.DataResponse) {
	ctx, cancel := context.WithTimeout(ctx, d.settings.Timeout)
	defer cancel()
	// A bug in one handler must not take the whole plugin process (and every other panel) down with it.
	defer func() {
		if p := recover(); p != nil {
			res = errorResponse(backend.PluginError(fmt.Errorf("internal error answering query %s: %v", q.RefID, p)))
		}
	}()
	m, err := parseQuery(q, d.settings.Language)
	if err != nil {
		return errorResponse(err)
	}
	if err := d.resolveDirectory(ctx, &m); err != nil {
		return errorResponse(err)
	}
	res = d.handlers[m.QueryType].handle(ctx, q, m)
	if res.Error != nil && ctx.Err() == context.DeadlineExceeded {
		res = errorResponse(fmt.Errorf("the query took longer than the data source timeout of %s: %w", d.settings.Timeout, ctx.Err()))
	}
	for _, f := range res.Frames {
		f.RefID = q.RefID
	}
	return res
}
