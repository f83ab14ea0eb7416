// `cluster:up`, `cluster:down`, `cluster:status`: bring the local control plane up idempotently.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { clusterPaths, ENDPOINTS } from '../paths';
import { applyObjects, bootstrapObjects } from './bootstrap';
import {
  apiserverSpec,
  controllerManagerSpec,
  etcdSpec,
  nodeAgentSpec,
  prometheusConfig,
  prometheusSpec,
  schedulerSpec,
} from './components';
import { get, waitUntil } from './http';
import { writeKubeconfig } from './kubeconfig';
import { ensurePki } from './pki';
import { runningPid, startProcess, stopProcess, tailLog, type ProcessSpec } from './processes';
import { ensureTokens } from './tokens';

const REPO_ROOT = resolve(__dirname, '..', '..');
/** Start order; `down` stops in reverse. */
export const COMPONENTS = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'node-agent',
  'prometheus',
] as const;

type Log = (msg: string) => void;

function buildBinaries(log: Log): void {
  const p = clusterPaths();
  const have = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].every((b) => existsSync(join(p.bin, b)));
  if (have) return;
  log("building Kubernetes v1.20.2 from Debian's source package (once; cached in " + p.bin + ')');
  execFileSync('bash', [join(REPO_ROOT, 'local-cluster/scripts/build-k8s.sh')], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WHEELHOUSE_HOME: p.home },
  });
}

function start(spec: ProcessSpec, log: Log): void {
  const p = clusterPaths();
  const before = runningPid(p, spec.name);
  const pid = startProcess(p, spec);
  log(before ? `${spec.name} already running (pid ${pid})` : `started ${spec.name} (pid ${pid})`);
}

async function waitHealthy(
  name: string,
  url: string,
  opts: { ca?: Buffer; token?: string; selfSigned?: boolean },
  timeoutMs = 60_000,
): Promise<void> {
  const p = clusterPaths();
  await waitUntil(
    name,
    async () => (await get(url, opts)).status === 200,
    timeoutMs,
    () => {
      const alive = runningPid(p, name) ? 'running' : 'NOT running';
      return `${name} is ${alive}; last lines of ${join(p.logs, name + '.log')}:\n${tailLog(p, name)}`;
    },
  );
}

