import { z } from 'zod';

import { kindById } from '../lib/k8s/kinds';

// The server's own account of its shared cache (GET /api/clusters): which reflectors run, per cluster
// and kind, and how many objects each holds. The benchmark checks the apiserver's watch count against
// it (one watch per running reflector, whatever the number of users) and divides memory by it.

const healthSchema = z.object({
  clusters: z.array(
    z.object({
      name: z.string(),
      kinds: z.array(z.object({ kind: z.string(), state: z.string(), objects: z.number() })),
    }),
  ),
});

export interface CachedKind {
  cluster: string;
  kind: string;
  /** The API resource (plural) the reflector lists and watches. */
  resource: string;
  state: string;
  objects: number;
}

export function cachedKinds(body: unknown): CachedKind[] {
  const health = healthSchema.parse(body);
  return health.clusters.flatMap((c) =>
    c.kinds.map((k) => ({
      cluster: c.name,
      kind: k.kind,
      resource: kindById(k.kind)?.plural ?? k.kind,
      state: k.state,
      objects: k.objects,
    })),
  );
}

export async function serverCache(baseUrl: string, headers: Record<string, string>): Promise<CachedKind[]> {
  const res = await fetch(`${baseUrl}/api/clusters`, { headers });
  if (res.status !== 200) throw new Error(`GET /api/clusters: HTTP ${res.status}`);
  return cachedKinds(await res.json());
}
