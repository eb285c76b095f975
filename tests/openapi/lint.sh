#!/bin/sh
# Redocly's linter on web/openapi.json, with its recommended rules: no
# error and no warning may remain. The linter is installed under
# build/openapi-lint from this folder's package.json and lockfile (npm ci,
# again when the lockfile changes); where npm is absent the check is
# skipped, and says so.
set -eu
cd "$(dirname "$0")/../.."
dir=build/openapi-lint
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
	echo "openapi lint: SKIPPED: node and npm are not installed (apt-get install -y nodejs npm);" \
		"web/openapi.json was not linted"
	exit 0
fi
# Redocly CLI 2 runs on Node.js 20.19 or later.
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number);
	process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
	echo "openapi lint: Node.js $(node --version) is too old for Redocly's linter (20.19 or later)"
	exit 1
fi
if ! cmp -s tests/openapi/package-lock.json "$dir/package-lock.json" ||
	[ ! -x "$dir/node_modules/.bin/redocly" ]; then
	rm -rf "$dir"
	mkdir -p "$dir"
	cp tests/openapi/package.json tests/openapi/package-lock.json "$dir/"
	npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
fi
# The linter's exit status counts errors only: its JSON report counts both.
"$dir/node_modules/.bin/redocly" lint --config tests/openapi/redocly.yaml --format json \
	--max-problems 1000 web/openapi.json >"$dir/report.json" 2>"$dir/stderr.txt" || true
exec python3 - "$dir/report.json" <<'PY'
import json, sys
try:
    report = json.load(open(sys.argv[1]))
except ValueError:
    sys.exit("openapi lint: the linter wrote no report; see build/openapi-lint/stderr.txt")
problems = report.get("problems", [])
for p in problems:
    where = p["location"][0].get("pointer", "") if p.get("location") else ""
    print(f"  {p['severity']} {p['ruleId']}: {p['message']} ({where})")
errors = sum(p["severity"] == "error" for p in problems)
print(f"openapi lint (Redocly, recommended rules): {errors} errors, {len(problems) - errors} warnings")
sys.exit(1 if problems else 0)
PY
