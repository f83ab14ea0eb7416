// The command lines of the cluster's processes. Loopback only.
import { join } from 'node:path';
import { ENDPOINTS, type clusterPaths } from '../paths';
import type { ProcessSpec } from './processes';

type Paths = ReturnType<typeof clusterPaths>;

export function etcdSpec(p: Paths): ProcessSpec {
  return {
    name: 'etcd',
    command: 'etcd',
    args: [
      '--name=wheelhouse',
      `--data-dir=${p.etcdData}`,
      `--listen-client-urls=${ENDPOINTS.etcdClient}`,
      `--advertise-client-urls=${ENDPOINTS.etcdClient}`,
      `--listen-peer-urls=${ENDPOINTS.etcdPeer}`,
      `--initial-advertise-peer-urls=${ENDPOINTS.etcdPeer}`,
      `--initial-cluster=wheelhouse=${ENDPOINTS.etcdPeer}`,
      '--quota-backend-bytes=8589934592',
      '--snapshot-count=10000',
      '--log-level=warn',
    ],
  };
}

export function apiserverSpec(p: Paths): ProcessSpec {
  const pki = (f: string) => join(p.pki, f);
  return {
    name: 'kube-apiserver',
    command: join(p.bin, 'kube-apiserver'),
    args: [
      `--etcd-servers=${ENDPOINTS.etcdClient}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      '--secure-port=6443',
      '--insecure-port=0',
      // Endpoints may not hold loopback addresses; nothing in-cluster needs the kubernetes Service.
      '--endpoint-reconciler-type=none',
      `--token-auth-file=${p.tokens}`,
      `--client-ca-file=${pki('ca.crt')}`,
      '--authorization-mode=RBAC',
      `--tls-cert-file=${pki('apiserver.crt')}`,
      `--tls-private-key-file=${pki('apiserver.key')}`,
      `--service-account-key-file=${pki('sa.pub')}`,
      `--service-account-signing-key-file=${pki('sa.key')}`,
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      '--service-cluster-ip-range=10.96.0.0/16',
      '--allow-privileged=true',
      '--enable-admission-plugins=NamespaceLifecycle,LimitRanger,ServiceAccount,TaintNodesByCondition,Priority,DefaultTolerationSeconds,ResourceQuota',
      // Aggregation layer: the node agent serves metrics.k8s.io behind the apiserver.
      `--requestheader-client-ca-file=${pki('front-proxy-ca.crt')}`,
      '--requestheader-allowed-names=front-proxy-client',
      '--requestheader-username-headers=X-Remote-User',
      '--requestheader-group-headers=X-Remote-Group',
      '--requestheader-extra-headers-prefix=X-Remote-Extra-',
      `--proxy-client-cert-file=${pki('front-proxy-client.crt')}`,
      `--proxy-client-key-file=${pki('front-proxy-client.key')}`,
      '--profiling=false',
      '--event-ttl=2h',
      '--v=1',
    ],
  };
}

export function controllerManagerSpec(p: Paths, kubeconfig: string): ProcessSpec {
  const pki = (f: string) => join(p.pki, f);
  return {
    name: 'kube-controller-manager',
    command: join(p.bin, 'kube-controller-manager'),
    args: [
      `--kubeconfig=${kubeconfig}`,
      `--authentication-kubeconfig=${kubeconfig}`,
      `--authorization-kubeconfig=${kubeconfig}`,
      // No node IPAM and no node lifecycle: the simulated nodes have no pod CIDRs and no real kubelet.
      '--controllers=*,-nodeipam,-nodelifecycle',
      '--leader-elect=false',
      `--service-account-private-key-file=${pki('sa.key')}`,
      `--root-ca-file=${pki('ca.crt')}`,
      '--use-service-account-credentials=true',
      `--cluster-signing-cert-file=${pki('ca.crt')}`,
      `--cluster-signing-key-file=${pki('ca.key')}`,
      // The default client QPS (20) caps pod creation at ~20/s: the 10k-pod benchmark needs more.
      '--kube-api-qps=100',
      '--kube-api-burst=200',
      '--bind-address=127.0.0.1',
      '--port=0',
      '--secure-port=10257',
      '--v=1',
    ],
  };
}

export function schedulerSpec(p: Paths, kubeconfig: string): ProcessSpec {
  return {
    name: 'kube-scheduler',
    command: join(p.bin, 'kube-scheduler'),
    args: [
      `--kubeconfig=${kubeconfig}`,
      `--authentication-kubeconfig=${kubeconfig}`,
      `--authorization-kubeconfig=${kubeconfig}`,
      '--leader-elect=false',
      // Binds pods as fast as the controller-manager creates them (default client QPS 50).
      '--kube-api-qps=100',
      '--kube-api-burst=200',
      '--bind-address=127.0.0.1',
      '--port=0',
      '--secure-port=10259',
      '--v=1',
    ],
  };
}

export function nodeAgentSpec(p: Paths, repoRoot: string): ProcessSpec {
  return {
    name: 'node-agent',
    command: process.execPath,
    args: [
      '--import',
      'tsx',
      join(repoRoot, 'local-cluster/node-agent/main.ts'),
      '--nodes',
      process.env.WHEELHOUSE_NODES ?? '3',
    ],
    cwd: repoRoot,
    env: { ...process.env, WHEELHOUSE_HOME: p.home },
  };
}

export function prometheusConfig(p: Paths): string {
  return [
    'global:',
    '  scrape_interval: 5s',
    '  evaluation_interval: 5s',
    'scrape_configs:',
    '  - job_name: wheelhouse-node-agent',
    '    static_configs:',
    `      - targets: ['127.0.0.1:${ENDPOINTS.nodeAgentMetricsPort}']`,
    // Wheelhouse servers' own /api/metrics (docs/operations-metrics-and-logs.md): whoever runs one
    // writes a target file there (local-cluster/prometheus-scrape.ts); the token is the server's
    // WHEELHOUSE_METRICS_TOKEN. File discovery notices new files without a reload.
    '  - job_name: wheelhouse',
    '    metrics_path: /api/metrics',
    '    authorization:',
    '      type: Bearer',
    `      credentials_file: ${join(p.wheelhouseScrapeDir, 'token')}`,
    '    file_sd_configs:',
    `      - files: ['${join(p.wheelhouseScrapeDir, 'targets-*.json')}']`,
    '',
  ].join('\n');
}

export function prometheusSpec(p: Paths): ProcessSpec {
  return {
    name: 'prometheus',
    command: 'prometheus',
    args: [
      `--config.file=${p.prometheusConfig}`,
      `--storage.tsdb.path=${p.prometheusData}`,
      '--storage.tsdb.retention.time=8d',
      `--web.listen-address=127.0.0.1:9090`,
      '--web.enable-lifecycle',
      '--log.level=warn',
    ],
  };
}
