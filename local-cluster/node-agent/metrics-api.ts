// The metrics.k8s.io/v1beta1 API as metrics-server serves it behind the aggregator
// (https://github.com/kubernetes-sigs/metrics-server/tree/master/pkg/api): discovery, NodeMetrics
// and PodMetrics with `labelSelector`. Pure routing over a data provider; the HTTPS server,
// client certificates and authorization live in metrics-api-server.ts.
import { matches, parseSelector, type Selector } from '../../lib/k8s/label-selector';
import { isoSeconds } from './pod-status';
import { formatCpuNanos, formatMemoryKi } from './quantity';
import type { StatusBody } from './types';

export const GROUP = 'metrics.k8s.io';
export const VERSION = 'v1beta1';
const GV = `${GROUP}/${VERSION}`;
const PREFIX = `/apis/${GV}`;
export const WINDOW = '10s';

export interface UsageRow {
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  creationTimestamp: string;
  cpuMillis: number;
  memoryBytes: number;
}

export interface PodUsage extends Omit<UsageRow, 'cpuMillis' | 'memoryBytes'> {
  namespace: string;
  containers: { name: string; cpuMillis: number; memoryBytes: number }[];
}

export interface MetricsProvider {
  pods(namespace: string | undefined): Iterable<PodUsage>;
  nodes(): UsageRow[];
  now(): number;
}

/** What a request asks for, so the server can authorize it before answering. */
export type Target =
  | { kind: 'public' }
  | { kind: 'resource'; resource: 'pods' | 'nodes'; verb: 'get' | 'list'; namespace?: string; name?: string };

export interface ApiResponse {
  status: number;
  body: unknown;
}

export function statusBody(code: number, reason: string, message: string): StatusBody {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

const NOT_FOUND: ApiResponse = {
  status: 404,
  body: statusBody(404, 'NotFound', 'the server could not find the requested resource'),
};

const RESOURCE_LIST = {
  kind: 'APIResourceList',
  apiVersion: 'v1',
  groupVersion: GV,
  resources: [
    { name: 'nodes', singularName: '', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] },
    { name: 'pods', singularName: '', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] },
  ],
};

const API_GROUP = {
  kind: 'APIGroup',
  apiVersion: 'v1',
  name: GROUP,
  versions: [{ groupVersion: GV, version: VERSION }],
  preferredVersion: { groupVersion: GV, version: VERSION },
};

/** Maps a path to what it reads; undefined for unknown paths. */
export function route(path: string): Target | undefined {
  if (['/healthz', '/livez', '/readyz', '/apis', `/apis/${GROUP}`, PREFIX].includes(path)) return { kind: 'public' };
  if (!path.startsWith(PREFIX + '/')) return undefined;
  const parts = path
    .slice(PREFIX.length + 1)
    .split('/')
    .map(decodeURIComponent);
  const [a, b, c, d, ...rest] = parts;
  if (rest.length) return undefined;
  if (a === 'nodes' && c === undefined)
    return { kind: 'resource', resource: 'nodes', verb: b ? 'get' : 'list', name: b };
  if (a === 'pods' && b === undefined) return { kind: 'resource', resource: 'pods', verb: 'list' };
  if (a === 'namespaces' && b && c === 'pods')
    return { kind: 'resource', resource: 'pods', verb: d ? 'get' : 'list', namespace: b, name: d };
  return undefined;
}

function podMetrics(p: PodUsage, timestamp: string) {
  return {
    metadata: {
      name: p.name,
      namespace: p.namespace,
      selfLink: `${PREFIX}/namespaces/${p.namespace}/pods/${p.name}`,
      creationTimestamp: p.creationTimestamp,
      labels: p.labels,
    },
    timestamp,
    window: WINDOW,
    containers: p.containers.map((c) => ({
      name: c.name,
      usage: { cpu: formatCpuNanos(c.cpuMillis), memory: formatMemoryKi(c.memoryBytes) },
    })),
  };
}

function nodeMetrics(n: UsageRow, timestamp: string) {
  return {
    metadata: {
      name: n.name,
      selfLink: `${PREFIX}/nodes/${n.name}`,
      creationTimestamp: n.creationTimestamp,
      labels: n.labels,
    },
    timestamp,
    window: WINDOW,
    usage: { cpu: formatCpuNanos(n.cpuMillis), memory: formatMemoryKi(n.memoryBytes) },
  };
}

function list(kind: string, selfLink: string, items: unknown[]) {
  return { kind, apiVersion: GV, metadata: { selfLink }, items };
}

export function handle(path: string, query: URLSearchParams, provider: MetricsProvider): ApiResponse {
  const target = route(path);
  if (!target) return NOT_FOUND;
  if (target.kind === 'public') {
    if (path === PREFIX) return { status: 200, body: RESOURCE_LIST };
    if (path === `/apis/${GROUP}`) return { status: 200, body: API_GROUP };
    if (path === '/apis') return { status: 200, body: { kind: 'APIGroupList', apiVersion: 'v1', groups: [API_GROUP] } };
    return { status: 200, body: 'ok' };
  }
  let selector: Selector;
  try {
    selector = parseSelector(query.get('labelSelector'));
  } catch (err) {
    return { status: 400, body: statusBody(400, 'BadRequest', (err as Error).message) };
  }
  // metrics-server's timestamp is the end of the window the usage was measured over.
  const timestamp = isoSeconds(provider.now());
  if (target.resource === 'nodes') {
    const nodes = provider.nodes().filter((n) => matches(selector, n.labels));
    if (!target.name)
      return {
        status: 200,
        body: list(
          'NodeMetricsList',
          `${PREFIX}/nodes`,
          nodes.map((n) => nodeMetrics(n, timestamp)),
        ),
      };
    const node = nodes.find((n) => n.name === target.name);
    if (!node)
      return {
        status: 404,
        body: statusBody(404, 'NotFound', `nodemetrics.metrics.k8s.io "${target.name}" not found`),
      };
    return { status: 200, body: nodeMetrics(node, timestamp) };
  }
  const pods: PodUsage[] = [];
  for (const p of provider.pods(target.namespace)) {
    if (target.name ? p.name === target.name : matches(selector, p.labels)) pods.push(p);
  }
  if (!target.name) {
    const selfLink = target.namespace ? `${PREFIX}/namespaces/${target.namespace}/pods` : `${PREFIX}/pods`;
    return {
      status: 200,
      body: list(
        'PodMetricsList',
        selfLink,
        pods.map((p) => podMetrics(p, timestamp)),
      ),
    };
  }
  const pod = pods[0];
  if (!pod)
    return {
      status: 404,
      body: statusBody(404, 'NotFound', `podmetrics.metrics.k8s.io "${target.namespace}/${target.name}" not found`),
    };
  return { status: 200, body: podMetrics(pod, timestamp) };
}
