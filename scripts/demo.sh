#!/usr/bin/env bash
# `npm run demo`: the local cluster, the demo seed, and the dashboard on it.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
PORT="${PORT:-3000}"

bash scripts/bootstrap.sh
npx tsx local-cluster/cli.ts up
npx tsx local-cluster/cli.ts seed
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib server -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]; then
  npx next build
fi
cat <<MSG

  Wheelhouse is starting on http://127.0.0.1:${PORT}
  Cluster: local (kube-apiserver https://127.0.0.1:6443, Prometheus http://127.0.0.1:9090)
  Stop the dashboard with Ctrl-C; stop the cluster with: npm run cluster:down

MSG
exec npx next start -H 127.0.0.1 -p "$PORT"
