package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The routing and request checks of serve answer before any plugin call, so no plugin is needed for them.
func TestServeRejectsUnknownCallsAndBadRequests(t *testing.T) {
	h := serveHandler(nil, io.Discard)
	for name, c := range map[string]struct {
		method, path, body string
		status             int
		msg                string
	}{
		"unknown call": {http.MethodPost, "/explain", "{}", http.StatusNotFound, "POST /query, /health or /resource"},
		"GET":          {http.MethodGet, "/query", "", http.StatusNotFound, "POST /query"},
		"not JSON":     {http.MethodPost, "/health", "{", http.StatusBadRequest, "not a valid request"},
		"no url":       {http.MethodPost, "/health", `{"settings":{}}`, http.StatusBadRequest, "settings.url is missing"},
		"no queries":   {http.MethodPost, "/query", `{"settings":{"url":"http://x"},"range":{"from":1,"to":2}}`, http.StatusBadRequest, "queries is empty"},
		"no resource":  {http.MethodPost, "/resource", `{"settings":{"url":"http://x"}}`, http.StatusBadRequest, "resource"},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(c.method, c.path, strings.NewReader(c.body)))
		assert.Equal(t, c.status, rec.Code, name)
		assert.Contains(t, rec.Body.String(), c.msg, name)
	}
}
