import { describe, expect, it } from 'vitest';

import { kubectlCommand, shellWord } from './kubectl';

const storefront = { kind: 'Deployment', namespace: 'shop-frontend', name: 'storefront' };

describe('kubectlCommand', () => {
  it('writes the command kubectl takes for each action', () => {
    expect(kubectlCommand(storefront, { action: 'rollback', toRevision: 3 })).toBe(
      'kubectl rollout undo deployment/storefront -n shop-frontend --to-revision=3',
    );
    expect(kubectlCommand(storefront, { action: 'scale', replicas: 4 })).toBe(
      'kubectl scale deployment/storefront -n shop-frontend --replicas=4',
    );
    expect(kubectlCommand(storefront, { action: 'restart' })).toBe(
      'kubectl rollout restart deployment/storefront -n shop-frontend',
    );
    expect(kubectlCommand(storefront, { action: 'abort', toRevision: 2 })).toBe(
      'kubectl rollout undo deployment/storefront -n shop-frontend --to-revision=2 && ' +
        'kubectl rollout pause deployment/storefront -n shop-frontend',
    );
    expect(kubectlCommand({ kind: 'StatefulSet', namespace: 'data', name: 'pg' }, { action: 'pause' })).toBe(
      'kubectl rollout pause statefulset/pg -n data',
    );
  });

  it('quotes the HPA patch for a shell', () => {
    expect(
      kubectlCommand(
        { kind: 'HorizontalPodAutoscaler', namespace: 'shop-frontend', name: 'storefront' },
        { action: 'hpa-edit', minReplicas: 2, maxReplicas: 8 },
      ),
    ).toBe(
      `kubectl patch horizontalpodautoscaler/storefront -n shop-frontend --type=merge -p '{"spec":{"minReplicas":2,"maxReplicas":8}}'`,
    );
  });

  it('works on nodes, which have no namespace', () => {
    expect(kubectlCommand({ kind: 'Node', name: 'wh-node-1' }, { action: 'cordon' })).toBe('kubectl cordon wh-node-1');
    expect(kubectlCommand({ kind: 'Node', name: 'wh-node-1' }, { action: 'drain' })).toBe(
      'kubectl drain wh-node-1 --ignore-daemonsets --delete-emptydir-data',
    );
  });

  it('never lets a word break out of its quotes', () => {
    expect(shellWord(`it's; rm -rf /`)).toBe(`'it'\\''s; rm -rf /'`);
    expect(shellWord('plain-word_1.2')).toBe('plain-word_1.2');
  });
});
