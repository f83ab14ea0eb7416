// Telemetry stays off unless someone opts in explicitly. Next reads this variable after loading the
// config (build and start), so setting it here covers every entry point, not only our npm scripts.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Lets several builds coexist in one checkout (parallel e2e runs, the benchmark); default `.next`.
  distDir: process.env.WHEELHOUSE_DIST_DIR || '.next',
  // The production artefact: `<distDir>/standalone/server.js` with only the traced runtime files
  // (no dev dependencies), run as `node server.js` by the image, the e2e runner and `npm run demo`
  // (e2e/support/standalone-server.ts, docs/adr/0010-production-build-and-install.md).
  output: 'standalone',
  // The image runs with a read-only root filesystem; the image optimizer would write its cache to
  // `<distDir>/cache/images` at runtime. The app serves only small static icons, so it needs none.
  images: { unoptimized: true },
  // Not in the standalone output: sharp (the image optimizer's, unused with unoptimized images; 46 MB
  // of libvips for two libcs) and test reports, which the tracer adds for paths it cannot resolve
  // statically (`join(home, 'data')` matched their data folders). Next matches these globs anywhere in
  // a path, so checkout folders such as `server/` cannot be named here without dropping `.next/server`;
  // e2e/support/standalone-server.ts prepareStandalone() removes the sources the tracer copies.
  outputFileTracingExcludes: {
    '*': ['node_modules/sharp/**', 'node_modules/@img/**', 'playwright-report*/**', 'test-results*/**'],
  },
  // `npm test` type-checks the whole tree in its own step (tsc --noEmit); WHEELHOUSE_SKIP_TYPECHECK=1
  // lets a build skip the second pass (parallel work in one checkout, the image's build stage).
  typescript: { ignoreBuildErrors: process.env.WHEELHOUSE_SKIP_TYPECHECK === '1' },
  poweredByHeader: false,
  experimental: {
    // Next.js loads every route's module when it starts, by default. Those ~300 ms of the one main
    // thread came between the server asking for the API's discovery and its first LIST: a cold start
    // at 100,000 pods waited for routes nobody had asked for yet. Each route now loads on its first
    // request instead (tens of ms, once); the lean list API (ADR 0026) needs none. Measured in
    // docs/benchmarks.md (cold first page); ADR 0002, amendment "Boot".
    preloadEntriesOnStart: false,
  },
  // client-node loads kubeconfig files, TLS agents and optional cloud auth plugins at runtime; bundling
  // it breaks those dynamic requires, so Node loads it from node_modules instead.
  // kysely: bundled, each route bundle gets its own copy, while the database handle is one per process
  // (globalThis); `instanceof PostgresAdapter` (server/audit/chain.ts) then fails across copies and
  // PostgreSQL was sent SQLite's `begin immediate`. One copy from node_modules keeps classes identical.
  serverExternalPackages: ['@kubernetes/client-node', 'pino', 'prom-client', 'kysely'],
};

export default nextConfig;
