// The raw object shape the server's cache holds (already stripped of managedFields and
// last-applied-configuration). Descriptors narrow it further when they build summaries.

export interface OwnerRef {
  apiVersion?: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerRef[];
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: unknown;
  status?: unknown;
  [key: string]: unknown;
}

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Drops what no screen needs and what bloats memory (REFERENCE.md "List, watch"). */
export function stripObject<T extends KubeObject>(obj: T): T {
  const meta = { ...obj.metadata } as ObjectMeta & { managedFields?: unknown; selfLink?: unknown };
  delete meta.managedFields;
  delete meta.selfLink;
  if (meta.annotations && LAST_APPLIED in meta.annotations) {
    const { [LAST_APPLIED]: _dropped, ...rest } = meta.annotations;
    meta.annotations = rest;
  }
  return { ...obj, metadata: meta };
}

export function controllerOf(obj: KubeObject): OwnerRef | undefined {
  return obj.metadata.ownerReferences?.find((o) => o.controller);
}
