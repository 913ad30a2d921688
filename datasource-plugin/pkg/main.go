// Command gpx_kansa_logs is the backend of the Kansa Logs data source; Grafana starts it as a plugin process.
package main

import (
	"os"

	"github.com/grafana/grafana-plugin-sdk-go/backend/datasource"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/plugin"
)

func main() {
	if err := datasource.Manage(plugin.ID, plugin.NewDatasource, datasource.ManageOpts{}); err != nil {
		log.DefaultLogger.Error("kansa-logs-datasource stopped", "error", err.Error())
		os.Exit(1)
	}
}
