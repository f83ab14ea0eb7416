// The kubelet part: keeps a compact record of every pod (kube-state metrics need them all),
// runs the pods bound to our nodes through the simulation, patches their status when it
// changes, and finishes their deletion. Work goes through one keyed queue with bounded
// concurrency; pods wake up again through the queue's single timer, never their own.
import { IpPool } from './ip-pool';
import { isStatus, MERGE_PATCH, type KubeClient } from './kube-client';
import type { Logger } from './log';
import { isRawPod, podKey, toPodRecord, type PodRecord } from './pod-record';
import { simulatePod, statusFingerprint } from './pod-status';
import type { RawPod } from './types';
import { WorkQueue } from './work-queue';

export interface PodControllerOptions {
  nodes: ReadonlySet<string>;
  hostIP: string;
  maxGraceMs: number;
  concurrency: number;
  now?: () => number;
}

/** What the agent remembers per pod uid between patches. */
export interface SimState {
  startMs: number;
  podIP: string;
  lastPatched: string;
}

const RETRY_MS = 2000;

/** When a pod marked for deletion is removed: its grace period, capped by --max-grace. */
export function deleteAt(
  rec: Pick<PodRecord, 'deletionTimestamp' | 'deletionGracePeriodSeconds'>,
  maxGraceMs: number,
): number {
  const graceMs = (rec.deletionGracePeriodSeconds ?? 30) * 1000;
  const requested = Date.parse(rec.deletionTimestamp ?? '') - graceMs;
  return requested + Math.min(graceMs, maxGraceMs);
}

export class PodController {
  readonly pods = new Map<string, PodRecord>();
  readonly sims = new Map<string, SimState>();
  readonly queue: WorkQueue;
  private readonly ips = new IpPool();
  private readonly now: () => number;
  stats = { patched: 0, deleted: 0, errors: 0 };

  constructor(
    private readonly client: KubeClient,
    private readonly opts: PodControllerOptions,
    private readonly log: Logger,
  ) {
    this.now = opts.now ?? Date.now;
    this.queue = new WorkQueue((key) => this.reconcile(key), opts.concurrency, this.now);
  }

  isOurs(rec: PodRecord): boolean {
    return rec.nodeName !== undefined && this.opts.nodes.has(rec.nodeName);
  }

  private upsert(raw: RawPod): void {
    const ours = !!raw.spec.nodeName && this.opts.nodes.has(raw.spec.nodeName);
    const rec = toPodRecord(raw, ours);
    const old = this.pods.get(rec.key);
    if (old && old.uid !== rec.uid) this.forget(old);
    if (old?.profiles && old.uid === rec.uid) rec.profiles = old.profiles;
    this.pods.set(rec.key, rec);
    if (rec.status.podIP && ours) this.ips.reserve(rec.status.podIP);
    if (ours) this.queue.add(rec.key);
  }

  private forget(rec: PodRecord): void {
    const sim = this.sims.get(rec.uid);
    if (sim) this.ips.release(sim.podIP);
    else if (rec.status.podIP && this.isOurs(rec)) this.ips.release(rec.status.podIP);
    this.sims.delete(rec.uid);
  }

  replace = (items: unknown[]): void => {
    const seen = new Set<string>();
    for (const item of items) {
      if (!isRawPod(item)) continue;
      seen.add(podKey(item.metadata.namespace ?? '', item.metadata.name));
      this.upsert(item);
    }
    for (const [key, rec] of this.pods) {
      if (seen.has(key)) continue;
      this.forget(rec);
      this.pods.delete(key);
    }
  };

  event = (type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: unknown): void => {
    if (!isRawPod(obj)) return;
    if (type !== 'DELETED') return this.upsert(obj);
    const key = podKey(obj.metadata.namespace ?? '', obj.metadata.name);
    const rec = this.pods.get(key);
    if (!rec || rec.uid !== obj.metadata.uid) return;
    this.forget(rec);
    this.pods.delete(key);
  };

  /** Re-examines every pod we run (a safety net; cheap when nothing changed). */
  resync(): void {
    for (const rec of this.pods.values()) if (this.isOurs(rec)) this.queue.add(rec.key);
  }

  simFor(rec: PodRecord): SimState {
    let sim = this.sims.get(rec.uid);
    if (!sim) {
      const started = rec.status.startTime ? Date.parse(rec.status.startTime) : NaN;
      const startMs = Number.isFinite(started) ? started : Math.floor(this.now() / 1000) * 1000;
      const podIP = rec.status.podIP ?? this.ips.allocate();
      sim = { startMs, podIP, lastPatched: '' };
      this.sims.set(rec.uid, sim);
    }
    return sim;
  }

  private async reconcile(key: string): Promise<void> {
    const rec = this.pods.get(key);
    if (!rec || !this.isOurs(rec)) return;
    try {
      if (rec.deletionTimestamp) return await this.finishDeletion(rec);
      await this.syncStatus(rec);
    } catch (err) {
      if (isStatus(err, 404, 409)) return; // gone or replaced by a pod of the same name
      this.stats.errors++;
      this.log.warn('pod sync failed, retrying', { pod: key, error: String(err) });
      this.queue.addAt(key, this.now() + RETRY_MS);
    }
  }

  private async syncStatus(rec: PodRecord): Promise<void> {
    const sim = this.simFor(rec);
    const now = this.now();
    const out = simulatePod({
      pod: rec,
      behaviour: rec.behaviour,
      initContainers: rec.initContainers,
      startMs: sim.startMs,
      podIP: sim.podIP,
      hostIP: this.opts.hostIP,
      scheduled: rec.status.scheduled,
      now,
    });
    const fingerprint = statusFingerprint(out.status);
    if (fingerprint !== rec.status.fingerprint && fingerprint !== sim.lastPatched) {
      const path = `/api/v1/namespaces/${encodeURIComponent(rec.namespace)}/pods/${encodeURIComponent(rec.name)}/status`;
      // The uid makes the patch a precondition: it fails (409) on a new pod with the same name.
      await this.client.request('PATCH', path, {
        body: { metadata: { uid: rec.uid }, status: out.status },
        contentType: MERGE_PATCH,
      });
      sim.lastPatched = fingerprint;
      this.stats.patched++;
    }
    if (out.nextAt !== undefined) this.queue.addAt(rec.key, out.nextAt);
  }

  private async finishDeletion(rec: PodRecord): Promise<void> {
    const at = deleteAt(rec, this.opts.maxGraceMs);
    if (Number.isFinite(at) && at > this.now()) {
      this.queue.addAt(rec.key, at);
      return;
    }
    const path = `/api/v1/namespaces/${encodeURIComponent(rec.namespace)}/pods/${encodeURIComponent(rec.name)}`;
    await this.client.request('DELETE', path, {
      body: { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0, preconditions: { uid: rec.uid } },
    });
    this.stats.deleted++;
  }
}
