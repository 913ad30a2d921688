package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
)

// maxServeBody bounds one request body the serve mode reads; queries and resource bodies are small JSON.
const maxServeBody = 8 << 20

// serve keeps one plugin process running and answers POST /query, /health and /resource, each taking the
// same request JSON as the one-shot commands and answering the same JSON. The browser e2e host server
// (e2e/server) forwards Grafana's /api/ds/query, health and resource calls here, so a page drives the plugin
// over go-plugin gRPC as Grafana's backend would, without a process start per call. It prints
// "listening on http://ADDR" once ready and runs until stdin closes, so it never outlives its parent.
func serve(pluginPath, listen string, stdin io.Reader, stdout, stderr io.Writer) int {
	p, err := startPlugin(pluginPath, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "kansa-dsquery: cannot start plugin %s: %v\n", pluginPath, err)
		return exitPlugin
	}
	defer p.stop()
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		fmt.Fprintf(stderr, "kansa-dsquery: listen on %s: %v\n", listen, err)
		return exitPlugin
	}
	srv := &http.Server{Handler: serveHandler(p, stderr)}
	go func() {
		_, _ = io.Copy(io.Discard, stdin)
		_ = srv.Close()
	}()
	fmt.Fprintf(stdout, "listening on http://%s\n", ln.Addr())
	if err := srv.Serve(ln); err != nil && err != http.ErrServerClosed {
		fmt.Fprintf(stderr, "kansa-dsquery: serve: %v\n", err)
		return exitPlugin
	}
	return exitOK
}

func serveHandler(p *running, stderr io.Writer) http.Handler {
	calls := map[string]func(context.Context, *request) (any, error){
		"query":  func(ctx context.Context, req *request) (any, error) { return p.query(ctx, req, &timing{}) },
		"health": p.health, "resource": p.resource,
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cmd := strings.TrimPrefix(r.URL.Path, "/")
		call, ok := calls[cmd]
		if !ok || r.Method != http.MethodPost {
			http.Error(w, "POST /query, /health or /resource", http.StatusNotFound)
			return
		}
		raw, err := io.ReadAll(io.LimitReader(r.Body, maxServeBody))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		req, err := parseRequest(raw, cmd)
		if err != nil {
			http.Error(w, "request: "+err.Error(), http.StatusBadRequest)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), callTimeout)
		defer cancel()
		out, err := call(ctx, req)
		if err != nil {
			fmt.Fprintf(stderr, "kansa-dsquery: %s call failed: %v\n", cmd, err)
			http.Error(w, cmd+" call failed: "+err.Error(), http.StatusBadGateway)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(out)
	})
}
