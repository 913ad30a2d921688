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

// Lookup returns the field with the given name.
func Lookup(name string) (Field, bool) {
	for _, f := range Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}
