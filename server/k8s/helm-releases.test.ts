import { gzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { helmReleaseJson, helmReleaseSecret, HELM_RELEASES, SECRET_MARKER } from '@/local-cluster/seed/config';
import type { KubeObject } from '@/lib/k8s/object';
import { decodeReleaseData, helmRevisionOf, MAX_RELEASE_JSON_BYTES } from '@/server/k8s/helm-releases';

const asObject = (o: unknown) => ({
  uid: 'u1',
  resourceVersion: '7',
  creationTimestamp: '2026-01-01T00:00:00Z',
  ...(o as object),
});

function secretOf(r: (typeof HELM_RELEASES)[number], i: number): KubeObject {
  const s = helmReleaseSecret(r, i) as unknown as KubeObject;
  return { ...s, metadata: asObject(s.metadata) as KubeObject['metadata'] };
}

describe('decodeReleaseData', () => {
  it('decodes what Helm 3 writes (base64 of base64 of gzip of JSON)', () => {
    const r = HELM_RELEASES[1]!;
    const secret = secretOf(r, 1) as KubeObject & { data: { release: string } };
    expect(decodeReleaseData(secret.data.release)).toEqual(helmReleaseJson(r, 1));
  });

  it('reads uncompressed releases too (stored before Helm compressed them)', () => {
    const json = JSON.stringify({ name: 'old', version: 1 });
    const data = Buffer.from(Buffer.from(json).toString('base64')).toString('base64');
    expect(decodeReleaseData(data)).toEqual({ name: 'old', version: 1 });
  });

  it('refuses to inflate past the bound (a gzip bomb)', () => {
    const bomb = gzipSync(Buffer.alloc(MAX_RELEASE_JSON_BYTES + 1024, 0x20));
    const data = Buffer.from(bomb.toString('base64')).toString('base64');
    expect(() => decodeReleaseData(data)).toThrow();
  });
});

describe('helmRevisionOf', () => {
  it('keeps the Secret metadata and public facts only', () => {
    const r = HELM_RELEASES[1]!;
    const record = helmRevisionOf(secretOf(r, 1));
    expect(record).toMatchObject({
      namespace: 'shop-backend',
      release: 'payments-worker',
      uid: 'u1',
      facts: { revision: 2, status: 'failed', chart: 'payments-worker', chartVersion: '0.5.0', appVersion: '2.2.0' },
    });
    expect(JSON.stringify(record)).not.toContain(SECRET_MARKER);
  });

  it('answers undefined for a Secret that holds no readable release', () => {
    const broken = { ...secretOf(HELM_RELEASES[0]!, 0), data: { release: 'bm90IGEgcmVsZWFzZQ==' } };
    expect(helmRevisionOf(broken)).toBeUndefined();
  });
});
