package plugin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

// QueryType is what a query asks for; the names match KansaQueryType in src/types.ts.
type QueryType string

const (
	QueryTypeLogs       QueryType = "logs"
	QueryTypeMetrics    QueryType = "metrics"
	QueryTypeTable      QueryType = "table"
	QueryTypeAttendance QueryType = "attendance"
	QueryTypeRisk       QueryType = "risk"
)

var queryTypes = []QueryType{QueryTypeLogs, QueryTypeMetrics, QueryTypeTable, QueryTypeAttendance, QueryTypeRisk}

const (
	defaultLimit = 500
	// maxLimit is OpenSearch's default index.max_result_window; a larger size fails the whole search.
	maxLimit = 10000
)

// queryModel is the JSON of KansaQuery in src/types.ts.
type queryModel struct {
	QueryType QueryType `json:"queryType"`
	// Query is Lucene syntax, run as an OpenSearch query_string query.
	Query string `json:"query"`
	// UseCase narrows the result to one of the five purposes in the field registry.
	UseCase string `json:"useCase"`
	Limit   int    `json:"limit"`
}

// queryHandler answers one query type.
type queryHandler interface {
	handle(ctx context.Context, q backend.DataQuery, m queryModel) backend.DataResponse
}

// queryError is a mistake in the query itself, reported back to whoever wrote it.
type queryError struct {
	status backend.Status
	msg    string
}

func (e *queryError) Error() string { return e.msg }

func badQuery(format string, args ...any) error {
	return &queryError{status: backend.StatusBadRequest, msg: fmt.Sprintf(format, args...)}
}

func notImplementedError(t QueryType) error {
	return &queryError{
		status: backend.StatusNotImplemented,
		msg:    fmt.Sprintf("query type %q is not implemented in this version of Kansa Logs", t),
	}
}

func parseQuery(q backend.DataQuery) (queryModel, error) {
	var m queryModel
	if len(q.JSON) > 0 {
		if err := json.Unmarshal(q.JSON, &m); err != nil {
			return m, badQuery("the query is not valid JSON: %v", err)
		}
	}
	if q.QueryType != "" {
		m.QueryType = QueryType(q.QueryType)
	}
	// Queries saved before the editor set a type (and alert rules written by hand) mean logs.
	if m.QueryType == "" {
		m.QueryType = QueryTypeLogs
	}
	if !slices.Contains(queryTypes, m.QueryType) {
		return m, badQuery("unknown query type %q: use one of %s", m.QueryType, joinQueryTypes())
	}
	if m.UseCase != "" && !slices.Contains(knownUseCases, m.UseCase) {
		return m, badQuery("unknown use case %q: use one of %s", m.UseCase, strings.Join(knownUseCases, ", "))
	}
	switch {
	case m.Limit == 0:
		m.Limit = defaultLimit
	case m.Limit < 0 || m.Limit > maxLimit:
		return m, badQuery("limit %d is out of range: use 1 to %d", m.Limit, maxLimit)
	}
	return m, nil
}

func joinQueryTypes() string {
	names := make([]string, len(queryTypes))
	for i, t := range queryTypes {
		names[i] = string(t)
	}
	return strings.Join(names, ", ")
}

// knownUseCases lists the purposes the field registry tags fields with, in registry order.
var knownUseCases = useCasesOf(schema.Fields)

func useCasesOf(fields []schema.Field) []string {
	var out []string
	for _, f := range fields {
		for _, u := range f.UseCases {
			if !slices.Contains(out, u) {
				out = append(out, u)
			}
		}
	}
	return out
}

// errorResponse puts err on the query's RefID with the status and source Grafana shows and counts.
func errorResponse(err error) backend.DataResponse {
	res := backend.DataResponse{Error: err, Status: backend.StatusInternal, ErrorSource: backend.ErrorSourcePlugin}

	var qe *queryError
	var oe *openSearchError
	switch {
	case errors.As(err, &qe):
		res.Status = qe.status
	case errors.As(err, &oe):
		res.Status = backend.Status(oe.Status)
		res.ErrorSource = backend.ErrorSourceFromHTTPStatus(oe.Status)
	case backend.IsDownstreamError(err):
		res.Status = backend.StatusBadGateway
		res.ErrorSource = backend.ErrorSourceDownstream
	}
	return res
}
