package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/genproto/pluginv2"
)

// pluginID is the id of src/plugin.json, which Grafana puts in every plugin context.
const pluginID = "kansa-logs-datasource"

// request is the harness's input: data source settings, queries, a time range, a resource call and a user.
type request struct {
	Settings struct {
		URL            string            `json:"url"`
		JSONData       json.RawMessage   `json:"jsonData"`
		SecureJSONData map[string]string `json:"secureJsonData"`
		BasicAuth      bool              `json:"basicAuth"`
		BasicAuthUser  string            `json:"basicAuthUser"`
		UID            string            `json:"uid"`
		Name           string            `json:"name"`
	} `json:"settings"`
	Queries  []json.RawMessage `json:"queries"`
	Range    *timeRange        `json:"range"`
	Resource *struct {
		Method string          `json:"method"`
		Path   string          `json:"path"`
		Body   json.RawMessage `json:"body"`
	} `json:"resource"`
	User *struct {
		Login string `json:"login"`
		Name  string `json:"name"`
		Email string `json:"email"`
		Role  string `json:"role"`
	} `json:"user"`
}

type timeRange struct {
	From timeValue `json:"from"`
	To   timeValue `json:"to"`
}

// timeValue reads RFC 3339 text or epoch milliseconds.
type timeValue struct{ time.Time }

func (t *timeValue) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		if ms, err := strconv.ParseInt(s, 10, 64); err == nil {
			t.Time = time.UnixMilli(ms)
			return nil
		}
		v, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return fmt.Errorf("%q is neither RFC 3339 nor epoch milliseconds", s)
		}
		t.Time = v
		return nil
	}
	var ms int64
	if err := json.Unmarshal(b, &ms); err != nil {
		return fmt.Errorf("%s is neither RFC 3339 nor epoch milliseconds", b)
	}
	t.Time = time.UnixMilli(ms)
	return nil
}

// queryHead is what the harness itself reads from a query; the plugin gets the whole query as JSON, as from Grafana.
type queryHead struct {
	RefID         string `json:"refId"`
	QueryType     string `json:"queryType"`
	IntervalMs    int64  `json:"intervalMs"`
	MaxDataPoints int64  `json:"maxDataPoints"`
}

func parseRequest(raw []byte, cmd string) (*request, error) {
	var req request
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return nil, fmt.Errorf("not a valid request: %w", err)
	}
	if strings.TrimSpace(req.Settings.URL) == "" {
		return nil, errors.New("settings.url is missing")
	}
	switch cmd {
	case "query":
		if len(req.Queries) == 0 {
			return nil, errors.New("queries is empty")
		}
		if req.Range == nil || req.Range.From.IsZero() || req.Range.To.IsZero() {
			return nil, errors.New(`range {"from","to"} is missing`)
		}
		seen := map[string]bool{}
		for i, q := range req.Queries {
			var h queryHead
			if err := json.Unmarshal(q, &h); err != nil {
				return nil, fmt.Errorf("queries[%d]: %w", i, err)
			}
			if h.RefID == "" {
				return nil, fmt.Errorf("queries[%d]: refId is missing", i)
			}
			if seen[h.RefID] {
				return nil, fmt.Errorf("queries[%d]: refId %q is used twice", i, h.RefID)
			}
			seen[h.RefID] = true
		}
	case "resource":
		if req.Resource == nil || req.Resource.Path == "" {
			return nil, errors.New(`resource {"method","path"} is missing`)
		}
	}
	return &req, nil
}

// pluginContext is what Grafana sends with every call to a data source instance.
func (r *request) pluginContext() *pluginv2.PluginContext {
	jsonData := r.Settings.JSONData
	if len(jsonData) == 0 {
		jsonData = json.RawMessage(`{}`)
	}
	uid, name := r.Settings.UID, r.Settings.Name
	if uid == "" {
		uid = "kansa"
	}
	if name == "" {
		name = "Kansa Logs"
	}
	pc := &pluginv2.PluginContext{
		OrgId:    1,
		PluginId: pluginID,
		DataSourceInstanceSettings: &pluginv2.DataSourceInstanceSettings{
			Id:                      1, //nolint:staticcheck // deprecated for plugins to read, but Grafana still sends it and the harness sends what Grafana does
			Uid:                     uid,
			Name:                    name,
			Url:                     r.Settings.URL,
			BasicAuthEnabled:        r.Settings.BasicAuth,
			BasicAuthUser:           r.Settings.BasicAuthUser,
			JsonData:                jsonData,
			DecryptedSecureJsonData: r.Settings.SecureJSONData,
			LastUpdatedMS:           1,
		},
	}
	if r.User != nil {
		pc.User = &pluginv2.User{Login: r.User.Login, Name: r.User.Name, Email: r.User.Email, Role: r.User.Role}
	}
	return pc
}

func (r *request) dataQueries() []*pluginv2.DataQuery {
	out := make([]*pluginv2.DataQuery, len(r.Queries))
	for i, raw := range r.Queries {
		var h queryHead
		_ = json.Unmarshal(raw, &h) // checked by parseRequest
		out[i] = &pluginv2.DataQuery{
			RefId:         h.RefID,
			QueryType:     h.QueryType,
			IntervalMS:    h.IntervalMs,
			MaxDataPoints: h.MaxDataPoints,
			Json:          raw,
			TimeRange: &pluginv2.TimeRange{
				FromEpochMS: r.Range.From.UnixMilli(),
				ToEpochMS:   r.Range.To.UnixMilli(),
			},
		}
	}
	return out
}
