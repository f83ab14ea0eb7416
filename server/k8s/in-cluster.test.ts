import { describe, expect, it } from 'vitest';

import { parseServerEnv } from '@/server/env';

import { clustersFromEnv, inClusterKubeConfig } from './clusters';
import { KubeError } from './errors';

// The in-cluster source (ADR 0010): the API server from KUBERNETES_SERVICE_HOST/PORT, the token and CA
// from WHEELHOUSE_SERVICEACCOUNT_DIR, the token named by path so a rotated one is read again.
// deploy/in-cluster.int.test.ts runs it for real with a minted token.

describe('inClusterKubeConfig', () => {
  it('reads the token and CA from the mounted directory', () => {
    const env = parseServerEnv({
      WHEELHOUSE_IN_CLUSTER: 'true',
      KUBERNETES_SERVICE_HOST: '10.96.0.1',
      KUBERNETES_SERVICE_PORT: '443',
      WHEELHOUSE_SERVICEACCOUNT_DIR: '/mnt/sa',
    });
    expect(clustersFromEnv(env)).toEqual([{ name: 'local', source: { type: 'in-cluster' } }]);
    const kc = inClusterKubeConfig('local', env);
    expect(kc.getCurrentCluster()).toMatchObject({ server: 'https://10.96.0.1:443', caFile: '/mnt/sa/ca.crt' });
    expect(kc.getCurrentUser()?.authProvider).toEqual({ name: 'tokenFile', config: { tokenFile: '/mnt/sa/token' } });
  });

  it('defaults to the standard mount and brackets an IPv6 service address', () => {
    const env = parseServerEnv({ WHEELHOUSE_IN_CLUSTER: 'true', KUBERNETES_SERVICE_HOST: 'fd00::1' });
    const kc = inClusterKubeConfig('local', env);
    expect(kc.getCurrentCluster()).toMatchObject({
      server: 'https://[fd00::1]:443',
      caFile: '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt',
    });
  });

  it('is a configuration error outside a pod', () => {
    expect(() => inClusterKubeConfig('local', parseServerEnv({}))).toThrow(KubeError);
    expect(() => inClusterKubeConfig('local', parseServerEnv({}))).toThrow(/KUBERNETES_SERVICE_HOST/);
  });
});
