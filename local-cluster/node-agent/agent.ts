// Wires the node agent together: API client, node registration and heartbeat, the pod and
// ReplicaSet reflectors, the simulation queue, and both metrics endpoints.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';

import { KubeConfig } from '@kubernetes/client-node';

import { Authorizer, sarReview } from './authorizer';
import type { AgentConfig } from './config';
import { KubeClient } from './kube-client';
import { startKubeletServer, type LogSource } from './kubelet-server';
import type { Logger } from './log';
import type { MetricsProvider, PodUsage, UsageRow } from './metrics-api';
import { renderCadvisor, renderKubeState, type MetricsView, type ReplicaSetRecord } from './metrics-text';
import { NodeManager } from './node-manager';
import { nodeLabels, nodeNames } from './nodes';
import { PodController } from './pod-controller';
import { podKey, type PodRecord } from './pod-record';
import { isoSeconds } from './pod-status';
import { parseBytes, parseCpuMillis } from './quantity';
import { Reflector } from './reflector';
import { registerMetricsApi } from './register';
import { samplePod } from './samples';
import { startMetricsApiServer, startPromServer } from './servers';
import type { RawPod, RawReplicaSet } from './types';

/** What the node's own processes use on top of its pods, for NodeMetrics. */
const NODE_OVERHEAD = { cpuMillis: 250, memoryBytes: 1.5 * 2 ** 30 };
const RESYNC_MS = 5 * 60_000;
/** kubelet's port, as every simulated Node reports in status.daemonEndpoints. */
export const KUBELET_PORT = 10250;

