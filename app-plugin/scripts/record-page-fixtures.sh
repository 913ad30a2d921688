#!/bin/sh
# Records the page tests' backend responses from the real plugin (kansa-dsquery) over the demo month.
# Usage: OPENSEARCH_URL=http://127.0.0.1:9240 app-plugin/scripts/record-page-fixtures.sh
set -eu
cd "$(dirname "$0")/../.."
out=app-plugin/src/pages/testdata
record() { # name range-from range-to query-json
  printf '{"settings":{"url":"%s","jsonData":{"language":"ja"}},"range":{"from":"%s","to":"%s"},"queries":[%s]}' \
    "$OPENSEARCH_URL" "$2" "$3" "$4" | datasource-plugin/bin/kansa-dsquery query --request - > "$out/$1.json"
  echo "recorded $out/$1.json"
}
record attendance-keiri 2026-09-30T15:00:00Z 2026-10-31T15:00:00Z \
  '{"refId":"sheet","queryType":"attendance","attendanceView":"sheet","query":"kansa.user.department:経理"}'
# The audit report's four sections for 2026-10-26 (JST), the day of the ACL change and the admin's HR reads.
queries=$(npx ts-node -P app-plugin/tsconfig.json -e "console.log(require('./app-plugin/src/pages/audit-queries').auditSections().map((s) => JSON.stringify(s.query)).join(','))")
record audit-2026-10-26 2026-10-25T15:00:00Z 2026-10-26T15:00:00Z "$queries"
