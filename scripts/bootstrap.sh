#!/usr/bin/env bash
# Makes a fresh clone runnable: Debian packages (as root), npm dependencies, the Kubernetes binaries.
# Idempotent and quick when everything is already there. Sourced by demo.sh and test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

bash local-cluster/scripts/install-deps.sh

# npm ci when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "wheelhouse: npm ci"
  # npm 11.19 writes lock files without entries for other platforms' optional packages (tailwind's
  # oxide, next's swc) and then refuses them in `npm ci`; `npm install` still installs the locked
  # versions, so fall back to it rather than fail.
  npm ci --no-audit --no-fund || npm install --no-audit --no-fund
fi

bash local-cluster/scripts/build-k8s.sh >/dev/null
