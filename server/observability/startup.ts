import 'server-only';

import { closeAuditDatabase } from '@/server/audit/database';
import { serverEnv } from '@/server/env';
import { destroyAgents } from '@/server/k8s/agents';
import { configuredClusterNames } from '@/server/k8s/cluster';
import { existingCache } from '@/server/k8s/registry';
import { warmClusters } from '@/server/k8s/warmup';
import { instrumentHttp } from '@/server/observability/http';
import { logger } from '@/server/observability/log';
import { installSignalHandlers, onShutdown } from '@/server/observability/shutdown';

// Called once from instrumentation.ts when the server starts (ADR 0014).

const log = logger('startup');

export function startOperations(): void {
  const { operations } = serverEnv();
  instrumentHttp();
  warmClusters();
  // Order matters: caches stop before the pooled connections they use are closed.
  onShutdown('caches', async () => {
    await Promise.all(configuredClusterNames().map((name) => existingCache(name)?.stop()));
  });
  onShutdown('audit-database', closeAuditDatabase);
  onShutdown('api-connections', destroyAgents);
  if (operations.gracefulShutdown) {
    installSignalHandlers(operations.drainMs, operations.shutdownTimeoutMs);
  } else if (serverEnv().auth.production) {
    log.warn(
      'NEXT_MANUAL_SIG_HANDLE is not set: Next.js handles SIGTERM itself (no drain, no wait for writes, exit 143)',
    );
  }
  log.info(
    { metrics: operations.metricsToken ? 'enabled' : 'disabled', gracefulShutdown: operations.gracefulShutdown },
    'operations surface started',
  );
}
