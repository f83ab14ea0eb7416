// The demo seed: everything the dashboard's screens need something true to show (see README.md).
// Idempotent: a second run finds every object as wanted and writes nothing.
import { seedAccess } from './access';
import { seedBatch } from './batch';
import { seedCertificates } from './certificates';
import { seedConfig } from './config';
import { seedCustomResources } from './custom';
import { seedFailing } from './failing';
import { makeKube, type Log } from './kube';
import { seedNamespaces } from './namespaces';
import { seedNetworkPolicies } from './network-policies';
import { seedNetworking } from './networking';
import { seedPolicy } from './policy';
import { seedQuotas } from './quotas';
import { seedStorage } from './storage';
import { anyNodeReady, seedWorkloads } from './workloads';

export interface SeedOptions {
  kubeconfigPath: string;
  log?: Log;
  /**
   * Wait for each rollout to finish before the next revision (default: when a node is Ready).
   * Without it the history is still complete, but an old ReplicaSet may be scaled down mid-rollout.
   */
  waitForRollouts?: boolean;
}

export async function seed(options: SeedOptions): Promise<void> {
  const log = options.log ?? (() => undefined);
  const kube = makeKube(options.kubeconfigPath, log);
  const started = Date.now();
  await seedNamespaces(kube);
  const waitForRollouts = options.waitForRollouts ?? (await anyNodeReady(kube));
  if (!waitForRollouts) log('no Ready node: revisions are recorded without waiting for rollouts');
  // Independent of one another; the workloads take longest (they wait on the controllers).
  await Promise.all([
    seedCertificates(kube),
    seedCustomResources(kube),
    seedNetworking(kube),
    seedNetworkPolicies(kube),
    seedBatch(kube),
    seedConfig(kube),
    seedStorage(kube),
    seedPolicy(kube),
    seedAccess(kube),
    seedFailing(kube),
    seedWorkloads(kube, { waitForRollouts }),
  ]);
  // After the workloads: the quota is near its limit on purpose, and the first seed's rollouts surge.
  await seedQuotas(kube);
  log(`seed done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