async function retry<T>(what: string, fn: () => Promise<T>, log: Logger): Promise<T> {
  for (let delay = 500; ; delay = Math.min(delay * 2, 15_000)) {
    try {
      return await fn();
    } catch (err) {
      log.warn(`${what} failed, retrying`, { error: String(err), retryMs: delay });
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

export class NodeAgent {
  private readonly names: string[];
  private readonly startedAt = Date.now();
  private readonly replicaSets = new Map<string, ReplicaSetRecord>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly reflectors: Reflector<{ metadata: { resourceVersion?: string } }>[] = [];
  private readonly servers: Server[] = [];
  private client!: KubeClient;
  controller!: PodController;

  constructor(
    private readonly config: AgentConfig,
    private readonly log: Logger,
  ) {
    this.names = nodeNames(config.nodes, config.nodePrefix);
  }

  async start(): Promise<void> {
    const { config, log } = this;
    const kc = new KubeConfig();
    kc.loadFromFile(config.kubeconfig);
    kc.setCurrentContext(config.context);
    this.client = await KubeClient.fromKubeConfig(kc);
    this.controller = new PodController(
      this.client,
      {
        nodes: new Set(this.names),
        hostIP: '127.0.0.1',
        maxGraceMs: config.maxGraceMs,
        concurrency: config.concurrency,
      },
      log,
    );

    // Metrics first: cluster:up waits for /metrics to answer.
    this.servers.push(
      await startPromServer(
        config.metricsPort,
        {
          '/metrics': () => {
            const v = this.view();
            return renderCadvisor(v) + renderKubeState(v);
          },
          '/metrics/cadvisor': () => renderCadvisor(this.view()),
          '/metrics/kube-state': () => renderKubeState(this.view()),
          '/healthz': () => this.stats(),
        },
        log,
      ),
    );
    log.info('serving Prometheus metrics', { url: `http://127.0.0.1:${config.metricsPort}/metrics` });

    const nodes = new NodeManager(
      this.client,
      this.names,
      { cpu: config.cpu, memory: config.memory, pods: config.maxPods },
      log,
    );
    await retry('node registration', () => nodes.registerAll(), log);
    this.timers.push(setInterval(() => void nodes.heartbeat(), config.heartbeatMs));

    const pods = new Reflector<RawPod>(this.client, '/api/v1/pods', {}, this.controller, log);
    const rs = new Reflector<RawReplicaSet>(
      this.client,
      '/apis/apps/v1/replicasets',
      {},
      {
        replace: (items) => {
          this.replicaSets.clear();
          for (const item of items) this.putReplicaSet(item);
        },
        event: (type, item) =>
          type === 'DELETED' ? this.replicaSets.delete(this.rsKey(item)) : this.putReplicaSet(item),
      },
      log,
    );
    this.reflectors.push(pods, rs);
    pods.start();
    rs.start();
    this.timers.push(setInterval(() => this.controller.resync(), RESYNC_MS));
    this.timers.push(setInterval(() => log.info('stats', this.stats()), 60_000));

    await this.startMetricsApi();
    this.servers.push(
      await startKubeletServer(
        config.kubeletPort,
        { cert: readFileSync(config.paths.nodeAgentCert), key: readFileSync(config.paths.nodeAgentKey) },
        this.logSource(),
        log,
      ),
    );
    log.info('serving container logs', { url: `https://127.0.0.1:${config.kubeletPort}/containerLogs/` });
    await pods.synced;
    log.info('node agent ready', { nodes: this.names.join(','), pods: this.controller.pods.size });
  }

  private async startMetricsApi(): Promise<void> {
    const { config, log } = this;
    const p = config.paths;
    const ca = readFileSync(p.caCert);
    this.servers.push(
      ...(await startMetricsApiServer({
        port: config.apiPort,
        cert: readFileSync(p.nodeAgentCert),
        key: readFileSync(p.nodeAgentKey),
        clientCa: readFileSync(p.frontProxyCaCert),
        allowedNames: ['front-proxy-client'],
        provider: this.provider(),
        authorizer: new Authorizer(sarReview(this.client)),
        log,
      })),
    );
    log.info('serving metrics.k8s.io', { url: `https://127.0.0.1:${config.apiPort}/apis/metrics.k8s.io/v1beta1` });
    if (config.register)
      await retry('metrics API registration', () => registerMetricsApi(this.client, ca, config.apiPort, log), log);
  }

  /** Pods this agent runs, for the kubelet log endpoint. */
  private logSource(): LogSource {
    return {
      now: () => Date.now(),
      find: (namespace, name) => {
        const rec = this.controller.pods.get(podKey(namespace, name));
        if (!rec || !this.controller.isOurs(rec)) return undefined;
        const startMs = this.startOf(rec);
        if (startMs === undefined) return undefined;
        return { pod: { namespace, name, uid: rec.uid }, plans: rec.behaviour.containers, startMs };
      },
    };
  }

  private rsKey(rs: RawReplicaSet): string {
    return `${rs.metadata.namespace ?? ''}/${rs.metadata.name}`;
  }

  private putReplicaSet(rs: RawReplicaSet): void {
    const owners = (rs.metadata.ownerReferences ?? []).map((o) => ({
      kind: o.kind,
      name: o.name,
      controller: o.controller === true,
    }));
    this.replicaSets.set(this.rsKey(rs), { namespace: rs.metadata.namespace ?? '', name: rs.metadata.name, owners });
  }

  private startOf = (rec: PodRecord): number | undefined =>
    this.controller.isOurs(rec) ? this.controller.sims.get(rec.uid)?.startMs : undefined;

  private view(): MetricsView {
    // Re-iterable views (not one-shot iterators): /metrics renders both halves from one view.
    const pods = this.controller.pods;
    const replicaSets = this.replicaSets;
    return {
      pods: { [Symbol.iterator]: () => pods.values() },
      startOf: this.startOf,
      replicaSets: { [Symbol.iterator]: () => replicaSets.values() },
      now: Date.now(),
    };
  }

  private *podUsage(namespace: string | undefined, now: number): Generator<PodUsage & { node: string }> {
    for (const rec of this.controller.pods.values()) {
      if (namespace && rec.namespace !== namespace) continue;
      const start = this.startOf(rec);
      if (start === undefined) continue;
      const samples = samplePod(rec, start, now);
      if (!samples.length) continue;
      const containers = samples.map((s) => ({ name: s.name, cpuMillis: s.cpuMillis, memoryBytes: s.memoryBytes }));
      yield {
        name: rec.name,
        namespace: rec.namespace,
        labels: rec.labels,
        creationTimestamp: rec.creationTimestamp,
        containers,
        node: rec.nodeName ?? '',
      };
    }
  }

  private provider(): MetricsProvider {
    return {
      now: () => Date.now(),
      pods: (namespace) => this.podUsage(namespace, Date.now()),
      nodes: () => {
        const rows = new Map<string, UsageRow>(
          this.names.map((name, i) => [
            name,
            { name, labels: nodeLabels(name, i), creationTimestamp: isoSeconds(this.startedAt), ...NODE_OVERHEAD },
          ]),
        );
        for (const pod of this.podUsage(undefined, Date.now())) {
          const row = rows.get(pod.node);
          if (!row) continue;
          for (const c of pod.containers) {
            row.cpuMillis += c.cpuMillis;
            row.memoryBytes += c.memoryBytes;
          }
        }
        return [...rows.values()];
      },
    };
  }

  stats(): Record<string, number> {
    let ours = 0;
    let requestedMillis = 0;
    for (const rec of this.controller.pods.values()) {
      if (!this.controller.isOurs(rec)) continue;
      ours++;
      for (const c of rec.containers) requestedMillis += parseCpuMillis(c.requests.cpu) ?? 0;
    }
    const mem = process.memoryUsage();
    return {
      pods: this.controller.pods.size,
      podsOnOurNodes: ours,
      replicaSets: this.replicaSets.size,
      queueDepth: this.controller.queue.depth,
      inFlight: this.controller.queue.inFlight,
      delayed: this.controller.queue.pendingDelayed,
      ...this.controller.stats,
      requestedCpuCores: Math.round(requestedMillis) / 1000,
      nodeCpuCores: ((parseCpuMillis(this.config.cpu) ?? 0) / 1000) * this.names.length,
      nodeMemoryGiB: ((parseBytes(this.config.memory) ?? 0) * this.names.length) / 2 ** 30,
      rssMiB: Math.round(mem.rss / 2 ** 20),
      heapMiB: Math.round(mem.heapUsed / 2 ** 20),
    };
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    for (const r of this.reflectors) r.stop();
    this.controller?.queue.stop();
    await Promise.all(this.servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    this.client?.close();
  }
}
