package plugin

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/attendance"
	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

// AuthType says how the data source authenticates to OpenSearch.
type AuthType string

const (
	AuthNone   AuthType = "none"
	AuthBasic  AuthType = "basic"
	AuthAPIKey AuthType = "apiKey"
)

const (
	defaultTimeout = 30 * time.Second
	maxTimeout     = 10 * time.Minute
)

// Settings is the data source configuration that Grafana stores, as the backend needs it.
type Settings struct {
	URL              *url.URL
	IndexPattern     string
	RiskIndexPattern string
	// DirectoryIndex holds today's user directory, for the query-time kansa.directory.* flags.
	DirectoryIndex string
	Language       Language
	Auth           AuthType
	// APIKey is sent as "Authorization: ApiKey <key>" when Auth is AuthAPIKey.
	APIKey string
	// Timeout bounds every query and resource call.
	Timeout time.Duration
	// Workday holds the data source's attendance defaults; queries override them field by field.
	Workday attendance.Workday
}

// jsonData mirrors KansaDataSourceOptions in src/types.ts. TLS keys are read by the SDK's HTTP client options.
type jsonData struct {
	IndexPattern     string              `json:"indexPattern"`
	RiskIndexPattern string              `json:"riskIndexPattern"`
	DirectoryIndex   string              `json:"directoryIndex"`
	Language         string              `json:"language"`
	AuthType         string              `json:"authType"`
	TimeoutSeconds   *float64            `json:"timeoutSeconds"`
	Workday          *attendance.Workday `json:"workday"`
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
		URL:              u,
		IndexPattern:     strings.TrimSpace(jd.IndexPattern),
		RiskIndexPattern: strings.TrimSpace(jd.RiskIndexPattern),
		DirectoryIndex:   strings.TrimSpace(jd.DirectoryIndex),
		Language:         Language(jd.Language),
		APIKey:           s.DecryptedSecureJSONData[secureKeyAPIKey],
		Timeout:          defaultTimeout,
	}
	if out.IndexPattern == "" {
		out.IndexPattern = schema.IndexPattern
	}
	if out.RiskIndexPattern == "" {
		out.RiskIndexPattern = schema.RiskIndexPattern
	}
	if out.DirectoryIndex == "" {
		out.DirectoryIndex = schema.DirectoryIndexAlias
	}
	switch out.Language {
	case "":
		out.Language = LanguageJa
	case LanguageJa, LanguageEn:
	default:
		return Settings{}, fmt.Errorf("language %q is not supported: use ja or en", jd.Language)
	}

	if out.Auth, err = authOf(jd.AuthType, s, out.APIKey); err != nil {
		return Settings{}, err
	}

	if jd.TimeoutSeconds != nil {
		t := time.Duration(*jd.TimeoutSeconds * float64(time.Second))
		if t <= 0 || t > maxTimeout {
			return Settings{}, fmt.Errorf("timeoutSeconds %v is out of range: use 1 to %d", *jd.TimeoutSeconds, int(maxTimeout.Seconds()))
		}
		out.Timeout = t
	}
	if jd.Workday != nil {
		out.Workday = *jd.Workday
	}
	if _, err := attendance.Resolve(out.Workday); err != nil {
		return Settings{}, fmt.Errorf("data source attendance settings: %w", err)
	}
	return out, nil
}

// authOf works out the authentication. Without an explicit authType, basic auth applies when Grafana's basic
// auth is on and an API key when one is stored, as the configuration page of earlier versions implied.
func authOf(authType string, s backend.DataSourceInstanceSettings, apiKey string) (AuthType, error) {
	switch AuthType(authType) {
	case "":
		switch {
		case s.BasicAuthEnabled:
			return AuthBasic, nil
		case apiKey != "":
			return AuthAPIKey, nil
		}
		return AuthNone, nil
	case AuthNone:
		return AuthNone, nil
	case AuthBasic:
		if !s.BasicAuthEnabled || s.BasicAuthUser == "" {
			return "", errors.New("authType is basic, but basic auth is off or has no user")
		}
		return AuthBasic, nil
	case AuthAPIKey:
		if apiKey == "" {
			return "", errors.New("authType is apiKey, but no API key is stored in secureJsonData.apiKey")
		}
		return AuthAPIKey, nil
	}
	return "", fmt.Errorf("authType %q is not supported: use none, basic or apiKey", authType)
}
