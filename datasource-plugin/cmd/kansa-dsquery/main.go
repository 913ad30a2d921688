// Command kansa-dsquery runs one CheckHealth, CallResource or QueryData call against the built Kansa Logs
// backend, started and spoken to over hashicorp/go-plugin exactly as Grafana does, and prints the answer as
// JSON. Tests, the app plugin's content tests and developers use it to run real queries without Grafana.
//
//	kansa-dsquery query|health|resource [--plugin PATH] [--request FILE|-]
//	kansa-dsquery serve [--plugin PATH] [--listen ADDR]   (see serve.go)
//
// Exit status: 0 when the call was made (even if a query failed), 1 when the plugin could not be started or
// called, 2 on usage errors.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

const (
	exitOK     = 0
	exitPlugin = 1
	exitUsage  = 2
)

// callTimeout bounds one invocation; the data source's own timeoutSeconds applies to each query inside it.
const callTimeout = 10 * time.Minute

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func usage(stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, "kansa-dsquery: "+format+"\n", args...)
	fmt.Fprintln(stderr, "usage: kansa-dsquery query|health|resource [--plugin PATH] [--request FILE|-]")
	fmt.Fprintln(stderr, "       kansa-dsquery serve [--plugin PATH] [--listen ADDR]")
	return exitUsage
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return usage(stderr, "missing command")
	}
	cmd := args[0]
	if cmd != "query" && cmd != "health" && cmd != "resource" && cmd != "serve" {
		return usage(stderr, "unknown command %q", cmd)
	}
	fs := flag.NewFlagSet("kansa-dsquery "+cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	pluginPath := fs.String("plugin", defaultPluginPath(), "plugin executable")
	requestPath := fs.String("request", "-", "request JSON file, - for stdin")
	listen := fs.String("listen", "127.0.0.1:0", "serve: address to listen on")
	if err := fs.Parse(args[1:]); err != nil {
		return usage(stderr, "%v", err)
	}
	if fs.NArg() > 0 {
		return usage(stderr, "unexpected argument %q", fs.Arg(0))
	}
	if cmd == "serve" {
		return serve(*pluginPath, *listen, stdin, stdout, stderr)
	}

	raw, err := readRequest(*requestPath, stdin)
	if err != nil {
		return usage(stderr, "%v", err)
	}
	req, err := parseRequest(raw, cmd)
	if err != nil {
		return usage(stderr, "request %s: %v", *requestPath, err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
	defer cancel()
	p, err := startPlugin(*pluginPath, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "kansa-dsquery: cannot start plugin %s: %v\n", *pluginPath, err)
		return exitPlugin
	}
	defer p.stop()

	var (
		out any
		t   timing
	)
	switch cmd {
	case "query":
		out, err = p.query(ctx, req, &t)
	case "health":
		out, err = p.health(ctx, req)
	case "resource":
		out, err = p.resource(ctx, req)
	}
	if err != nil {
		fmt.Fprintf(stderr, "kansa-dsquery: %s call failed: %v\n", cmd, err)
		return exitPlugin
	}
	encoding := time.Now()
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintf(stderr, "kansa-dsquery: write the answer: %v\n", err)
		return exitPlugin
	}
	if cmd == "query" && os.Getenv("KANSA_DSQUERY_TIMING") == "1" {
		t.HarnessSeconds += time.Since(encoding).Seconds()
		line, _ := json.Marshal(t)
		fmt.Fprintf(stderr, "kansa-dsquery timing: %s\n", line)
	}
	return exitOK
}

// defaultPluginPath is the plugin binary in ../dist, where the build puts it (the harness is in
// datasource-plugin/bin, out of the plugin archive), or one next to the harness when there is none there.
func defaultPluginPath() string {
	name := fmt.Sprintf("gpx_kansa_logs_%s_%s", runtime.GOOS, runtime.GOARCH)
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	exe, err := os.Executable()
	if err != nil {
		return name
	}
	dist := filepath.Join(filepath.Dir(exe), "..", "dist", name)
	if _, err := os.Stat(dist); err == nil {
		return dist
	}
	return filepath.Join(filepath.Dir(exe), name)
}

func readRequest(path string, stdin io.Reader) ([]byte, error) {
	if path == "-" {
		raw, err := io.ReadAll(stdin)
		if err != nil {
			return nil, fmt.Errorf("read the request from stdin: %w", err)
		}
		return raw, nil
	}
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("request file %s does not exist", path)
	}
	return raw, err
}
