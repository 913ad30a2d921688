package plugin

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/kansa-logs/kansa/datasource-plugin/pkg/client"
	"github.com/kansa-logs/kansa/datasource-plugin/pkg/schema"
)

// The kansa.directory.* flags are never stored on events: a query naming one is answered with the accounts
// today's directory index (kansa directory load, kansa serve) gives that flag, so a person put on the
// watchlist today is seen with everything they did before. The ingest-time kansa.user.* stamps stay as
// they were, for history.

// maxDirectoryAccounts bounds one flag's accounts: OpenSearch's result window.
const maxDirectoryAccounts = maxLimit

// maxLuceneAccounts keeps a rewritten Lucene query under OpenSearch's default of 1024 clauses.
const maxLuceneAccounts = 1000

// noAccount matches no event: kansa.directory.kind is only ever set on directory documents.
const noAccount = schema.KansaDirectoryKind + `:"no-such-account"`

var directoryFlags = map[string]bool{
	schema.KansaDirectoryWatchlist:  true,
	schema.KansaDirectoryPrivileged: true,
	schema.KansaDirectoryLeaver:     true,
	schema.KansaDirectoryDepartment: true,
}

// directoryFlagInLucene finds key:value and key:"quoted value" for the flags in a Lucene query.
var directoryFlagInLucene = regexp.MustCompile(`kansa\.directory\.(?:watchlist|privileged|leaver|department):("(?:[^"\\]|\\.)*"|[^\s()"]+)`)

// directoryFilter is an account list an ad-hoc filter on a flag turned into.
type directoryFilter struct {
	accounts client.Query
	exclude  bool
}

// resolveDirectory replaces the flags of m (ad-hoc filters and Lucene terms) with the accounts they name.
func (d *Datasource) resolveDirectory(ctx context.Context, m *queryModel) error {
	kept := m.Filters[:0:0]
	for _, f := range m.Filters {
		if !directoryFlags[f.Key] {
			kept = append(kept, f)
			continue
		}
		if f.Operator != "=" && f.Operator != "!=" && f.Operator != "" {
			return badQuery("%s: operator %q is not supported for a directory flag: use = or !=", f.Key, f.Operator)
		}
		accounts, err := d.directoryAccounts(ctx, f.Key, f.Value)
		if err != nil {
			return err
		}
		q, err := client.AnyString(schema.UserName, accounts)
		if err != nil {
			return err
		}
		m.directory = append(m.directory, directoryFilter{accounts: q, exclude: f.Operator == "!="})
	}
	m.Filters = kept

	var failure error
	m.Query = directoryFlagInLucene.ReplaceAllStringFunc(m.Query, func(term string) string {
		if failure != nil {
			return term
		}
		key, value, _ := strings.Cut(term, ":")
		if unquoted, err := strconv.Unquote(value); err == nil && strings.HasPrefix(value, `"`) {
			value = unquoted
		}
		accounts, err := d.directoryAccounts(ctx, key, value)
		if err == nil && len(accounts) > maxLuceneAccounts {
			err = badQuery("%s: %d accounts are more than a Lucene query takes (%d): use an ad-hoc filter on %s instead", term, len(accounts), maxLuceneAccounts, key)
		}
		if err != nil {
			failure = err
			return term
		}
		if len(accounts) == 0 {
			return noAccount
		}
		quoted := make([]string, len(accounts))
		for i, a := range accounts {
			quoted[i] = strconv.Quote(a)
		}
		return schema.UserName + ":(" + strings.Join(quoted, " OR ") + ")"
	})
	return failure
}

// directoryAccounts asks the directory index which accounts have flag = value today.
func (d *Datasource) directoryAccounts(ctx context.Context, flag, value string) ([]string, error) {
	var clause client.Query
	var err error
	switch flag {
	case schema.KansaDirectoryDepartment:
		clause, err = client.Term(schema.KansaUserDepartment, value)
	default:
		want, perr := strconv.ParseBool(value)
		if perr != nil {
			return nil, badQuery("%s: expected true or false, got %q", flag, value)
		}
		switch flag {
		case schema.KansaDirectoryWatchlist:
			clause, err = client.Term(schema.KansaUserWatchlist, want)
		case schema.KansaDirectoryPrivileged:
			clause, err = client.Term(schema.KansaUserPrivileged, want)
		case schema.KansaDirectoryLeaver:
			clause, err = client.Exists(schema.KansaUserDepartureDate)
			if err == nil && !want {
				clause = client.Query{"bool": map[string]any{"must_not": []any{clause}}}
			}
		}
	}
	if err != nil {
		return nil, err
	}
	kind, _ := client.Term(schema.KansaDirectoryKind, "user")
	body := map[string]any{
		"size":             maxDirectoryAccounts,
		"track_total_hits": true,
		"_source":          []string{schema.UserName},
		"query":            map[string]any{"bool": map[string]any{"filter": []any{kind, clause}}},
	}
	res, err := d.os.Search(ctx, d.settings.DirectoryIndex, body)
	if err != nil {
		return nil, fmt.Errorf("%s needs the directory index %s (kansa directory load users.csv): %w", flag, d.settings.DirectoryIndex, err)
	}
	if res.Hits.Total != nil && res.Hits.Total.Value > maxDirectoryAccounts {
		return nil, badQuery("%s:%s names more than %d accounts", flag, value, maxDirectoryAccounts)
	}
	accounts := []string{}
	for _, h := range res.Hits.Hits {
		if name, ok := h.Source[schema.UserName].(string); ok && name != "" {
			accounts = append(accounts, name)
		}
	}
	return accounts, nil
}
