// Where the local cluster keeps its state. One place, so cluster:up, the node agent, the seed,
// the tests and the demo agree. Override the root with $WHEELHOUSE_HOME.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const K8S_VERSION = 'v1.20.2';

export function wheelhouseHome(): string {
  return process.env.WHEELHOUSE_HOME ?? join(homedir(), '.cache', 'wheelhouse');
}

export function clusterPaths(home = wheelhouseHome()) {
  const dir = join(home, 'cluster');
  const pki = join(dir, 'pki');
  return {
    home,
    dir,
    bin: join(home, `k8s-${K8S_VERSION}`),
    pki,
    kubeconfig: join(dir, 'kubeconfig'),
    tokens: join(dir, 'tokens.csv'),
    etcdData: join(dir, 'etcd-data'),
    prometheusData: join(dir, 'prometheus-data'),
    prometheusConfig: join(dir, 'prometheus.yml'),
    /** Wheelhouse servers for Prometheus to scrape (file service discovery) and the bearer token it sends. */
    wheelhouseScrapeDir: join(dir, 'wheelhouse-scrape'),
    logs: join(dir, 'logs'),
    pids: join(dir, 'pids'),
    caCert: join(pki, 'ca.crt'),
    caKey: join(pki, 'ca.key'),
    frontProxyCaCert: join(pki, 'front-proxy-ca.crt'),
    nodeAgentCert: join(pki, 'node-agent.crt'),
    nodeAgentKey: join(pki, 'node-agent.key'),
  };
}

export const ENDPOINTS = {
  apiServer: 'https://127.0.0.1:6443',
  etcdClient: 'http://127.0.0.1:2379',
  etcdPeer: 'http://127.0.0.1:2380',
  prometheus: 'http://127.0.0.1:9090',
  /** The node agent's Prometheus metrics (plain HTTP, /metrics). */
  nodeAgentMetrics: 'http://127.0.0.1:10255',
  /** The node agent's metrics.k8s.io aggregated API (HTTPS, served behind the apiserver). */
  nodeAgentMetricsApiPort: 10443,
  nodeAgentMetricsPort: 10255,
} as const;

/** The kubeconfig contexts cluster:up writes. The current context is `admin`. */
export const CONTEXTS = ['admin', 'alice', 'bob', 'dashboard'] as const;
export type ContextName = (typeof CONTEXTS)[number];
