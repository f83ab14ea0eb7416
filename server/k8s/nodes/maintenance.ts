import 'server-only';

import { randomUUID } from 'node:crypto';

import { z } from 'zod';

import { bareRefusal, drainPdbOf, drainPodOf, drainPreview, type DrainPreview } from '@/lib/k8s/drain';
import type { NodeActionName, NodeMaintenanceView } from '@/lib/k8s/node-actions';
import type { ActionName } from '@/lib/k8s/rollout/actions';
import type { Identity } from '@/server/auth/identity';
import { baseInput, type ActionContext, type ActionSpec, type BaseInput } from '@/server/k8s/actions/pipeline';
import { selfReview } from '@/server/k8s/actions/permissions';
import { ActionRefusedError, conflictError } from '@/server/k8s/actions/results';
import { PATCH, type UserKube } from '@/server/k8s/actions/user-kube';
import { KubeError } from '@/server/k8s/errors';
import { latestDrain, runningDrain, startDrain } from '@/server/k8s/nodes/drain-job';

// Node maintenance (issue 15, item 3): cordon, uncordon and drain, as the person, through the same
// pipeline as the workload actions (registry.ts → performAction: zod, elevation, request id, audit
// with reason). A Node has no metadata.generation and its heartbeat moves its resourceVersion every
// few seconds, so — like HPAs (ADR 0006) — the precondition is what the person saw: spec.unschedulable.
// The write still carries the resourceVersion just read (a change in between is a 409).

interface RawNode {
  metadata: { name: string; resourceVersion: string };
  spec?: { unschedulable?: boolean };
}

export const nodeInput = baseInput.extend({
  /** spec.unschedulable as the person saw it. */
  unschedulable: z.boolean(),
});
export const drainInput = nodeInput.extend({
  /** kubectl drain --force: also evict pods that declare no controller (nothing recreates them). */
  force: z.boolean().optional(),
});
type NodeInput = z.infer<typeof nodeInput>;
type DrainInput = z.infer<typeof drainInput>;

const nodePath = (name: string) => `/api/v1/nodes/${encodeURIComponent(name)}`;

export function readNode(kube: UserKube, name: string): Promise<RawNode> {
  return kube.request<RawNode>({ method: 'GET', path: nodePath(name) });
}

function assertSeen(node: RawNode, input: NodeInput): void {
  if (node.metadata.resourceVersion === input.resourceVersion) return;
  const now = node.spec?.unschedulable === true;
  if (now !== input.unschedulable) {
    throw conflictError(
      `Node ${node.metadata.name}`,
      `it was ${input.unschedulable ? 'cordoned' : 'schedulable'} and is now ${now ? 'cordoned' : 'schedulable'}`,
    );
  }
}

async function setUnschedulable(ctx: ActionContext, node: RawNode, to: boolean): Promise<RawNode> {
  let current = node;
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.kube.request<RawNode>({
        method: 'PATCH',
        path: nodePath(current.metadata.name),
        // kubectl cordon/uncordon set exactly this field; null removes it (the API's default, false).
        body: {
          metadata: { resourceVersion: current.metadata.resourceVersion },
          spec: { unschedulable: to ? true : null },
        },
        contentType: PATCH.merge,
      });
    } catch (err) {
      // The node's heartbeat moves its resourceVersion every few seconds: a 409 whose fresh read still
      // shows spec.unschedulable as the person saw it was only the status; anything else is a conflict.
      if (!(err instanceof KubeError) || err.kind !== 'conflict' || attempt >= 3) throw err;
      const fresh = await readNode(ctx.kube, current.metadata.name);
      if ((fresh.spec?.unschedulable === true) !== (node.spec?.unschedulable === true)) throw err;
      current = fresh;
    }
  }
}

function cordonSpec(name: 'cordon' | 'uncordon'): ActionSpec<NodeInput> {
  const to = name === 'cordon';
  return {
    name: name as NodeActionName as ActionName, // pipeline.ts types names as workload actions
    input: nodeInput,
    async prepare(ctx, target, input) {
      const node = await readNode(ctx.kube, target.name);
      const from = node.spec?.unschedulable === true;
      if (from === to) {
        throw new ActionRefusedError(
          `Node ${target.name} is already ${to ? 'cordoned' : 'schedulable (not cordoned)'}`,
        );
      }
      return {
        params: { unschedulable: { from, to } },
        resourceVersion: node.metadata.resourceVersion,
        async run() {
          assertSeen(node, input);
          const updated = await setUnschedulable(ctx, node, to);
          return {
            message: to
              ? `Cordoned ${target.name}: no new pod is scheduled there; its pods keep running`
              : `Uncordoned ${target.name}: pods may be scheduled there again`,
            resourceVersion: updated.metadata.resourceVersion,
          };
        },
      };
    },
  };
}

export const cordonAction = cordonSpec('cordon');
export const uncordonAction = cordonSpec('uncordon');

// ---- reads for the preview (as the person) ----

const evictionVersions = new Map<string, string>();

