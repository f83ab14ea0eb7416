// Who may read metrics: asked of the API server with a SubjectAccessReview, as metrics-server's
// delegated authorization does, for the user the aggregator names in X-Remote-User/-Group.
// Answers are cached briefly: the HPA controller asks every 15 s per autoscaler.
import type { KubeClient } from './kube-client';
import { GROUP, VERSION, type Target } from './metrics-api';

export interface RemoteUser {
  name: string;
  groups: string[];
  extra: Record<string, string[]>;
}

/** The user the aggregator authenticated, from its request headers (front-proxy convention). */
export function remoteUser(distinct: Record<string, string[] | undefined>): RemoteUser | undefined {
  const name = distinct['x-remote-user']?.[0];
  if (!name) return undefined;
  const extra: Record<string, string[]> = {};
  for (const [key, values] of Object.entries(distinct)) {
    if (!key.startsWith('x-remote-extra-')) continue;
    if (values) extra[decodeURIComponent(key.slice('x-remote-extra-'.length))] = values;
  }
  return { name, groups: distinct['x-remote-group'] ?? [], extra };
}

interface SarResponse {
  status?: { allowed?: boolean; reason?: string };
}

export type Review = (user: RemoteUser, target: Extract<Target, { kind: 'resource' }>) => Promise<boolean>;

export function sarReview(client: KubeClient): Review {
  return async (user, target) => {
    const body = {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: {
        user: user.name,
        groups: user.groups,
        extra: user.extra,
        resourceAttributes: {
          group: GROUP,
          version: VERSION,
          resource: target.resource,
          verb: target.verb,
          namespace: target.namespace ?? '',
          name: target.name ?? '',
        },
      },
    };
    const res = await client.request<SarResponse>('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', {
      body,
      timeoutMs: 10_000,
    });
    return res.status?.allowed === true;
  };
}

export class Authorizer {
  private readonly cache = new Map<string, { allowed: boolean; until: number }>();

  constructor(
    private readonly review: Review,
    private readonly ttlMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  async allowed(user: RemoteUser, target: Extract<Target, { kind: 'resource' }>): Promise<boolean> {
    const key = JSON.stringify([user.name, [...user.groups].sort(), user.extra, target]);
    const hit = this.cache.get(key);
    if (hit && hit.until > this.now()) return hit.allowed;
    const allowed = await this.review(user, target);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, { allowed, until: this.now() + this.ttlMs });
    return allowed;
  }
}

/** The message the API server gives for a denied request, so clients show the same text. */
export function forbiddenMessage(user: RemoteUser, target: Extract<Target, { kind: 'resource' }>): string {
  const scope = target.namespace ? ` in the namespace "${target.namespace}"` : ' at the cluster scope';
  const what = target.name ? `${target.resource}.${GROUP} "${target.name}"` : `${target.resource}.${GROUP}`;
  return `${what} is forbidden: User "${user.name}" cannot ${target.verb} resource "${target.resource}" in API group "${GROUP}"${scope}`;
}
