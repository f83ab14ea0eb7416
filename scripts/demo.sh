#!/usr/bin/env bash
# `npm run demo`: the local cluster, the demo seed, and the dashboard on it.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
PORT="${PORT:-3000}"

bash scripts/bootstrap.sh
npx tsx local-cluster/cli.ts up
npx tsx local-cluster/cli.ts seed
# Sign-in: local users alice and bob with generated passwords, and a generated NEXTAUTH_SECRET, kept
# (0600) under ~/.cache/wheelhouse/demo-auth so they survive restarts.
eval "$(node scripts/demo-auth.mjs)"
export NEXTAUTH_URL="${NEXTAUTH_URL:-http://127.0.0.1:${PORT}}"
# The local cluster's Prometheus (cluster:up starts it); charts say "unavailable" when it is not there.
export WHEELHOUSE_PROMETHEUS_URL="${WHEELHOUSE_PROMETHEUS_URL:-http://127.0.0.1:9090}"
# The production build (output: 'standalone'), rebuilt when the sources are newer than it.
if [ ! -f .next/standalone/server.js ] || \
   [ -n "$(find app components lib server public next.config.mjs -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]; then
  npx next build
fi
cat <<MSG

  Wheelhouse is starting on ${NEXTAUTH_URL}
  Sign in as   alice / ${DEMO_ALICE_PASSWORD}   (wheelhouse:operators: view, scale, roll back)
          or   bob   / ${DEMO_BOB_PASSWORD}   (wheelhouse:developers: view shop-frontend, shop-backend)
  (passwords and secret: ${DEMO_AUTH_DIR}, readable only by you)
  Cluster: local (kube-apiserver https://127.0.0.1:6443, Prometheus http://127.0.0.1:9090)
  Stop the dashboard with Ctrl-C; stop the cluster with: npm run cluster:down

MSG
# The standalone server, started the way the image starts it (`node server.js`; docs/operations.md),
# as you, with the audit database under ~/.cache/wheelhouse/data.
exec npx tsx e2e/support/standalone-server.ts --dist-dir .next --port "$PORT" --current-user \
  --data-dir "${WHEELHOUSE_DATA_DIR:-$HOME/.cache/wheelhouse/data}"
