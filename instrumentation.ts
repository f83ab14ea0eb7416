// Runs once when the server starts (before any request). Sign-in misconfiguration stops it here with
// a clear message instead of surfacing as the first visitor's error — production never runs without
// a strong NEXTAUTH_SECRET and a sign-in method (ADR 0004). Then the operations surface (ADR 0014):
// request metrics and logs, cache warm-up for readiness, graceful shutdown on SIGTERM; in production
// the lean list handler in front of Next.js's routing (ADR 0026).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { checkAuthAtStartup } = await import('@/server/auth/startup');
  checkAuthAtStartup();
  // Cluster configuration (names, duplicates, the clusters file) is checked here too (ADR 0003).
  const { listClusters } = await import('@/server/k8s/clusters');
  listClusters();
  const { startOperations } = await import('@/server/observability/startup');
  startOperations();
  // The hot list API answered in this process before Next.js routing (ADR 0026). Production only:
  // `next dev` recompiles route code, which a handler captured here would not follow.
  const { serverEnv } = await import('@/server/env');
  if (process.env.NODE_ENV === 'production' && serverEnv().leanApi) {
    const { installLeanApi } = await import('@/server/http/lean/install');
    installLeanApi();
  }
}
