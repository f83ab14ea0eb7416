// Telemetry stays off unless someone opts in explicitly. Next reads this variable after loading the
// config (build and start), so setting it here covers every entry point, not only our npm scripts.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Lets several builds coexist in one checkout (parallel e2e runs, the benchmark); default `.next`.
  distDir: process.env.WHEELHOUSE_DIST_DIR || '.next',
  poweredByHeader: false,
  // client-node loads kubeconfig files, TLS agents and optional cloud auth plugins at runtime; bundling
  // it breaks those dynamic requires, so Node loads it from node_modules instead.
  serverExternalPackages: ['@kubernetes/client-node', 'pino', 'prom-client'],
};

export default nextConfig;
