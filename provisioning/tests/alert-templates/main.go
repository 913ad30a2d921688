// Command alert-templates expands every label and annotation of alert rules the way Grafana's alerting does: Go's
// text/template with $labels, $values and $value defined in front of the text, and Grafana's template functions.
// It reads rules as JSON on stdin ([{uid, labels, annotations}]) and prints one line per text that fails to
// parse or expand; it exits 1 when there is any. Jest runs it (alert-templates.test.ts): a template Grafana
// cannot expand shows up in every notification as an error instead of the text.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"text/template"
)

type rule struct {
	UID         string            `json:"uid"`
	Labels      map[string]string `json:"labels"`
	Annotations map[string]string `json:"annotations"`
}

// value is what Grafana passes for each refId in $values.
type value struct {
	Labels map[string]string
	Value  float64
}

func (v value) String() string { return fmt.Sprint(v.Value) }

// header is what Grafana puts in front of every template, so rules can use the variables without defining them.
const header = "{{- $labels := .Labels -}}{{- $values := .Values -}}{{- $value := .Value -}}"

// funcs are the names of Grafana's alerting template functions; only their names matter for parsing, and each
// returns its argument for expansion.
func funcs() template.FuncMap {
	same := func(v any) any { return v }
	m := template.FuncMap{"externalURL": func() string { return "http://grafana.example" }, "pathPrefix": func() string { return "" }}
	for _, name := range []string{"humanize", "humanize1024", "humanizeDuration", "humanizePercentage", "humanizeTimestamp",
		"title", "toUpper", "toLower", "safeHtml", "graphLink", "tableLink", "parseDuration", "stripPort", "stripDomain", "toTime"} {
		m[name] = same
	}
	m["match"] = func(string, string) bool { return true }
	m["reReplaceAll"] = func(_, repl, _ string) string { return repl }
	m["args"] = func(a ...any) []any { return a }
	return m
}

// refIDs names the $values a text uses, so expansion sees a value for each.
var refIDs = regexp.MustCompile(`\$values\.(\w+)`)

func check(r rule, key, text string) error {
	t, err := template.New(key).Option("missingkey=error").Funcs(funcs()).Parse(header + text)
	if err != nil {
		return err
	}
	values := map[string]value{}
	for _, m := range refIDs.FindAllStringSubmatch(text, -1) {
		values[m[1]] = value{Labels: r.Labels, Value: 1}
	}
	var out strings.Builder
	if err := t.Execute(&out, map[string]any{"Labels": r.Labels, "Values": values, "Value": "[ var='A' value=1 ]"}); err != nil {
		return err
	}
	if strings.Contains(out.String(), "<no value>") {
		return fmt.Errorf("expands to %q", out.String())
	}
	return nil
}

func main() {
	var rules []rule
	if err := json.NewDecoder(os.Stdin).Decode(&rules); err != nil {
		fmt.Fprintln(os.Stderr, "alert-templates: stdin is not a JSON list of rules:", err)
		os.Exit(2)
	}
	failed, texts := 0, 0
	for _, r := range rules {
		for kind, texts2 := range map[string]map[string]string{"annotation": r.Annotations, "label": r.Labels} {
			keys := make([]string, 0, len(texts2))
			for k := range texts2 {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				texts++
				if err := check(r, k, texts2[k]); err != nil {
					failed++
					fmt.Printf("%s %s %s: %v\n", r.UID, kind, k, err)
				}
			}
		}
	}
	fmt.Printf("checked %d texts of %d rules, %d failed\n", texts, len(rules), failed)
	if failed > 0 || texts == 0 {
		os.Exit(1)
	}
}
