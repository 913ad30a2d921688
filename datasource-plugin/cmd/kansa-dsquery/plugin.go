package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/grafana/grafana-plugin-sdk-go/genproto/pluginv2"
	"github.com/hashicorp/go-hclog"
	goplugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
)

// handshake is the SDK's: protocol version 2 and the magic cookie grafana_plugin_type=datasource. A plugin
// built with the SDK refuses to start without it.
var handshake = goplugin.HandshakeConfig{
	ProtocolVersion:  2,
	MagicCookieKey:   "grafana_plugin_type",
	MagicCookieValue: "datasource",
}

// grpcClientPlugin hands out a pluginv2 gRPC client for one of the services a backend plugin serves; the
// harness never serves, so only the client half exists.
type grpcClientPlugin struct {
	goplugin.NetRPCUnsupportedPlugin
	newClient func(*grpc.ClientConn) any
}

func (p *grpcClientPlugin) GRPCServer(*goplugin.GRPCBroker, *grpc.Server) error {
	return errors.New("kansa-dsquery only calls plugins")
}

func (p *grpcClientPlugin) GRPCClient(_ context.Context, _ *goplugin.GRPCBroker, c *grpc.ClientConn) (any, error) {
	return p.newClient(c), nil
}

// The plugin names Grafana dispenses, as the SDK's grpcplugin package registers them.
var pluginSet = goplugin.PluginSet{
	"diagnostics": &grpcClientPlugin{newClient: func(c *grpc.ClientConn) any { return pluginv2.NewDiagnosticsClient(c) }},
	"resource":    &grpcClientPlugin{newClient: func(c *grpc.ClientConn) any { return pluginv2.NewResourceClient(c) }},
	"data":        &grpcClientPlugin{newClient: func(c *grpc.ClientConn) any { return pluginv2.NewDataClient(c) }},
}

type running struct {
	client *goplugin.Client
	rpc    goplugin.ClientProtocol
}

// startPlugin launches the executable and connects over gRPC. The plugin's own log lines go to stderr at
// warning level and above (KANSA_DSQUERY_LOG=debug shows everything).
func startPlugin(path string, stderr io.Writer) (*running, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("%w (build it with node datasource-plugin/scripts/build-backend.mjs)", err)
	}
	level := hclog.Warn
	if l := os.Getenv("KANSA_DSQUERY_LOG"); l != "" {
		level = hclog.LevelFromString(l)
	}
	c := goplugin.NewClient(&goplugin.ClientConfig{
		HandshakeConfig:  handshake,
		VersionedPlugins: map[int]goplugin.PluginSet{int(handshake.ProtocolVersion): pluginSet},
		Cmd:              exec.Command(path),
		AllowedProtocols: []goplugin.Protocol{goplugin.ProtocolGRPC},
		Logger:           hclog.New(&hclog.LoggerOptions{Name: "plugin", Level: level, Output: stderr}),
	})
	rpc, err := c.Client()
	if err != nil {
		c.Kill()
		return nil, err
	}
	return &running{client: c, rpc: rpc}, nil
}

func (r *running) stop() { r.client.Kill() }

func dispense[T any](r *running, name string) (T, error) {
	var zero T
	raw, err := r.rpc.Dispense(name)
	if err != nil {
		return zero, fmt.Errorf("dispense %s: %w", name, err)
	}
	c, ok := raw.(T)
	if !ok {
		return zero, fmt.Errorf("plugin %s client has type %T", name, raw)
	}
	return c, nil
}

// queryResult is one RefID's answer: frames as the SDK marshals them to JSON.
type queryResult struct {
	Status      int               `json:"status"`
	Error       string            `json:"error,omitempty"`
	ErrorSource string            `json:"errorSource,omitempty"`
	Frames      []json.RawMessage `json:"frames"`
}

