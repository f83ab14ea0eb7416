// Throwaway nodes for tests that must not touch the cluster's real nodes (node drain, issue 15): a
// second node agent (`--no-register`, its own ports) simulates `<prefix>1..N`. Each Node is created
// first with a NoSchedule taint, so only pods that tolerate it land there (the test's own), and the
// ones listed in `cordoned` start unschedulable. `stop()` ends the agent (by its pid) and deletes
// the Nodes; pods bound to them go with their namespace.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import { clients, waitFor } from './kube';

export const THROWAWAY_TAINT = 'wheelhouse.dev/throwaway-node';

export interface ExtraNodes {
  names: string[];
  /** The toleration pods need to run on them. */
  toleration: { key: string; operator: 'Equal'; value: string; effect: 'NoSchedule' };
  stop(): Promise<void>;
}

const REPO = join(__dirname, '..', '..');

export async function startExtraNodes(opts: {
  prefix: string;
  count: number;
  cordoned?: number[];
  /** Three free ports for the agent's metrics, metrics API and kubelet (logs) listeners. */
  ports: [number, number, number];
}): Promise<ExtraNodes> {
  const admin = clients('admin');
  const names = Array.from({ length: opts.count }, (_, i) => `${opts.prefix}${i + 1}`);
  const value = opts.prefix.replace(/[^A-Za-z0-9]+$/, '');
  const taint = { key: THROWAWAY_TAINT, value, effect: 'NoSchedule' as const };
  for (const [i, name] of names.entries()) {
    await admin.core.createNode({
      body: {
        metadata: { name, labels: { [THROWAWAY_TAINT]: value } },
        spec: { taints: [taint], unschedulable: opts.cordoned?.includes(i + 1) || undefined },
      },
    });
  }
  let child: ChildProcess | undefined = spawn(
    join(REPO, 'node_modules', '.bin', 'tsx'),
    [
      'local-cluster/node-agent/main.ts',
      `--nodes=${opts.count}`,
      `--node-prefix=${opts.prefix}`,
      '--no-register',
      `--metrics-port=${opts.ports[0]}`,
      `--api-port=${opts.ports[1]}`,
      `--kubelet-port=${opts.ports[2]}`,
      '--heartbeat=5s',
      '--concurrency=5',
    ],
    { cwd: REPO, stdio: 'ignore' },
  );
  // Never outlive the test process, even when it ends without calling stop().
  const killOnExit = () => child?.kill('SIGTERM');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child?.pid) child.kill('SIGTERM');
    child = undefined;
    for (const name of names) await admin.core.deleteNode({ name }).catch(() => undefined);
  };
  try {
    await waitFor(
      async () => {
        const nodes = await Promise.all(names.map((name) => admin.core.readNode({ name })));
        return nodes.every((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
      },
      60_000,
      `throwaway nodes ${names.join(', ')} Ready`,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    names,
    toleration: { key: THROWAWAY_TAINT, operator: 'Equal', value, effect: 'NoSchedule' },
    stop,
  };
}
