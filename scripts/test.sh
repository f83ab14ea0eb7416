#!/usr/bin/env bash
# `npm test`: everything — lint, types, unit, integration against the local cluster, e2e in Chromium.
# Brings the local cluster up if it is not running, and stops it again afterwards if it started it.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
timed() { local s=$SECONDS; "$@"; echo "   ($(( SECONDS - s )) s)"; }

step "setup"; timed bash scripts/bootstrap.sh
step "lint"; timed npm run -s lint
step "format"; timed npm run -s format:check
step "types"; timed npm run -s typecheck
step "unit tests"; timed npx vitest run --project unit

started_cluster=0
if ! npx tsx local-cluster/cli.ts status >/dev/null 2>&1; then
  started_cluster=1
fi
cleanup() {
  if [ "$started_cluster" = 1 ] && [ -z "${WHEELHOUSE_KEEP_CLUSTER:-}" ]; then
    npx tsx local-cluster/cli.ts down || true
  fi
}
trap cleanup EXIT

step "local cluster"; timed npx tsx local-cluster/cli.ts up
step "seed"; timed npx tsx local-cluster/cli.ts seed
# The production build comes first: deploy/in-cluster.int.test.ts runs its standalone server.
step "build"; timed npx next build
step "integration tests"; timed npx vitest run --project integration
step "e2e (Chromium)"; timed npx playwright test
echo; echo "all tests passed"
