package plugin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/client"
	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

// queryState is what parseQuery and resolveDirectory work out for a query; queryModel (generated from
// schema/query-model.yaml) embeds it.
type queryState struct {
	// directory holds the account lists the kansa.directory.* ad-hoc filters resolved to (resolveDirectory).
	directory []directoryFilter

	// limitSet tells an explicit limit from the default, for query types whose default differs.
	limitSet bool
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

func parseQuery(q backend.DataQuery, defaultLanguage Language) (queryModel, error) {
	var m queryModel
	if len(q.JSON) > 0 {
		if err := json.Unmarshal(q.JSON, &m); err != nil {
			return m, badQuery("the query is not valid JSON: %v", err)
		}
	}
	if m.QueryModelVersion > queryModelVersion {
		return m, badQuery("the query was saved with query model version %d, newer than version %d this plugin reads: "+
			"upgrade the Kansa Logs plugin", m.QueryModelVersion, queryModelVersion)
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
	upper := maxLimit
	if m.QueryType == QueryTypeLogs {
		upper = maxLogLines
	}
	switch {
	case m.Limit == 0:
		m.Limit = defaultLimit
	case m.Limit > 0 && m.Limit <= upper:
		m.limitSet = true
	case m.Limit < 0 || m.Limit > upper:
		return m, badQuery("limit %d is out of range: use 1 to %d", m.Limit, upper)
	}
	switch m.Language {
	case "":
		m.Language = defaultLanguage
	case LanguageJa, LanguageEn:
	default:
		return m, badQuery("language %q is not supported: use ja or en", m.Language)
	}
	for i, f := range m.Filters {
		if _, err := filterClause(f); err != nil {
			return m, badQuery("filters[%d]: %v", i, err)
		}
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

// baseSearch is what every query type shares: the time range, the Lucene query, the ad-hoc filters and
// the use-case preset.
func baseSearch(m queryModel, tr backend.TimeRange) *client.Search {
	s := client.NewSearch().TimeRange(tr.From, tr.To).QueryString(m.Query)
	for _, f := range m.Filters {
		clause, _ := filterClause(f) // checked by parseQuery
		if f.Operator == "!=" || f.Operator == "!~" {
			s.MustNot(clause)
		} else {
			s.Filter(clause)
		}
	}
	for _, f := range m.directory {
		if f.exclude {
			s.MustNot(f.accounts)
		} else {
			s.Filter(f.accounts)
		}
	}
	if m.UseCase != "" {
		s.AnyOf(useCasePreset(m.UseCase)...)
	}
	return s
}

// filterClause turns an ad-hoc filter into a term or regexp clause on a registry field.
func filterClause(f adhocFilter) (client.Query, error) {
	switch f.Operator {
	case "=", "!=", "":
		return client.Term(f.Key, f.Value)
	case "=~", "!~":
		return client.Regexp(f.Key, f.Value)
	}
	return nil, fmt.Errorf("operator %q is not supported: use =, !=, =~ or !~", f.Operator)
}

// errorResponse puts err on the query's RefID with the status and source Grafana shows and counts.
func errorResponse(err error) backend.DataResponse {
	res := backend.DataResponse{Error: err, Status: backend.StatusInternal, ErrorSource: backend.ErrorSourcePlugin}

	var qe *queryError
	var oe *client.Error
	var fe *client.FieldError
	var tm *client.TooManyHitsError
	switch {
	case errors.As(err, &qe):
		res.Status = qe.status
	case errors.As(err, &fe), errors.As(err, &tm):
		res.Status = backend.StatusBadRequest
	case errors.As(err, &oe):
		res.Status = backend.Status(oe.Status)
		res.ErrorSource = backend.ErrorSourceFromHTTPStatus(oe.Status)
	case errors.Is(err, context.DeadlineExceeded):
		res.Status = backend.StatusTimeout
		res.ErrorSource = backend.ErrorSourceDownstream
	case backend.IsDownstreamError(err):
		res.Status = backend.StatusBadGateway
		res.ErrorSource = backend.ErrorSourceDownstream
	}
	return res
}
