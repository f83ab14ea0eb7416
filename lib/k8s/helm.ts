import { z } from 'zod';

import type { KubeObject } from '@/lib/k8s/object';

// Helm 3 releases as the dashboard shows them. Helm keeps each revision in a Secret of type
// helm.sh/release.v1 named sh.helm.release.v1.<release>.v<revision>, labelled owner=helm, name,
// status, version; its data.release is base64(gzip(JSON of release.Release)) — base64 once more in the
// Secret's own `data`. Upstream: helm/helm pkg/storage/driver/secrets.go (newSecretsObject) and
// util.go (encodeRelease/decodeRelease); the JSON is pkg/release/release.go.
//
// The server decodes (server/k8s/helm-releases.ts) and keeps only what this schema names: chart
// name and version, app version, status, revision, times, description, and the notes (NOTES.txt)
// with every value of the release redacted — notes are rendered from the values, so any value they
// repeat is replaced before they leave the server. `config` (the values), `manifest` (which renders
// Secrets), `hooks` and chart files are never read into anything that leaves the server (ADR 0019).

export const HELM_RELEASE_TYPE = 'helm.sh/release.v1';
export const HELM_LABEL_SELECTOR = 'owner=helm';

/** The fields read from a decoded release; zod drops every other key (values, manifest, notes…). */
const releaseSchema = z.object({
  name: z.string().min(1),
  namespace: z.string().optional(),
  version: z.number().int().nonnegative(),
  info: z
    .object({
      first_deployed: z.string().optional(),
      last_deployed: z.string().optional(),
      deleted: z.string().optional(),
      description: z.string().optional(),
      status: z.string().optional(),
      notes: z.string().optional(),
    })
    .optional(),
  // Read only to redact the notes (redactValues); never copied into the facts.
  config: z.unknown().optional(),
  chart: z
    .object({
      metadata: z
        .object({ name: z.string().optional(), version: z.string().optional(), appVersion: z.string().optional() })
        .optional(),
    })
    .optional(),
});

export interface HelmRevision {
  revision: number;
  status: string;
  chart: string;
  chartVersion: string;
  appVersion: string;
  /** info.last_deployed (RFC 3339), when this revision was deployed. */
  updated: string;
  firstDeployed: string;
  description: string;
  /** NOTES.txt as rendered, every value of the release replaced by REDACTED (at most 8 KiB). */
  notes: string;
  /** The Secret that stores this revision. */
  secret: string;
}

export const REDACTED = '[value hidden]';
const NOTES_MAX = 8 * 1024;

/** Every string (and longer number) value in a release's values, longest first. */
function valueStrings(config: unknown, out: Set<string> = new Set(), depth = 0): Set<string> {
  if (depth > 32) return out;
  if (typeof config === 'string') {
    if (config.length >= 4) out.add(config);
  } else if (typeof config === 'number' && String(config).length >= 4) {
    out.add(String(config));
  } else if (Array.isArray(config)) {
    for (const v of config) valueStrings(v, out, depth + 1);
  } else if (config && typeof config === 'object') {
    for (const v of Object.values(config)) valueStrings(v, out, depth + 1);
  }
  return out;
}

/**
 * The notes with every value of the release replaced (values of 4 characters or more; shorter ones
 * such as "1" or "dev" would blank half the text and guard nothing), capped at 8 KiB.
 */
export function redactValues(notes: string, config: unknown): string {
  let text = notes.length > NOTES_MAX ? `${notes.slice(0, NOTES_MAX)}…` : notes;
  const values = [...valueStrings(config)].sort((a, b) => b.length - a.length);
  for (const v of values) text = text.split(v).join(REDACTED);
  return text;
}

/** Only the public facts of a decoded release JSON; undefined when it is not a Helm 3 release. */
export function revisionFacts(release: unknown, secretName: string): HelmRevision | undefined {
  const r = releaseSchema.safeParse(release);
  if (!r.success) return undefined;
  const { info, chart } = r.data;
  return {
    revision: r.data.version,
    status: info?.status || 'unknown',
    chart: chart?.metadata?.name ?? '',
    chartVersion: chart?.metadata?.version ?? '',
    appVersion: chart?.metadata?.appVersion ?? '',
    updated: info?.last_deployed ?? '',
    firstDeployed: info?.first_deployed ?? '',
    description: info?.description ?? '',
    notes: redactValues(info?.notes ?? '', r.data.config),
    secret: secretName,
  };
}

/** One stored revision, as the server keeps it after decoding: the Secret's metadata and the facts. */
export interface HelmRevisionRecord {
  namespace: string;
  /** The release name (the Secret's `name` label, else the decoded name). */
  release: string;
  uid: string;
  resourceVersion: string;
  createdAt?: string;
  facts: HelmRevision;
}

/** A release as the list and object APIs serve it: the newest revision's facts and the history. */
export type HelmReleaseObject = KubeObject & {
  apiVersion: 'helm.sh/v3';
  kind: 'HelmRelease';
  release: HelmRevision;
  /** Every stored revision, newest first. */
  history: HelmRevision[];
};

/**
 * Releases from their revisions: grouped by (namespace, release), the highest revision first. The
 * object's uid and resourceVersion are the newest revision's Secret's, so a new revision reads as a
 * change; its creation time is the first stored revision's.
 */
export function groupReleases(records: readonly HelmRevisionRecord[]): HelmReleaseObject[] {
  const groups = new Map<string, HelmRevisionRecord[]>();
  for (const r of records) {
    const key = JSON.stringify([r.namespace, r.release]);
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()].map((list) => {
    const sorted = [...list].sort((a, b) => b.facts.revision - a.facts.revision);
    const latest = sorted[0] as HelmRevisionRecord;
    const created = sorted
      .map((r) => r.createdAt)
      .filter((t): t is string => !!t)
      .sort()[0];
    return {
      apiVersion: 'helm.sh/v3',
      kind: 'HelmRelease',
      metadata: {
        name: latest.release,
        namespace: latest.namespace,
        uid: latest.uid,
        resourceVersion: latest.resourceVersion,
        creationTimestamp: created,
        labels: { name: latest.release, owner: 'helm' },
      },
      release: latest.facts,
      history: sorted.map((r) => r.facts),
    };
  });
}
