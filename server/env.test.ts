import { homedir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { InvalidEnvError, parseServerEnv } from './env';

describe('parseServerEnv', () => {
  it('defaults to the local cluster the project brings up', () => {
    expect(parseServerEnv({})).toEqual({
      kubeconfigPath: join(homedir(), '.cache', 'wheelhouse', 'cluster', 'kubeconfig'),
      context: 'dashboard',
      clusterName: 'local',
      k8sTimeoutMs: 8000,
    });
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

  it('reads the development identity; no user means nobody is signed in', () => {
    expect(parseServerEnv({}).devIdentity).toBeUndefined();
    expect(parseServerEnv({ WHEELHOUSE_DEV_GROUPS: 'wheelhouse:operators' }).devIdentity).toBeUndefined();
    expect(
      parseServerEnv({ WHEELHOUSE_DEV_USER: 'alice', WHEELHOUSE_DEV_GROUPS: ' wheelhouse:operators, ,team-a ' })
        .devIdentity,
    ).toEqual({ user: 'alice', groups: ['wheelhouse:operators', 'team-a'] });
    expect(parseServerEnv({ WHEELHOUSE_DEV_USER: 'bob' }).devIdentity).toEqual({ user: 'bob', groups: [] });
  });
});
