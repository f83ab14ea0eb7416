import 'server-only';

import { gunzipSync } from 'node:zlib';

import { revisionFacts, type HelmRevisionRecord } from '@/lib/k8s/helm';
import type { KubeObject } from '@/lib/k8s/object';

// Decoding a Helm 3 release Secret (lib/k8s/helm.ts has the format). Everything decoded stays in this
// function: the caller receives the Secret's metadata and the public facts, never the values,
// manifest or notes (ADR 0019).

/** A release Secret's payload may not inflate past this (a gzip bomb would otherwise take the heap). */
export const MAX_RELEASE_JSON_BYTES = 16 * 1024 * 1024;

const GZIP_MAGIC = [0x1f, 0x8b, 0x08];

/** The release JSON from a Secret's `data.release` (base64 of Helm's base64 of gzip of JSON). */
export function decodeReleaseData(data: string): unknown {
  const helmText = Buffer.from(data, 'base64').toString('latin1');
  let bytes = Buffer.from(helmText, 'base64');
  // Releases stored before Helm compressed them are plain JSON (decodeRelease does the same).
  if (GZIP_MAGIC.every((b, i) => bytes[i] === b)) {
    bytes = gunzipSync(bytes, { maxOutputLength: MAX_RELEASE_JSON_BYTES });
  }
  return JSON.parse(bytes.toString('utf8')) as unknown;
}

/** A stored revision's facts, or undefined when the Secret does not hold a readable Helm 3 release. */
export function helmRevisionOf(secret: KubeObject): HelmRevisionRecord | undefined {
  const data = (secret as { data?: Record<string, unknown> }).data;
  const payload = data?.release;
  if (typeof payload !== 'string') return undefined;
  let facts;
  try {
    facts = revisionFacts(decodeReleaseData(payload), secret.metadata.name);
  } catch {
    return undefined; // not base64/gzip/JSON, or over the bound: shown as absent, not as an error page
  }
  if (!facts) return undefined;
  const label = secret.metadata.labels?.name;
  return {
    namespace: secret.metadata.namespace ?? '',
    release: label || secret.metadata.name.replace(/^sh\.helm\.release\.v1\.(.+)\.v\d+$/, '$1'),
    uid: secret.metadata.uid,
    resourceVersion: secret.metadata.resourceVersion,
    createdAt: secret.metadata.creationTimestamp,
    facts,
  };
}
