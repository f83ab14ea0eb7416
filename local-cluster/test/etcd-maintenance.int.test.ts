// The bench's etcd housekeeping, against an etcd of its own (the same Debian etcd the local cluster
// runs): defragmenting blocks etcd while it runs, so never the cluster the other tests are using.
// Keys are written and deleted and the history compacted, as the API server does with deleted pods;
// the file keeps the freed pages until the defragmentation gives them back.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { freePort } from '../../e2e/support/free-port';
import { defragmentEtcd, etcdSize } from '../control-plane/etcd-maintenance';
import { waitFor } from './kube';

let etcd: ChildProcess | undefined;
let dir = '';
let endpoint = '';

interface EtcdAnswer {
  header?: { revision?: string };
  kvs?: { value: string }[];
}

async function call(path: string, body: unknown): Promise<EtcdAnswer> {
  const res = await fetch(`${endpoint}${path}`, { method: 'POST', body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as EtcdAnswer;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wh-etcd-'));
  const [client, peer] = [await freePort(), await freePort()];
  endpoint = `http://127.0.0.1:${client}`;
  etcd = spawn(
    'etcd',
    [
      '--name=maintenance-test',
      `--data-dir=${join(dir, 'data')}`,
      `--listen-client-urls=${endpoint}`,
      `--advertise-client-urls=${endpoint}`,
      `--listen-peer-urls=http://127.0.0.1:${peer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${peer}`,
      `--initial-cluster=maintenance-test=http://127.0.0.1:${peer}`,
      '--log-level=error',
    ],
    { stdio: 'ignore' },
  );
  await waitFor(
    () =>
      etcdSize(endpoint).then(
        () => true,
        () => false,
      ),
    20_000,
    'a private etcd answering',
    200,
  );
});

afterAll(() => {
  etcd?.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('etcd maintenance', () => {
  it('reads the database size, and a defragmentation gives back the pages deleted keys left', async () => {
    const value = b64('x'.repeat(16 * 1024));
    for (let i = 0; i < 600; i++) await call('/v3/kv/put', { key: b64(`/registry/pods/ns/p${i}`), value });
    await call('/v3/kv/deleterange', { key: b64('/registry/pods/'), range_end: b64('/registry/pods0') });
    const { header } = await call('/v3/kv/put', { key: b64('/marker'), value: b64('1') });
    await call('/v3/kv/compaction', { revision: header?.revision, physical: true });

    const size = await etcdSize(endpoint);
    expect(size.dbSizeInUse).toBeLessThan(size.dbSize);
    expect(size.dbSize).toBeGreaterThan(8 * 1024 * 1024); // 600 × 16 KiB were written

    const d = await defragmentEtcd(endpoint);
    expect(d.before.dbSize).toBe(size.dbSize);
    expect(d.after.dbSize).toBeLessThan(d.before.dbSize / 2);
    expect(d.after.dbSize - d.after.dbSizeInUse).toBeLessThan(1024 * 1024);
    const marker = await call('/v3/kv/range', { key: b64('/marker') });
    expect(marker.kvs?.[0]?.value).toBe(b64('1'));
  });
});
