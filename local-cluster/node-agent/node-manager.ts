// Registers the simulated nodes (idempotent: create if missing, then patch) and keeps their
// Ready condition fresh with one status patch per node per heartbeat.
import { isStatus, MERGE_PATCH, type KubeClient } from './kube-client';
import type { Logger } from './log';
import { nodeLabels, nodeManifest, nodeStatus, taintsToKeep, type NodeCapacity, type Taint } from './nodes';

interface NodeBody {
  metadata: { name: string; resourceVersion?: string };
  spec?: { taints?: Taint[] };
  status?: { conditions?: { type: string; status: string; lastTransitionTime?: string }[] };
}

export class NodeManager {
  private readonly readySince = new Map<string, number>();

  constructor(
    private readonly client: KubeClient,
    private readonly names: string[],
    private readonly capacity: NodeCapacity,
    private readonly log: Logger,
  ) {}

  private path(name: string): string {
    return `/api/v1/nodes/${encodeURIComponent(name)}`;
  }

  async registerAll(): Promise<void> {
    await Promise.all(this.names.map((name, i) => this.register(name, i)));
  }

  private async register(name: string, index: number): Promise<void> {
    let node: NodeBody;
    try {
      node = await this.client.request<NodeBody>('GET', this.path(name));
      await this.client.request('PATCH', this.path(name), {
        body: { metadata: { labels: nodeLabels(name, index) } },
        contentType: MERGE_PATCH,
      });
      this.log.info('node exists', { node: name });
    } catch (err) {
      if (!isStatus(err, 404)) throw err;
      node = await this.client.request<NodeBody>('POST', '/api/v1/nodes', {
        body: nodeManifest(name, index, this.capacity, Date.now()),
      });
      this.log.info('node registered', { node: name });
    }
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
    const since = ready?.lastTransitionTime ? Date.parse(ready.lastTransitionTime) : Date.now();
    this.readySince.set(name, since);
    await this.heartbeatOne(name);
  }

  /** Patches status (fresh heartbeat) and drops not-ready taints the admission plugin added. */
  private async heartbeatOne(name: string): Promise<void> {
    const since = this.readySince.get(name) ?? Date.now();
    const node = await this.client.request<NodeBody>('PATCH', `${this.path(name)}/status`, {
      body: { status: nodeStatus(name, this.capacity, Date.now(), since) },
      contentType: MERGE_PATCH,
    });
    const kept = taintsToKeep(node.spec?.taints);
    if (kept) {
      // The resourceVersion makes it fail (409) instead of dropping a taint someone just added.
      const body = {
        metadata: { resourceVersion: node.metadata.resourceVersion },
        spec: { taints: kept.length ? kept : null },
      };
      await this.client.request('PATCH', this.path(name), { body, contentType: MERGE_PATCH });
      this.log.info('removed not-ready taint', { node: name });
    }
  }

  async heartbeat(): Promise<void> {
    const results = await Promise.allSettled(this.names.map((n) => this.heartbeatOne(n)));
    results.forEach((r, i) => {
      if (r.status === 'rejected')
        this.log.warn('node heartbeat failed', { node: this.names[i], error: String(r.reason) });
    });
  }
}