// timing is where one query call's time went, for the bench's query tier (KANSA_DSQUERY_TIMING=1): the
// QueryData call (the plugin's work, its Arrow encoding and gRPC, all a Grafana server would wait for) and
// the harness's own decoding of the Arrow frames and JSON encoding of the answer, which Grafana does not do.
type timing struct {
	CallSeconds    float64 `json:"callSeconds"`
	HarnessSeconds float64 `json:"harnessSeconds"`
}

func (r *running) query(ctx context.Context, req *request, t *timing) (any, error) {
	c, err := dispense[pluginv2.DataClient](r, "data")
	if err != nil {
		return nil, err
	}
	started := time.Now()
	res, err := c.QueryData(ctx, &pluginv2.QueryDataRequest{PluginContext: req.pluginContext(), Queries: req.dataQueries()})
	if err != nil {
		return nil, err
	}
	t.CallSeconds = time.Since(started).Seconds()
	defer func() { t.HarnessSeconds += time.Since(started).Seconds() - t.CallSeconds }()
	results := map[string]queryResult{}
	for refID, dr := range res.Responses {
		qr := queryResult{Status: int(dr.Status), Error: dr.Error, ErrorSource: dr.ErrorSource, Frames: []json.RawMessage{}}
		if qr.Status == 0 {
			qr.Status = http.StatusOK
			if dr.Error != "" {
				qr.Status = http.StatusInternalServerError
			}
		}
		for i, raw := range dr.Frames {
			f, err := data.UnmarshalArrowFrame(raw)
			if err != nil {
				return nil, fmt.Errorf("result %s frame %d: %w", refID, i, err)
			}
			j, err := json.Marshal(f)
			if err != nil {
				return nil, fmt.Errorf("result %s frame %d: %w", refID, i, err)
			}
			qr.Frames = append(qr.Frames, j)
		}
		results[refID] = qr
	}
	return map[string]any{"results": results}, nil
}

func (r *running) health(ctx context.Context, req *request) (any, error) {
	c, err := dispense[pluginv2.DiagnosticsClient](r, "diagnostics")
	if err != nil {
		return nil, err
	}
	res, err := c.CheckHealth(ctx, &pluginv2.CheckHealthRequest{PluginContext: req.pluginContext()})
	if err != nil {
		return nil, err
	}
	status := "UNKNOWN"
	switch res.Status {
	case pluginv2.CheckHealthResponse_OK:
		status = "OK"
	case pluginv2.CheckHealthResponse_ERROR:
		status = "ERROR"
	}
	details := json.RawMessage(`{}`)
	if len(res.JsonDetails) > 0 && json.Valid(res.JsonDetails) {
		details = res.JsonDetails
	}
	return map[string]any{"status": status, "message": res.Message, "details": details}, nil
}

func (r *running) resource(ctx context.Context, req *request) (any, error) {
	c, err := dispense[pluginv2.ResourceClient](r, "resource")
	if err != nil {
		return nil, err
	}
	method := req.Resource.Method
	if method == "" {
		method = http.MethodGet
	}
	path, _, _ := strings.Cut(req.Resource.Path, "?")
	stream, err := c.CallResource(ctx, &pluginv2.CallResourceRequest{
		PluginContext: req.pluginContext(),
		Path:          strings.TrimPrefix(path, "/"),
		Method:        method,
		Url:           strings.TrimPrefix(req.Resource.Path, "/"),
		Body:          req.Resource.Body,
	})
	if err != nil {
		return nil, err
	}
	status := 0
	headers := map[string][]string{}
	var body []byte
	for {
		msg, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if status == 0 {
			status = int(msg.Code)
			for k, v := range msg.Headers {
				headers[k] = v.GetValues()
			}
		}
		body = append(body, msg.Body...)
	}
	var parsed any = string(body)
	if json.Valid(body) && len(body) > 0 {
		parsed = json.RawMessage(body)
	}
	return map[string]any{"status": status, "headers": headers, "body": parsed}, nil
}
