# Wheelhouse production image (docs/operations.md, ADR 0010). Three stages:
#   deps    — npm ci from the lock file with the pinned npm (10.9.4), build tools for better-sqlite3;
#   build   — next build with output 'standalone', then public/ and static files beside server.js;
#   runtime — only the standalone output (traced runtime files, no dev dependencies), uid 10001,
#             a read-only root filesystem apart from /data, `node server.js` as PID 1.
# The runtime base must match the deps stage's libc and Node major: better-sqlite3 is compiled there.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /src
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# npm 11.19 refuses this lock file (it lacks other platforms' optional packages): npm 10.9.4, pinned.
RUN npx --yes npm@10.9.4 ci --no-audit --no-fund --loglevel=error

FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1 WHEELHOUSE_DIST_DIR=.next
RUN npx next build \
 && npx tsx e2e/support/standalone-server.ts --prepare-only --dist-dir .next \
 && node -e "require('./.next/standalone/node_modules/better-sqlite3')(':memory:').close()"

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    NEXT_MANUAL_SIG_HANDLE=true \
    NEXT_TELEMETRY_DISABLED=1 \
    WHEELHOUSE_DATA_DIR=/data \
    HOME=/data
WORKDIR /app
# Owned by root and not writable by the server's uid: the app tree stays read-only even without
# readOnlyRootFilesystem.
COPY --from=build --chown=0:0 /src/.next/standalone/ /app/
RUN mkdir -p /data && chown 10001:10001 /data && chmod 0700 /data
USER 10001:10001
VOLUME ["/data"]
EXPOSE 3000
# Exec form: node is PID 1 and receives SIGTERM itself; with NEXT_MANUAL_SIG_HANDLE=true
# instrumentation.ts drains (readiness off, in-flight requests and audit writes finish, streams close)
# and exits. Node starts no child processes, so no init is needed to reap zombies.
ENTRYPOINT ["node", "server.js"]
