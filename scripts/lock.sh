#!/usr/bin/env bash
# Re-pin requirements.lock and requirements-dev.lock from pyproject.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
py=${PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
section() {
  "$py" - "$1" <<'PY'
import sys, tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
deps = project["dependencies"] if sys.argv[1] == "runtime" else project["optional-dependencies"]["dev"]
print("\n".join(deps))
PY
}
section runtime > "$tmp/runtime.in"
section dev > "$tmp/dev.in"
"$py" -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet -r "$tmp/runtime.in"
"$tmp/venv/bin/pip" freeze | sort > "$tmp/runtime.txt"
"$tmp/venv/bin/pip" install --quiet -r "$tmp/dev.in"
"$tmp/venv/bin/pip" freeze | sort > "$tmp/all.txt"
{ echo "# Runtime dependencies, pinned. Regenerate with \`make lock\` after changing pyproject.toml."
  cat "$tmp/runtime.txt"; } > requirements.lock
{ echo "# Test and lint dependencies, pinned. Regenerate with \`make lock\`."
  echo "-r requirements.lock"
  comm -13 "$tmp/runtime.txt" "$tmp/all.txt"; } > requirements-dev.lock
echo "Wrote requirements.lock and requirements-dev.lock"