/**
 * policy/v1 Eviction on 1.22+, policy/v1beta1 before: the group/version the API server lists for the
 * pods/eviction subresource in /api/v1 discovery (kubectl's CheckEvictionSupport).
 */
export async function evictionVersion(kube: UserKube): Promise<string> {
  const known = evictionVersions.get(kube.cluster);
  if (known) return known;
  const list = await kube.request<{ resources?: { name: string; group?: string; version?: string }[] }>({
    method: 'GET',
    path: '/api/v1',
  });
  const sub = list.resources?.find((r) => r.name === 'pods/eviction');
  const version = `${sub?.group || 'policy'}/${sub?.version || 'v1beta1'}`;
  evictionVersions.set(kube.cluster, version);
  return version;
}

type RawPod = Parameters<typeof drainPodOf>[0];
type RawPdb = Parameters<typeof drainPdbOf>[0];

export async function readDrainPreview(
  kube: UserKube,
  node: string,
): Promise<{ preview: DrainPreview; eviction: string }> {
  const eviction = await evictionVersion(kube);
  const pdbVersion = eviction === 'policy/v1' ? 'v1' : 'v1beta1';
  const [pods, pdbs] = await Promise.all([
    kube.request<{ items: RawPod[] }>({
      method: 'GET',
      path: '/api/v1/pods',
      query: { fieldSelector: `spec.nodeName=${node}` },
    }),
    kube.request<{ items: RawPdb[] }>({ method: 'GET', path: `/apis/policy/${pdbVersion}/poddisruptionbudgets` }),
  ]);
  const pdbItems = pdbs.items.map((p) => drainPdbOf({ ...p, apiVersion: `policy/${pdbVersion}` }));
  return { preview: drainPreview(pods.items.map(drainPodOf), pdbItems), eviction };
}

export const drainAction: ActionSpec<DrainInput> = {
  name: 'drain' as NodeActionName as ActionName,
  input: drainInput,
  async prepare(ctx, target, input) {
    const node = await readNode(ctx.kube, target.name);
    const from = node.spec?.unschedulable === true;
    if (runningDrain(ctx.cluster.name, target.name)) {
      throw new ActionRefusedError(`Node ${target.name} is already being drained`);
    }
    const { preview, eviction } = await readDrainPreview(ctx.kube, target.name);
    const refusal = bareRefusal(preview);
    if (refusal && !input.force) throw new ActionRefusedError(refusal);
    const jobId = randomUUID();
    return {
      params: {
        unschedulable: { from, to: true },
        evict: preview.evict.length,
        blockedNow: preview.blocked.map((p) => `${p.namespace}/${p.name}`),
        force: input.force === true,
        job: jobId,
      },
      resourceVersion: node.metadata.resourceVersion,
      async run() {
        assertSeen(node, input);
        let rv = node.metadata.resourceVersion;
        if (!from) rv = (await setUnschedulable(ctx, node, true)).metadata.resourceVersion;
        await startDrain({
          id: jobId,
          kube: ctx.kube,
          node: target.name,
          user: ctx.who.user,
          evictionVersion: eviction,
          plan: preview.evict,
          attempt: {
            requestId: input.requestId,
            user: ctx.who.user,
            groups: ctx.who.groups,
            cluster: ctx.cluster.name,
            kind: 'Node',
            namespace: null,
            name: target.name,
            action: 'drain',
            params: {},
            resourceVersion: rv,
            reason: input.reason || undefined,
          },
        });
        const waiting = preview.blocked.length ? `; ${preview.blocked.length} will wait for a PodDisruptionBudget` : '';
        return {
          message: `${from ? 'Already cordoned' : 'Cordoned'} ${target.name}; evicting ${preview.evict.length} pod${preview.evict.length === 1 ? '' : 's'}${waiting}`,
          resourceVersion: rv,
        };
      },
    };
  },
};

export const NODE_SPECS: Record<NodeActionName, ActionSpec<BaseInput>> = {
  cordon: cordonAction as ActionSpec<BaseInput>,
  uncordon: uncordonAction as ActionSpec<BaseInput>,
  drain: drainAction as ActionSpec<BaseInput>,
};

/** What the node page's maintenance section shows, read as the person. */
export async function nodeMaintenanceView(kube: UserKube, who: Identity, name: string): Promise<NodeMaintenanceView> {
  const node = await readNode(kube, name);
  const [cordon, evict, read] = await Promise.all([
    selfReview(kube, who, { verb: 'patch', group: '', resource: 'nodes', namespace: '', name }),
    selfReview(kube, who, { verb: 'create', group: '', resource: 'pods', subresource: 'eviction', namespace: '' }),
    readDrainPreview(kube, name).catch(() => undefined),
  ]);
  const job = latestDrain(kube.cluster, name);
  return {
    node: name,
    resourceVersion: node.metadata.resourceVersion,
    unschedulable: node.spec?.unschedulable === true,
    permissions: { cordon, drain: cordon && evict && read !== undefined },
    preview: read?.preview ?? drainPreview([], []),
    ...(job ? { job } : {}),
  };
}