export async function up(log: Log = console.log): Promise<void> {
  const started = Date.now();
  const p = clusterPaths();
  buildBinaries(log);
  for (const d of [p.dir, p.logs, p.pids, p.etcdData, p.prometheusData]) mkdirSync(d, { recursive: true });
  ensurePki(p.pki);
  const tokens = ensureTokens(p.tokens);
  const token = (id: string) => tokens.get(id) ?? '';
  const humans = ['admin', 'alice', 'bob', 'dashboard'].map((id) => ({ context: id, token: token(id) }));
  writeKubeconfig(p.kubeconfig, p.caCert, humans, 'admin');
  const cmKubeconfig = join(p.dir, 'controller-manager.kubeconfig');
  const schedKubeconfig = join(p.dir, 'scheduler.kubeconfig');
  writeKubeconfig(
    cmKubeconfig,
    p.caCert,
    [{ context: 'controller-manager', token: token('controller-manager') }],
    'controller-manager',
  );
  writeKubeconfig(schedKubeconfig, p.caCert, [{ context: 'scheduler', token: token('scheduler') }], 'scheduler');
  writeFileSync(p.prometheusConfig, prometheusConfig(p));

  const ca = readFileSync(p.caCert);
  start(etcdSpec(p), log);
  await waitHealthy('etcd', `${ENDPOINTS.etcdClient}/health`, {});
  start(apiserverSpec(p), log);
  await waitHealthy('kube-apiserver', `${ENDPOINTS.apiServer}/readyz`, { ca, token: token('admin') }, 90_000);

  const kc = new KubeConfig();
  kc.loadFromFile(p.kubeconfig);
  kc.setCurrentContext('admin');
  await applyObjects(kc, bootstrapObjects());
  log('applied RBAC and team namespaces');

  start(controllerManagerSpec(p, cmKubeconfig), log);
  start(schedulerSpec(p, schedKubeconfig), log);
  start(nodeAgentSpec(p, REPO_ROOT), log);
  start(prometheusSpec(p), log);
  await waitHealthy('kube-controller-manager', 'https://127.0.0.1:10257/healthz', { selfSigned: true });
  await waitHealthy('kube-scheduler', 'https://127.0.0.1:10259/healthz', { selfSigned: true });
  await waitHealthy('prometheus', `${ENDPOINTS.prometheus}/-/ready`, {});
  await waitHealthy('node-agent', `${ENDPOINTS.nodeAgentMetrics}/metrics`, {}, 60_000);
  log(`cluster is up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  printSummary(log);
}

export function printSummary(log: Log = console.log): void {
  const p = clusterPaths();
  log(`  kube-apiserver  ${ENDPOINTS.apiServer}`);
  log(`  prometheus      ${ENDPOINTS.prometheus}`);
  log(`  kubeconfig      ${p.kubeconfig}  (contexts: admin [current], alice, bob, dashboard)`);
  log(`  state           ${p.dir}  (set WHEELHOUSE_HOME to move it)`);
  log(`  try: kubectl --kubeconfig ${p.kubeconfig} get nodes`);
}

/**
 * Stops only the kube-apiserver and starts it again with the same flags (etcd and everything else
 * keep running), for tests of watch resume. `downMs` keeps it down a while; resolves once /readyz
 * answers. Every client of the cluster sees the outage: use sparingly. The pid file goes before the
 * old process has exited (up to 10 s of graceful shutdown): an `up()` elsewhere meanwhile (an integration
 * test's setup) starts its own kube-apiserver, and this one then finds it "already running".
 */
export async function restartApiServer(
  opts: {
    downMs?: number;
    log?: Log;
    /** Called once the old process has exited. */
    onStopped?: () => void;
    /** Called once the new process has been spawned (it answers requests before /readyz is 200). */
    onStarted?: () => void;
  } = {},
): Promise<void> {
  const log = opts.log ?? (() => undefined);
  const p = clusterPaths();
  if (await stopProcess(p, 'kube-apiserver')) log('stopped kube-apiserver');
  opts.onStopped?.();
  if (opts.downMs) await new Promise((r) => setTimeout(r, opts.downMs));
  start(apiserverSpec(p), log);
  opts.onStarted?.();
  const ca = readFileSync(p.caCert);
  const token = ensureTokens(p.tokens).get('admin') ?? '';
  await waitHealthy('kube-apiserver', `${ENDPOINTS.apiServer}/readyz`, { ca, token }, 90_000);
}

export async function down(log: Log = console.log): Promise<void> {
  const p = clusterPaths();
  for (const name of [...COMPONENTS].reverse()) {
    if (await stopProcess(p, name)) log(`stopped ${name}`);
  }
  // Prometheus data is throwaway; the cluster's etcd data stays so that `up` resumes where it was.
  rmSync(p.prometheusData, { recursive: true, force: true });
}

export async function status(log: Log = console.log): Promise<boolean> {
  const p = clusterPaths();
  let allUp = true;
  for (const name of COMPONENTS) {
    const pid = runningPid(p, name);
    if (!pid) allUp = false;
    log(`${name.padEnd(24)} ${pid ? `running (pid ${pid})` : 'stopped'}`);
  }
  if (allUp) printSummary(log);
  return allUp;
}

/** Wipes all cluster state (etcd data, PKI, tokens); the built binaries stay. */
export async function reset(log: Log = console.log): Promise<void> {
  await down(log);
  rmSync(clusterPaths().dir, { recursive: true, force: true });
  log('removed cluster state');
}
