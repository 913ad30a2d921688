// Package schema holds the Kansa field registry as Go constants; fields_gen.go is generated from schema/fields.yaml.
package schema

// Field describes one indexed field of a normalized event.
type Field struct {
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Array    bool     `json:"array"`
	En       string   `json:"en"`
	Ja       string   `json:"ja"`
	UseCases []string `json:"useCases"`
}

// byName indexes Fields: every query checks each field it names, so a lookup must not walk the registry.
var byName = func() map[string]Field {
	m := make(map[string]Field, len(Fields))
	for _, f := range Fields {
		m[f.Name] = f
	}
	return m
}()

// Lookup returns the field with the given name.
func Lookup(name string) (Field, bool) {
	f, ok := byName[name]
	return f, ok
}
