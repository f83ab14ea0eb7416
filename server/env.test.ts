import { homedir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { InvalidEnvError, parseServerEnv } from './env';

describe('parseServerEnv', () => {
  it('defaults to the local cluster the project brings up', () => {
    expect(parseServerEnv({})).toMatchObject({
      kubeconfigPath: join(homedir(), '.cache', 'wheelhouse', 'cluster', 'kubeconfig'),
      context: 'dashboard',
      clusterName: 'local',
      k8sTimeoutMs: 8000,
      inCluster: false,
      audit: {
        dataDir: join(homedir(), '.cache', 'wheelhouse', 'data'),
        auditorGroups: ['wheelhouse:auditors', 'system:masters'],
      },
      elevation: { mode: 'off', maxMinutes: 60 },
    });
  });

  it('reads the audit store and elevation settings', () => {
    const env = parseServerEnv({
      WHEELHOUSE_DATA_DIR: '/var/lib/wh',
      DATABASE_URL: 'postgres://wh@db/wh',
      WHEELHOUSE_ELEVATION: 'required',
      WHEELHOUSE_ELEVATION_MAX_MINUTES: '30',
      WHEELHOUSE_AUDITOR_GROUPS: 'sec, compliance',
    });
    expect(env.audit).toEqual({
      databaseUrl: 'postgres://wh@db/wh',
      dataDir: '/var/lib/wh',
      auditorGroups: ['sec', 'compliance'],
    });
    expect(env.elevation).toEqual({ mode: 'required', maxMinutes: 30 });
    expect(() => parseServerEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => parseServerEnv({ WHEELHOUSE_ELEVATION: 'sometimes' })).toThrow(/WHEELHOUSE_ELEVATION/);
  });

  it('derives the kubeconfig from WHEELHOUSE_HOME, and an explicit path wins', () => {
    expect(parseServerEnv({ WHEELHOUSE_HOME: '/srv/wh' }).kubeconfigPath).toBe('/srv/wh/cluster/kubeconfig');
    expect(parseServerEnv({ WHEELHOUSE_HOME: '/srv/wh', WHEELHOUSE_KUBECONFIG: '/k' }).kubeconfigPath).toBe('/k');
  });

  it('treats empty strings as unset', () => {
    expect(parseServerEnv({ WHEELHOUSE_CONTEXT: '' }).context).toBe('dashboard');
  });

  it('rejects invalid values with a message naming the variable', () => {
    expect(() => parseServerEnv({ WHEELHOUSE_CLUSTER_NAME: 'Prod_1' })).toThrow(InvalidEnvError);
    expect(() => parseServerEnv({ WHEELHOUSE_K8S_TIMEOUT_MS: 'soon' })).toThrow(/WHEELHOUSE_K8S_TIMEOUT_MS/);
  });

  it('has no development identity any more: WHEELHOUSE_DEV_USER is ignored (ADR 0004)', () => {
    const env = parseServerEnv({ WHEELHOUSE_DEV_USER: 'alice', WHEELHOUSE_DEV_GROUPS: 'wheelhouse:operators' });
    expect(env).not.toHaveProperty('devIdentity');
    expect(env.auth.local).toBeUndefined();
    expect(env.auth.oidc).toBeUndefined();
  });
});
