import { describe, expect, it } from 'vitest';

import { parseServerEnv } from '@/server/env';

import {
  ClustersConfigError,
  clustersFromEnv,
  parseClustersFile,
  sanitizeClusterName,
  type KubeconfigContexts,
} from './clusters';

const localContexts: KubeconfigContexts = {
  current: 'admin',
  contexts: ['admin', 'alice', 'bob', 'dashboard'].map((name) => ({ name, server: 'https://127.0.0.1:6443' })),
};

const fleet: KubeconfigContexts = {
  current: 'prod_EU',
  contexts: [
    { name: 'prod_EU', server: 'https://eu.example:6443' },
    { name: 'Staging.US', server: 'https://us.example:6443' },
  ],
};

describe('clustersFromEnv', () => {
  it('defaults to one cluster "local" from the dashboard context, without reading the kubeconfig', () => {
    const clusters = clustersFromEnv(parseServerEnv({ HOME_UNUSED: 'x' }), () => {
      throw new Error('must not read');
    });
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({ name: 'local', source: { type: 'kubeconfig', context: 'dashboard' } });
    expect(clusters[0]?.prometheus).toBeUndefined();
  });

  it('gives the primary cluster WHEELHOUSE_PROMETHEUS_URL', () => {
    const env = parseServerEnv({ WHEELHOUSE_PROMETHEUS_URL: 'http://127.0.0.1:9090' });
    expect(clustersFromEnv(env)[0]?.prometheus).toEqual({ url: 'http://127.0.0.1:9090' });
  });

  it('serves every context of a dashboard kubeconfig, names sanitised to DNS labels', () => {
    const env = parseServerEnv({ WHEELHOUSE_CONTEXTS: '*' });
    const clusters = clustersFromEnv(env, () => fleet);
    expect(clusters.map((c) => [c.name, c.source])).toEqual([
      ['prod-eu', { type: 'kubeconfig', path: env.kubeconfigPath, context: 'prod_EU' }],
      ['staging-us', { type: 'kubeconfig', path: env.kubeconfigPath, context: 'Staging.US' }],
    ]);
  });

  it('accepts explicit names and rejects unknown contexts', () => {
    const env = parseServerEnv({ WHEELHOUSE_CONTEXTS: 'eu=prod_EU' });
    expect(clustersFromEnv(env, () => fleet).map((c) => c.name)).toEqual(['eu']);
    const bad = parseServerEnv({ WHEELHOUSE_CONTEXTS: 'nope' });
    expect(() => clustersFromEnv(bad, () => fleet)).toThrow(/context "nope"/);
  });

  it('refuses several contexts (identities) for one API server', () => {
    const env = parseServerEnv({ WHEELHOUSE_CONTEXTS: '*' });
    expect(() => clustersFromEnv(env, () => localContexts)).toThrow(/"admin" and "alice" .* both point at/);
    const one = parseServerEnv({ WHEELHOUSE_CONTEXTS: 'local=dashboard' });
    expect(clustersFromEnv(one, () => localContexts).map((c) => c.name)).toEqual(['local']);
  });

  it('rejects duplicate and invalid names with a clear error', () => {
    const dup = parseServerEnv({ WHEELHOUSE_CONTEXTS: 'a=prod_EU,a=Staging.US' });
    expect(() => clustersFromEnv(dup, () => fleet)).toThrow(ClustersConfigError);
    expect(() => clustersFromEnv(dup, () => fleet)).toThrow(/"a" is used twice/);
    const invalid = parseServerEnv({ WHEELHOUSE_CONTEXTS: 'Prod=prod_EU' });
    expect(() => clustersFromEnv(invalid, () => fleet)).toThrow(/not a DNS label/);
  });

  it('uses the service account only inside a pod', () => {
    const outside = parseServerEnv({ WHEELHOUSE_IN_CLUSTER: 'true' });
    expect(clustersFromEnv(outside)[0]?.source.type).toBe('kubeconfig');
    const inside = parseServerEnv({
      WHEELHOUSE_IN_CLUSTER: 'true',
      KUBERNETES_SERVICE_HOST: '10.0.0.1',
      WHEELHOUSE_CLUSTER_NAME: 'home',
    });
    expect(clustersFromEnv(inside)).toEqual([{ name: 'home', source: { type: 'in-cluster' } }]);
  });
});

describe('parseClustersFile', () => {
  it('reads YAML with kubeconfig paths relative to the file', () => {
    const text = [
      'clusters:',
      '  - name: eu',
      '    kubeconfig: ./eu.kubeconfig',
      '    context: wheelhouse',
      '    prometheus: { url: "https://prom.eu:9090", bearerToken: t0k }',
      '  - name: home',
      '    inCluster: true',
    ].join('\n');
    expect(parseClustersFile(text, '/etc/wheelhouse/clusters.yaml')).toEqual([
      {
        name: 'eu',
        prometheus: { url: 'https://prom.eu:9090', bearerToken: 't0k' },
        source: { type: 'kubeconfig', path: '/etc/wheelhouse/eu.kubeconfig', context: 'wheelhouse' },
      },
      { name: 'home', prometheus: undefined, source: { type: 'in-cluster' } },
    ]);
  });

  it('reads JSON and reports schema errors with their path', () => {
    const json = JSON.stringify({ clusters: [{ name: 'Bad_Name', kubeconfig: '/k' }] });
    expect(() => parseClustersFile(json, '/c.json')).toThrow(/clusters\.0\.name: must be a DNS label/);
    const neither = JSON.stringify({ clusters: [{ name: 'x' }] });
    expect(() => parseClustersFile(neither, '/c.json')).toThrow(/needs either "kubeconfig"/);
    const typo = JSON.stringify({ clusters: [{ name: 'x', inCluster: true, promethues: {} }] });
    expect(() => parseClustersFile(typo, '/c.json')).toThrow(/promethues/);
  });

  it('rejects duplicates and unparsable text', () => {
    const dup = JSON.stringify({
      clusters: [
        { name: 'a', inCluster: true },
        { name: 'a', kubeconfig: '/k' },
      ],
    });
    expect(() => parseClustersFile(dup, '/c.json')).toThrow(/"a" is used twice in \/c\.json/);
    expect(() => parseClustersFile('{', '/c.json')).toThrow(/not valid YAML\/JSON/);
  });
});

describe('sanitizeClusterName', () => {
  it('maps context names to DNS labels', () => {
    expect(sanitizeClusterName('arn:aws:eks:eu-west-1:123:cluster/Prod')).toBe(
      'arn-aws-eks-eu-west-1-123-cluster-prod',
    );
    expect(sanitizeClusterName('--Kind_Local--')).toBe('kind-local');
    expect(sanitizeClusterName('x'.repeat(80))).toHaveLength(63);
  });
});
