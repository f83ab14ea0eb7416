import 'server-only';

import type { Identity } from '@/server/auth/identity';
import { serverEnv } from '@/server/env';

import { AuditUnavailableError, audited } from './audited';
import { auditDatabase } from './database';
import { ElevationStore, type Elevation } from './elevation-store';

// "Enable changes for N minutes, because …": when WHEELHOUSE_ELEVATION=required, write actions
// are refused until the person starts an elevation with a reason. It grants no rights (Kubernetes
// RBAC still decides every request); it makes a change a deliberate, recorded act (ADR 0005).

export const DEFAULT_ELEVATION_MINUTES = 15;

export class ElevationRequiredError extends Error {
  constructor(message = 'Changes are locked: enable changes (with a reason) first') {
    super(message);
    this.name = 'ElevationRequiredError';
  }
}

export class ElevationOffError extends Error {
  constructor() {
    super('Elevation is not used on this dashboard: changes need no elevation');
    this.name = 'ElevationOffError';
  }
}

export interface ElevationStatus {
  mode: 'off' | 'required';
  maxMinutes: number;
  active: Pick<Elevation, 'reason' | 'startedAt' | 'expiresAt'> | null;
}

async function store(): Promise<ElevationStore> {
  try {
    return new ElevationStore(await auditDatabase());
  } catch (err) {
    throw new AuditUnavailableError('The audit log is unavailable; changes are refused', { cause: err });
  }
}

/** Throws ElevationRequiredError when elevation is required and the user has none running here. */
export async function assertMayMutate(identity: Identity, cluster: string): Promise<void> {
  if (serverEnv().elevation.mode === 'off') return;
  const active = await (await store()).active(identity.user, cluster);
  if (!active) throw new ElevationRequiredError();
}

export async function elevationStatus(identity: Identity, cluster: string): Promise<ElevationStatus> {
  const { mode, maxMinutes } = serverEnv().elevation;
  const active = mode === 'off' ? undefined : await (await store()).active(identity.user, cluster);
  return {
    mode,
    maxMinutes,
    active: active ? { reason: active.reason, startedAt: active.startedAt, expiresAt: active.expiresAt } : null,
  };
}

/** Starts an elevation, recorded in the audit log as action `elevate`. `minutes` is validated by the caller. */
export async function startElevation(
  identity: Identity,
  cluster: string,
  input: { reason: string; minutes: number; requestId: string },
): Promise<Elevation> {
  const { mode, maxMinutes } = serverEnv().elevation;
  if (mode === 'off') throw new ElevationOffError();
  const minutes = Math.min(input.minutes, maxMinutes);
  const elevations = await store();
  return audited(
    {
      requestId: input.requestId,
      user: identity.user,
      groups: identity.groups,
      cluster,
      kind: 'Elevation',
      namespace: null,
      name: identity.user,
      action: 'elevate',
      params: { minutes: { from: null, to: minutes } },
      reason: input.reason,
    },
    () => elevations.start(identity.user, cluster, input.reason, minutes),
  );
}

/** Ends the running elevation early (recorded as `elevate-end`); false when none was running. */
export async function endElevation(identity: Identity, cluster: string, requestId: string): Promise<boolean> {
  const elevations = await store();
  const active = await elevations.active(identity.user, cluster);
  if (!active) return false;
  return audited(
    {
      requestId,
      user: identity.user,
      groups: identity.groups,
      cluster,
      kind: 'Elevation',
      namespace: null,
      name: identity.user,
      action: 'elevate-end',
      params: { expiresAt: { from: active.expiresAt, to: new Date().toISOString() } },
    },
    () => elevations.end(identity.user, cluster),
  );
}
