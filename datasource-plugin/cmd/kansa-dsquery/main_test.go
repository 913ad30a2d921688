package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runWith(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

const validQuery = `{"settings":{"url":"http://127.0.0.1:1"},"range":{"from":"2026-10-01T00:00:00Z","to":1790899200000},
  "queries":[{"refId":"A","queryType":"logs"}]}`

func TestUsageErrorsExitWith2(t *testing.T) {
	for name, c := range map[string]struct {
		stdin string
		args  []string
		msg   string
	}{
		"no command":      {"", nil, "missing command"},
		"unknown command": {"", []string{"explain"}, `unknown command "explain"`},
		"unknown flag":    {"", []string{"query", "--verbose"}, "flag provided but not defined"},
		"stray argument":  {"", []string{"query", "extra"}, `unexpected argument "extra"`},
		"not JSON":        {"{", []string{"query"}, "not a valid request"},
		"unknown key":     {`{"setting":{}}`, []string{"query"}, `unknown field "setting"`},
		"no url":          {`{"settings":{}}`, []string{"health"}, "settings.url is missing"},
		"no queries":      {`{"settings":{"url":"http://x"},"range":{"from":"2026-10-01T00:00:00Z","to":"2026-10-02T00:00:00Z"}}`, []string{"query"}, "queries is empty"},
		"no range":        {`{"settings":{"url":"http://x"},"queries":[{"refId":"A"}]}`, []string{"query"}, "range"},
		"bad time":        {`{"settings":{"url":"http://x"},"range":{"from":"yesterday","to":"2026-10-02T00:00:00Z"},"queries":[{"refId":"A"}]}`, []string{"query"}, `"yesterday" is neither RFC 3339 nor epoch milliseconds`},
		"no refId":        {`{"settings":{"url":"http://x"},"range":{"from":"2026-10-01T00:00:00Z","to":"2026-10-02T00:00:00Z"},"queries":[{}]}`, []string{"query"}, "queries[0]: refId is missing"},
		"twice the refId": {`{"settings":{"url":"http://x"},"range":{"from":"2026-10-01T00:00:00Z","to":"2026-10-02T00:00:00Z"},"queries":[{"refId":"A"},{"refId":"A"}]}`, []string{"query"}, `refId "A" is used twice`},
		"no resource":     {`{"settings":{"url":"http://x"}}`, []string{"resource"}, "resource"},
		"missing file":    {"", []string{"health", "--request", "/nonexistent/request.json"}, "does not exist"},
	} {
		code, out, errOut := runWith(t, c.stdin, c.args...)
		assert.Equal(t, exitUsage, code, name)
		assert.Empty(t, out, name)
		assert.Contains(t, errOut, c.msg, name)
		assert.Contains(t, errOut, "usage: kansa-dsquery", name)
	}
}

func TestMissingPluginExitsWith1(t *testing.T) {
	code, out, errOut := runWith(t, validQuery, "query", "--plugin", filepath.Join(t.TempDir(), "gpx_missing"))
	assert.Equal(t, exitPlugin, code)
	assert.Empty(t, out)
	assert.Contains(t, errOut, "cannot start plugin")
	assert.Contains(t, errOut, "build-backend.mjs")
}

func TestPluginThatIsNotAGrafanaPluginExitsWith1(t *testing.T) {
	fake := filepath.Join(t.TempDir(), "not-a-plugin")
	require.NoError(t, os.WriteFile(fake, []byte("#!/bin/sh\necho hello\n"), 0o755))
	code, _, errOut := runWith(t, validQuery, "query", "--plugin", fake)
	assert.Equal(t, exitPlugin, code)
	assert.Contains(t, errOut, "cannot start plugin")
}

func TestRequestBecomesTheProtobufGrafanaSends(t *testing.T) {
	req, err := parseRequest([]byte(`{"settings":{"url":"http://os:9200","jsonData":{"language":"en"},"secureJsonData":{"apiKey":"k"},
	  "basicAuth":true,"basicAuthUser":"u"},"range":{"from":"2026-10-01T00:00:00Z","to":"1790899200000"},
	  "queries":[{"refId":"A","queryType":"metrics","intervalMs":60000,"maxDataPoints":500,"query":"x"}],"user":{"login":"admin"}}`), "query")
	require.NoError(t, err)
	pc := req.pluginContext()
	assert.Equal(t, pluginID, pc.PluginId)
	ds := pc.DataSourceInstanceSettings
	assert.Equal(t, "http://os:9200", ds.Url)
	assert.JSONEq(t, `{"language":"en"}`, string(ds.JsonData))
	assert.Equal(t, map[string]string{"apiKey": "k"}, ds.DecryptedSecureJsonData)
	assert.True(t, ds.BasicAuthEnabled)
	assert.Equal(t, "admin", pc.User.Login)
	qs := req.dataQueries()
	require.Len(t, qs, 1)
	assert.Equal(t, "metrics", qs[0].QueryType)
	assert.EqualValues(t, 60000, qs[0].IntervalMS)
	assert.EqualValues(t, 500, qs[0].MaxDataPoints)
	assert.EqualValues(t, 1790812800000, qs[0].TimeRange.FromEpochMS)
	assert.EqualValues(t, 1790899200000, qs[0].TimeRange.ToEpochMS)
	assert.Contains(t, string(qs[0].Json), `"query":"x"`)
}

func TestServeWithoutPluginExitsWith1(t *testing.T) {
	code, out, errOut := runWith(t, "", "serve", "--plugin", filepath.Join(t.TempDir(), "gpx_missing"))
	assert.Equal(t, exitPlugin, code)
	assert.Empty(t, out)
	assert.Contains(t, errOut, "cannot start plugin")
}
