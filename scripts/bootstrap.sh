#!/usr/bin/env bash
# Makes a fresh clone runnable: Debian packages (as root), npm dependencies, the Kubernetes binaries.
# Idempotent and quick when everything is already there. Sourced by demo.sh and test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

bash local-cluster/scripts/install-deps.sh

# npm ci when node_modules is missing or older than the lock file.
# The npm version is pinned (package.json "packageManager"): npm 11.19 refuses lock files that lack other
# platforms' optional packages (next's swc, tailwind's oxide), and the registry these machines reach does
# not serve the darwin/win32 builds at all, so no lock file written here can hold them. npm 10.9 installs
# the same lock file exactly. See docs/adr/0010-production-build-and-install.md.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "wheelhouse: npm ci (npm ${WHEELHOUSE_NPM:-10.9.4})"
  npx --yes "npm@${WHEELHOUSE_NPM:-10.9.4}" ci --no-audit --no-fund --loglevel=error
fi

bash local-cluster/scripts/build-k8s.sh >/dev/null
