package plugin

import (
	"github.com/kansa-logs/kansa/datasource-plugin/pkg/client"
	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

// useCasePreset is the filter a use case adds: an event belongs to a purpose when it matches any clause.
// The categories follow ECS; attendance is every event that moves a session, failure investigation every
// failed or error-level event and every host or network-device event.
func useCasePreset(useCase string) []client.Query {
	anyCategory := func(categories ...any) client.Query {
		q, _ := client.AnyTerm(schema.EventCategory, categories...)
		return q
	}
	switch useCase {
	case "cyber":
		return []client.Query{anyCategory("authentication", "iam", "configuration", "process", "network",
			"intrusion_detection", "malware")}
	case "insider":
		return []client.Query{anyCategory("file", "web", "email", "database", "process", "driver")}
	case "audit":
		return []client.Query{anyCategory("iam", "configuration", "authentication", "database")}
	case "attendance":
		q, _ := client.Exists(schema.KansaSessionTransition)
		return []client.Query{q}
	case "failure":
		outcome, _ := client.Term(schema.EventOutcome, "failure")
		level, _ := client.AnyTerm(schema.LogLevel, "emergency", "emerg", "alert", "critical", "crit", "error", "err",
			"warning", "warn")
		return []client.Query{outcome, level, anyCategory("host")}
	}
	return nil
}
