package client

import (
	"fmt"
	"slices"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

// FieldError names a field that a query may not use where it used it.
type FieldError struct {
	Field string
	Why   string
}

func (e *FieldError) Error() string { return fmt.Sprintf("field %q %s", e.Field, e.Why) }

// numericTypes are the registry types that sum, avg, min, max and percentiles accept.
var numericTypes = []string{"long", "integer", "short", "byte", "float", "double", "half_float", "scaled_float"}

// unaggregatableTypes have no doc values to aggregate or sort on.
var unaggregatableTypes = []string{"object", "flat_object", "nested", "binary"}

func lookup(name string) (schema.Field, error) {
	f, ok := schema.Lookup(name)
	if !ok {
		return f, &FieldError{Field: name, Why: "is not in the Kansa field registry"}
	}
	return f, nil
}

// AggregationName is the name to use for name in terms, cardinality, sorts and exact-match filters:
// the field itself, or a text field's .keyword sub-field. Fields outside the registry are refused.
func AggregationName(name string) (string, error) {
	f, err := lookup(name)
	if err != nil {
		return "", err
	}
	if slices.Contains(unaggregatableTypes, f.Type) {
		return "", &FieldError{Field: name, Why: fmt.Sprintf("is of type %s and cannot be aggregated or sorted on", f.Type)}
	}
	if f.Type == "text" {
		return name + ".keyword", nil
	}
	return name, nil
}

// NumericName checks that name is a numeric registry field (for sum, avg, min, max and percentiles).
func NumericName(name string) (string, error) {
	f, err := lookup(name)
	if err != nil {
		return "", err
	}
	if !slices.Contains(numericTypes, f.Type) {
		return "", &FieldError{Field: name, Why: fmt.Sprintf("is of type %s, not numeric", f.Type)}
	}
	return name, nil
}

// IsNumeric tells whether a registry field holds numbers.
func IsNumeric(f schema.Field) bool { return slices.Contains(numericTypes, f.Type) }

// IsAggregatable tells whether a registry field can be aggregated (text through its .keyword sub-field).
func IsAggregatable(f schema.Field) bool { return !slices.Contains(unaggregatableTypes, f.Type) }
