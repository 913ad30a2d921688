package plugin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/client"
	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

const (
	defaultValuesSize  = 20
	maxValuesSize      = 500
	defaultValuesRange = 7 * 24 * time.Hour
)

// fieldInfo is FieldInfo in src/types.ts.
type fieldInfo struct {
	Name            string   `json:"name"`
	Type            string   `json:"type"`
	Array           bool     `json:"array"`
	Aggregatable    bool     `json:"aggregatable"`
	AggregationName string   `json:"aggregationName,omitempty"`
	Ja              string   `json:"ja"`
	En              string   `json:"en"`
	Use             []string `json:"use"`
}

// fieldValue is FieldValue in src/types.ts.
type fieldValue struct {
	Value string `json:"value"`
	Count int64  `json:"count"`
}

// CallResource serves GET fields (the registry) and GET values (top values of a field) to the query editor,
// template variables and ad-hoc filters.
func (d *Datasource) CallResource(ctx context.Context, req *backend.CallResourceRequest, sender backend.CallResourceResponseSender) error {
	ctx, cancel := context.WithTimeout(ctx, d.settings.Timeout)
	defer cancel()
	status, body := d.resource(ctx, req)
	raw, err := json.Marshal(body)
	if err != nil {
		return err
	}
	return sender.Send(&backend.CallResourceResponse{
		Status:  status,
		Headers: map[string][]string{"Content-Type": {"application/json"}},
		Body:    raw,
	})
}

func (d *Datasource) resource(ctx context.Context, req *backend.CallResourceRequest) (int, any) {
	u, err := url.Parse(req.URL)
	if err != nil {
		return http.StatusBadRequest, errorBody("cannot read the resource URL %q: %v", req.URL, err)
	}
	if req.Method != "" && req.Method != http.MethodGet {
		return http.StatusMethodNotAllowed, errorBody("%s %s: only GET is supported", req.Method, req.Path)
	}
	q := u.Query()
	switch strings.Trim(req.Path, "/") {
	case "fields":
		return fieldsResource(q.Get("useCase"))
	case "values":
		return d.valuesResource(ctx, q)
	}
	return http.StatusNotFound, errorBody("unknown resource %q: use fields or values", req.Path)
}

func errorBody(format string, args ...any) map[string]string {
	return map[string]string{"message": fmt.Sprintf(format, args...)}
}

func fieldsResource(useCase string) (int, any) {
	if useCase != "" && !slices.Contains(knownUseCases, useCase) {
		return http.StatusBadRequest, errorBody("unknown use case %q: use one of %s", useCase, strings.Join(knownUseCases, ", "))
	}
	out := []fieldInfo{}
	for _, f := range schema.Fields {
		if useCase != "" && !slices.Contains(f.UseCases, useCase) {
			continue
		}
		info := fieldInfo{Name: f.Name, Type: f.Type, Array: f.Array, Aggregatable: client.IsAggregatable(f),
			Ja: f.Ja, En: f.En, Use: f.UseCases}
		if info.Aggregatable {
			info.AggregationName, _ = client.AggregationName(f.Name)
		}
		out = append(out, info)
	}
	return http.StatusOK, out
}

// valuesResource answers the most frequent values of a field in the range, for autocomplete and variables.
func (d *Datasource) valuesResource(ctx context.Context, q url.Values) (int, any) {
	field := q.Get("field")
	if field == "" {
		return http.StatusBadRequest, errorBody("values needs a field parameter, e.g. values?field=user.name")
	}
	if _, err := client.AggregationName(field); err != nil {
		return http.StatusBadRequest, errorBody("values: %v", err)
	}
	size := defaultValuesSize
	if raw := q.Get("size"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > maxValuesSize {
			return http.StatusBadRequest, errorBody("values: size %q is not a number from 1 to %d", raw, maxValuesSize)
		}
		size = n
	}
	to := d.now()
	from := to.Add(-defaultValuesRange)
	for name, target := range map[string]*time.Time{"from": &from, "to": &to} {
		raw := q.Get(name)
		if raw == "" {
			continue
		}
		ms, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			return http.StatusBadRequest, errorBody("values: %s %q is not epoch milliseconds", name, raw)
		}
		*target = time.UnixMilli(ms)
	}
	if !to.After(from) {
		return http.StatusBadRequest, errorBody("values: from must be before to")
	}
	m := queryModel{Query: q.Get("query")}
	// A variable such as "today's watchlist" asks values?field=user.name&query=kansa.directory.watchlist:true.
	if err := d.resolveDirectory(ctx, &m); err != nil {
		return http.StatusBadRequest, errorBody("values: %v", err)
	}
	body, err := baseSearch(m, backend.TimeRange{From: from, To: to}).Size(0).Agg("values", client.Terms(field).Size(size)).Build()
	if err != nil {
		return http.StatusBadRequest, errorBody("values: %v", err)
	}
	res, err := d.os.Search(ctx, d.settings.IndexPattern, body)
	if err != nil {
		var oe *client.Error
		if errors.As(err, &oe) {
			return oe.Status, errorBody("values: %v", err)
		}
		return http.StatusBadGateway, errorBody("values: %v", err)
	}
	buckets, err := client.Buckets(res.Aggregations["values"])
	if err != nil {
		return http.StatusBadGateway, errorBody("values: %v", err)
	}
	out := make([]fieldValue, len(buckets))
	for i, b := range buckets {
		out[i] = fieldValue{Value: b.KeyString(), Count: b.DocCount}
	}
	return http.StatusOK, out
}
