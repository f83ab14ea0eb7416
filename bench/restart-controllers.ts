// Restarts only kube-controller-manager and kube-scheduler of the local cluster with their current
// process specs (local-cluster/control-plane/components.ts), e.g. to pick up --kube-api-qps without a
// `cluster:down`. Uses the pid files, so it stops exactly the processes cluster:up started.
// Controllers pause for a few seconds: pods are not created or scheduled meanwhile.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { controllerManagerSpec, schedulerSpec } from '../local-cluster/control-plane/components';
import { get, waitUntil } from '../local-cluster/control-plane/http';
import { runningPid, startProcess, stopProcess, type ProcessSpec } from '../local-cluster/control-plane/processes';
import { clusterPaths } from '../local-cluster/paths';

const p = clusterPaths();

/** Does the running process already have every argument of its spec? */
export function upToDate(spec: ProcessSpec): boolean {
  const pid = runningPid(p, spec.name);
  if (!pid) return false;
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  return spec.args.every((a) => argv.includes(a));
}

export function controllerSpecs(): { spec: ProcessSpec; healthz: string }[] {
  return [
    {
      spec: controllerManagerSpec(p, join(p.dir, 'controller-manager.kubeconfig')),
      healthz: 'https://127.0.0.1:10257/healthz',
    },
    { spec: schedulerSpec(p, join(p.dir, 'scheduler.kubeconfig')), healthz: 'https://127.0.0.1:10259/healthz' },
  ];
}

async function main(force: boolean): Promise<void> {
  for (const { spec, healthz } of controllerSpecs()) {
    if (!force && upToDate(spec)) {
      console.log(`${spec.name}: already running with its current flags`);
      continue;
    }
    await stopProcess(p, spec.name);
    const pid = startProcess(p, spec);
    await waitUntil(
      spec.name,
      async () => (await get(healthz, { selfSigned: true })).status === 200,
      60_000,
      () => '',
    );
    console.log(`${spec.name}: restarted (pid ${pid})`);
  }
}

if (process.argv[1]?.endsWith('restart-controllers.ts')) {
  main(process.argv.includes('--force')).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
