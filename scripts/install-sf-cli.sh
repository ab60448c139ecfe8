#!/usr/bin/env bash
# postinstall: installs the pinned Salesforce CLI + Node 22 into tools/sf-cli from its own lockfile.
# Skips the install when the lockfile has not changed since the last one (a stamp records its hash).
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../tools/sf-cli" && pwd)"
stamp="$dir/node_modules/.lock-hash"
hash="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ] && [ -x "$dir/node_modules/.bin/node" ]; then
  exit 0
fi
echo "Installing the pinned Salesforce CLI into tools/sf-cli ..."
npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
echo "$hash" > "$stamp"
