// Command line of the node agent. Defaults fit `npm run cluster:up`; every path comes from
// local-cluster/paths.ts so the agent, the CLI and the tests agree.
import { parseArgs } from 'node:util';

import { z } from 'zod';

import { clusterPaths, ENDPOINTS } from '../paths';
import { parseDurationMs } from './quantity';

const duration = z.string().transform((s, ctx) => {
  const ms = parseDurationMs(/^\d+(\.\d+)?$/.test(s) ? `${s}s` : s);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `not a duration: ${s}` });
    return z.NEVER;
  }
  return ms;
});

const Schema = z.object({
  nodes: z.coerce.number().int().min(1).max(100),
  nodePrefix: z.string().min(1),
  maxGraceMs: duration,
  heartbeatMs: duration,
  concurrency: z.coerce.number().int().min(1).max(200),
  kubeconfig: z.string().min(1),
  context: z.string().min(1),
  metricsPort: z.coerce.number().int().min(1).max(65535),
  apiPort: z.coerce.number().int().min(1).max(65535),
  kubeletPort: z.coerce.number().int().min(1).max(65535),
  cpu: z.string(),
  memory: z.string(),
  maxPods: z.string().regex(/^\d+$/),
  register: z.boolean(),
});

export type AgentConfig = z.infer<typeof Schema> & { paths: ReturnType<typeof clusterPaths> };

export const USAGE = `usage: tsx local-cluster/node-agent/main.ts [options]
  --nodes N            simulated nodes wh-node-1..N (default 3)
  --max-grace D        cap on a deleted pod's grace period (default 2s)
  --heartbeat D        node status heartbeat (default 10s)
  --concurrency N      API requests in flight for pod work (default 20)
  --kubeconfig FILE    (default $WHEELHOUSE_HOME/cluster/kubeconfig)   --context NAME (default admin)
  --metrics-port N     Prometheus /metrics, plain HTTP (default 10255)
  --api-port N         metrics.k8s.io over TLS (default 10443)
  --kubelet-port N     container logs over TLS (default 10250, what every Node reports; a second agent needs another)
  --cpu Q --memory Q --max-pods N   per-node capacity (default 64, 256Gi, 4000: room for 10k pods on 3 nodes)
  --no-register        do not create the APIService/Service (e.g. a second agent for tests)`;

export function parseConfig(argv: string[], home?: string): AgentConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      nodes: { type: 'string', default: '3' },
      'node-prefix': { type: 'string', default: 'wh-node-' },
      'max-grace': { type: 'string', default: '2s' },
      heartbeat: { type: 'string', default: '10s' },
      concurrency: { type: 'string', default: '20' },
      kubeconfig: { type: 'string' },
      context: { type: 'string', default: 'admin' },
      'metrics-port': { type: 'string', default: String(ENDPOINTS.nodeAgentMetricsPort) },
      'api-port': { type: 'string', default: String(ENDPOINTS.nodeAgentMetricsApiPort) },
      'kubelet-port': { type: 'string', default: '10250' },
      cpu: { type: 'string', default: '64' },
      memory: { type: 'string', default: '256Gi' },
      'max-pods': { type: 'string', default: '4000' },
      'no-register': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const paths = clusterPaths(home);
  const parsed = Schema.parse({
    nodes: values.nodes,
    nodePrefix: values['node-prefix'],
    maxGraceMs: values['max-grace'],
    heartbeatMs: values.heartbeat,
    concurrency: values.concurrency,
    kubeconfig: values.kubeconfig ?? paths.kubeconfig,
    context: values.context,
    metricsPort: values['metrics-port'],
    apiPort: values['api-port'],
    kubeletPort: values['kubelet-port'],
    cpu: values.cpu,
    memory: values.memory,
    maxPods: values['max-pods'],
    register: !values['no-register'],
  });
  return { ...parsed, paths };
}
