package plugin

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

// Language selects which translation of kansa.message a log line shows.
type Language string

const (
	LanguageJa Language = "ja"
	LanguageEn Language = "en"
)

// Settings is the data source configuration that Grafana stores, as the backend needs it.
type Settings struct {
	URL          *url.URL
	IndexPattern string
	Language     Language
	// APIKey is sent as "Authorization: ApiKey <key>" (OpenSearch 3.7+ API keys) when basic auth is off.
	APIKey string
}

// jsonData mirrors KansaDataSourceOptions in src/types.ts.
type jsonData struct {
	IndexPattern string `json:"indexPattern"`
	Language     string `json:"language"`
}

// secureKeyAPIKey is the secureJsonData key for the API key; basic auth uses Grafana's own basicAuthPassword.
const secureKeyAPIKey = "apiKey"

func loadSettings(s backend.DataSourceInstanceSettings) (Settings, error) {
	var jd jsonData
	if len(s.JSONData) > 0 {
		if err := json.Unmarshal(s.JSONData, &jd); err != nil {
			return Settings{}, fmt.Errorf("read data source settings: %w", err)
		}
	}

	raw := strings.TrimSpace(s.URL)
	if raw == "" {
		return Settings{}, errors.New("the OpenSearch URL is not set")
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Settings{}, fmt.Errorf("the OpenSearch URL %q is not an http(s) URL", raw)
	}

	out := Settings{
		URL:          u,
		IndexPattern: strings.TrimSpace(jd.IndexPattern),
		Language:     Language(jd.Language),
		APIKey:       s.DecryptedSecureJSONData[secureKeyAPIKey],
	}
	if out.IndexPattern == "" {
		out.IndexPattern = schema.IndexPattern
	}
	switch out.Language {
	case "":
		out.Language = LanguageJa
	case LanguageJa, LanguageEn:
	default:
		return Settings{}, fmt.Errorf("language %q is not supported: use ja or en", jd.Language)
	}
	return out, nil
}
