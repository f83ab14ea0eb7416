import 'server-only';

import { z } from 'zod';

import { specChanges, type AuditChanges } from '@/lib/audit/changes';
import type { ActionName, ActionResult } from '@/lib/k8s/rollout/actions';
import { audited, type AuditAttempt } from '@/server/audit/audited';
import { assertMayMutate } from '@/server/audit/elevation';
import type { Identity } from '@/server/auth/identity';
import { resolveCluster, type ClusterRef } from '@/server/k8s/cluster';
import { once } from '@/server/k8s/actions/idempotency';
import { errorResult, failure } from '@/server/k8s/actions/results';
import { userKube, type UserKube } from '@/server/k8s/actions/user-kube';

// The one path every write action takes (see ADR "actions API"):
//   cluster → zod input → elevation → idempotency (request id) → read as the person → plan →
//   audited(attempt with from→to and the resourceVersion acted on) → write as the person.
// The HTTP concerns (session, CSRF guard, rate limit) are in the route handler (route.ts) so the
// same function is callable from integration tests with any identity.

export const baseInput = z.object({
  requestId: z.uuid(),
  /** The resourceVersion the person saw when they opened the dialog. */
  resourceVersion: z.string().regex(/^\d{1,20}$/),
  /** metadata.generation they saw: tolerates status-only updates in between (ADR). */
  generation: z.number().int().min(0).optional(),
  reason: z.string().trim().max(500).optional(),
});
export type BaseInput = z.infer<typeof baseInput>;

export interface Target {
  /** Kubernetes kind for the audit log, e.g. "Deployment". */
  kind: string;
  namespace: string;
  name: string;
}

export interface ActionContext {
  cluster: ClusterRef;
  who: Identity;
  kube: UserKube;
}

/**
 * The object as read before the write and as the API server answered the write: the audit record
 * keeps the spec fields that differ between them (lib/audit/changes.ts), never whole objects.
 */
export interface Written {
  before: unknown;
  after: unknown;
}

/** What the audit log records a write changed, from run's answer. */
export function changesOfWrite(done: { written?: Written }): AuditChanges | null {
  return done.written ? specChanges(done.written.before, done.written.after) : null;
}

/** What an action prepared by reading: the audit record's details and the write to make. */
export interface Prepared {
  params: Record<string, unknown>;
  resourceVersion?: string;
  /** Performs the write (or throws the refusal/conflict it detected); returns the success message. */
  run(): Promise<{ message: string; resourceVersion?: string; newRevision?: number; written?: Written }>;
  /**
   * A further step after `run` succeeded and was recorded (abort's pause), which records its own
   * audit entry under the same request id and gives the answer; each step's row says what it did.
   */
  followUp?(attempt: AuditAttempt, done: { message: string; resourceVersion?: string }): Promise<ActionResult>;
}

export interface ActionSpec<I extends BaseInput> {
  name: ActionName;
  input: z.ZodType<I>;
  /** Reads what is needed and plans the change. Read failures are recorded too. */
  prepare(ctx: ActionContext, target: Target, input: I): Promise<Prepared>;
}

export async function performAction<I extends BaseInput>(
  spec: ActionSpec<I>,
  who: Identity,
  clusterParam: string,
  target: Target,
  body: unknown,
): Promise<ActionResult> {
  const cluster = resolveCluster(clusterParam);
  if (!cluster) return failure('not-found', `No cluster named ${clusterParam}`);
  const parsed = spec.input.safeParse(body);
  if (!parsed.success) return failure('invalid', `Invalid request: ${z.prettifyError(parsed.error)}`);
  const input = parsed.data;
  const what = `${target.kind} ${target.namespace}/${target.name}`;
  try {
    await assertMayMutate(who, cluster.name);
  } catch (err) {
    // A change refused for want of elevation is still an attempt: it is recorded (denied) before
    // the refusal is returned, and nothing is sent to the cluster.
    await audited({ ...attemptOf(spec, cluster.name, who, target, input), params: requested(input) }, () =>
      Promise.reject(err),
    ).catch(() => undefined);
    return errorResult(err, what);
  }
  const key = JSON.stringify({ a: spec.name, c: cluster.name, t: target, input });
  return once(who.user, input.requestId, key, () =>
    execute(spec, { cluster, who, kube: userKube(cluster, who) }, target, input),
  );
}

/**
 * What the person asked for, as changes from an unknown value (e.g. { replicas: { from: null, to: 5 } }),
 * for attempts refused before the object was read.
 */
function requested(input: BaseInput): Record<string, unknown> {
  const { requestId: _id, resourceVersion: _rv, generation: _gen, reason: _reason, ...rest } = input;
  return Object.fromEntries(Object.entries(rest).map(([key, to]) => [key, { from: null, to }]));
}

function attemptOf<I extends BaseInput>(spec: ActionSpec<I>, cluster: string, who: Identity, target: Target, input: I) {
  return {
    requestId: input.requestId,
    user: who.user,
    groups: who.groups,
    cluster,
    kind: target.kind,
    namespace: target.namespace,
    name: target.name,
    action: spec.name,
    reason: input.reason || undefined,
    resourceVersion: input.resourceVersion,
  };
}

async function execute<I extends BaseInput>(
  spec: ActionSpec<I>,
  ctx: ActionContext,
  target: Target,
  input: I,
): Promise<ActionResult> {
  const what = `${target.kind} ${target.namespace}/${target.name}`;
  const attempt = attemptOf(spec, ctx.cluster.name, ctx.who, target, input);
  try {
    let prepared: Prepared;
    try {
      prepared = await spec.prepare(ctx, target, input);
    } catch (readError) {
      // Even a failed read (e.g. 403 for someone who may not see it) leaves a trace.
      await audited({ ...attempt, params: requested(input), resourceVersion: input.resourceVersion }, () =>
        Promise.reject(readError),
      );
      throw readError;
    }
    const recorded = {
      ...attempt,
      params: prepared.params,
      resourceVersion: prepared.resourceVersion ?? input.resourceVersion,
    };
    const done = await audited(recorded, prepared.run, { changes: changesOfWrite });
    if (prepared.followUp) return await prepared.followUp(recorded, done);
    return {
      ok: true,
      message: done.message,
      resourceVersion: done.resourceVersion,
      params: prepared.params,
      ...(done.newRevision !== undefined ? { newRevision: done.newRevision } : {}),
    };
  } catch (err) {
    return errorResult(err, what);
  }
}
