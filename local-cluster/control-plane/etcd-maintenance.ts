// etcd housekeeping for long-lived local clusters. The API server compacts old revisions every five
// minutes, but bbolt never gives the freed pages back: after a few 100k-pod bench runs the database
// file was 1.4 GB of mostly free pages, and pod creation fell from ~160 to 36–51 POST/s. Defragmenting
// (etcd's v3 JSON gateway, so no etcdctl is needed) rewrote it to 6 MB in 0.4 s.
import { z } from 'zod';

import { ENDPOINTS } from '../paths';

const Status = z.object({ dbSize: z.coerce.number(), dbSizeInUse: z.coerce.number() });
export type EtcdSize = z.infer<typeof Status>;

export interface Defragmented {
  before: EtcdSize;
  after: EtcdSize;
  ms: number;
}

async function post(endpoint: string, path: string, timeoutMs: number, body: unknown = {}): Promise<unknown> {
  const res = await fetch(`${endpoint}${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) throw new Error(`etcd ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

/** The size of etcd's database file and the part of it in use, in bytes. */
export async function etcdSize(endpoint: string = ENDPOINTS.etcdClient): Promise<EtcdSize> {
  const { dbSize, dbSizeInUse } = Status.parse(await post(endpoint, '/v3/maintenance/status', 5_000));
  return { dbSize, dbSizeInUse };
}

/**
 * Defragments an etcd (the local cluster's by default). etcd answers nothing else while it runs: a
 * second or more for a large file, so never while tests use the cluster.
 */
export async function defragmentEtcd(endpoint: string = ENDPOINTS.etcdClient): Promise<Defragmented> {
  const before = await etcdSize(endpoint);
  const started = performance.now();
  await post(endpoint, '/v3/maintenance/defragment', 120_000);
  const ms = performance.now() - started;
  return { before, after: await etcdSize(endpoint), ms };
}
