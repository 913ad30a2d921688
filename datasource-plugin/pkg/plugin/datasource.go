// Package plugin is the backend of the Kansa Logs data source: it turns panel and alert queries into
// OpenSearch searches over Kansa's normalized events and answers Grafana's health check.
package plugin

import (
	"context"
	"fmt"
	"net/http"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/httpclient"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"
)

// ID is the plugin id from src/plugin.json.
const ID = "kansa-logs-datasource"

var (
	_ backend.QueryDataHandler      = (*Datasource)(nil)
	_ backend.CheckHealthHandler    = (*Datasource)(nil)
	_ instancemgmt.InstanceDisposer = (*Datasource)(nil)
)

// Datasource is one configured Kansa Logs data source; Grafana keeps one per data source and settings version.
type Datasource struct {
	settings Settings
	client   *http.Client
	os       *openSearch
	handlers map[QueryType]queryHandler
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
	if settings.APIKey != "" && opts.BasicAuth == nil {
		if opts.Header == nil {
			opts.Header = http.Header{}
		}
		opts.Header.Set("Authorization", "ApiKey "+settings.APIKey)
	}
	client, err := httpclient.New(opts)
	if err != nil {
		return nil, fmt.Errorf("http client: %w", err)
	}

	search := &openSearch{base: settings.URL, client: client}
	return &Datasource{
		settings: settings,
		client:   client,
		os:       search,
		handlers: map[QueryType]queryHandler{
			QueryTypeLogs: &logsHandler{os: search, indexPattern: settings.IndexPattern, language: settings.Language},
		},
	}, nil
}

// Dispose releases the connections of a data source whose settings changed or that was deleted.
func (d *Datasource) Dispose() {
	d.client.CloseIdleConnections()
}

// QueryData answers each query on its own RefID, so one failing query leaves the others intact.
func (d *Datasource) QueryData(ctx context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
	res := backend.NewQueryDataResponse()
	for _, q := range req.Queries {
		res.Responses[q.RefID] = d.query(ctx, q)
	}
	return res, nil
}

func (d *Datasource) query(ctx context.Context, q backend.DataQuery) backend.DataResponse {
	m, err := parseQuery(q)
	if err != nil {
		return errorResponse(err)
	}
	h, ok := d.handlers[m.QueryType]
	if !ok {
		return errorResponse(notImplementedError(m.QueryType))
	}
	return h.handle(ctx, q, m)
}
