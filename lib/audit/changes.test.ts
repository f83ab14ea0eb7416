import { describe, expect, it } from 'vitest';

import { changesText, parseChanges, specChanges } from './changes';

const deployment = (image: string, replicas = 3, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'storefront', resourceVersion: '10', managedFields: [{ manager: 'x' }] },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'storefront' } },
    template: {
      metadata: { labels: { app: 'storefront' } },
      spec: {
        containers: [
          { name: 'storefront', image, env: [{ name: 'MODE', value: 'live' }] },
          { name: 'sidecar', image: 'envoy:1.20' },
        ],
        ...extra,
      },
    },
  },
  status: { replicas },
});

describe('specChanges', () => {
  it('records a scale as spec.replicas before and after, and nothing else', () => {
    const before = { ...deployment('shop:1.4.2', 3), status: { replicas: 3, readyReplicas: 3 } };
    const scale = {
      kind: 'Scale',
      metadata: { resourceVersion: '11' },
      spec: { replicas: 5 },
      status: { replicas: 3 },
    };
    expect(specChanges({ spec: { replicas: before.spec.replicas } }, scale)).toEqual({
      fields: [{ path: 'spec.replicas', before: '3', after: '5' }],
      omitted: 0,
    });
  });

  it('names containers by name in a template diff (a rollback), ignoring metadata and status', () => {
    const before = deployment('registry.local/shop/storefront:1.4.2');
    const after = { ...deployment('registry.local/shop/storefront:1.4.1'), status: { replicas: 1 } };
    after.metadata.resourceVersion = '12';
    expect(specChanges(before, after)?.fields).toEqual([
      {
        path: 'spec.template.spec.containers[storefront].image',
        before: 'registry.local/shop/storefront:1.4.2',
        after: 'registry.local/shop/storefront:1.4.1',
      },
    ]);
  });

  it('brackets dotted keys (the restart annotation) and records added and removed fields as (none)', () => {
    const before = deployment('a:1');
    const after = deployment('a:1');
    (after.spec.template.metadata as Record<string, unknown>).annotations = {
      'kubectl.kubernetes.io/restartedAt': '2026-11-24T13:00:00Z',
    };
    (after.spec as Record<string, unknown>).paused = true;
    const changes = specChanges(before, after);
    expect(changes?.fields).toEqual([
      { path: 'spec.paused', before: null, after: 'true' },
      {
        path: 'spec.template.metadata.annotations',
        before: null,
        after: '{"kubectl.kubernetes.io/restartedAt":"2026-11-24T13:00:00Z"}',
      },
    ]);
    expect(changesText(changes)).toBe(
      'spec.paused: (none) → true\nspec.template.metadata.annotations: (none) → {"kubectl.kubernetes.io/restartedAt":"2026-11-24T13:00:00Z"}',
    );
    const a2 = deployment('a:1');
    (a2.spec.template.metadata as Record<string, unknown>).annotations = { 'kubectl.kubernetes.io/restartedAt': 'x' };
    expect(specChanges(a2, after)?.fields).toContainEqual({
      path: 'spec.template.metadata.annotations["kubectl.kubernetes.io/restartedAt"]',
      before: 'x',
      after: '2026-11-24T13:00:00Z',
    });
  });

  it('finds an env change inside a named container, and an added container as a whole', () => {
    const before = deployment('a:1');
    const after = deployment('a:1');
    after.spec.template.spec.containers[0]!.env = [{ name: 'MODE', value: 'maintenance' }];
    after.spec.template.spec.containers.push({ name: 'debug', image: 'busybox' });
    expect(specChanges(before, after)?.fields).toEqual([
      { path: 'spec.template.spec.containers[storefront].env[MODE].value', before: 'live', after: 'maintenance' },
      { path: 'spec.template.spec.containers[debug]', before: null, after: '{"image":"busybox","name":"debug"}' },
    ]);
  });

  it('is empty when the spec did not change (key order does not matter)', () => {
    const a = { spec: { a: 1, b: { c: [1, 2] } } };
    const b = { spec: { b: { c: [1, 2] }, a: 1 } };
    expect(specChanges(a, b)).toEqual({ fields: [], omitted: 0 });
  });

  it('never records a Secret, and drops data/stringData/binaryData anywhere', () => {
    const secret = (v: string) => ({ kind: 'Secret', data: { password: v }, stringData: { p: v }, type: 'Opaque' });
    expect(specChanges(secret('aHVudGVyMg=='), secret('c2VjcmV0'))).toBeNull();
    expect(specChanges({ kind: 'Deployment', spec: {} }, { kind: 'Secret', spec: { x: 1 } })).toBeNull();
    const withData = (v: string, extra?: object) => ({
      spec: { data: { k: v }, stringData: { k: v }, nested: { binaryData: { k: v }, n: 1, ...extra } },
    });
    const changes = specChanges(
      withData('old-secret'),
      withData('new-secret', { added: { data: { k: 'leak' }, ok: 1 } }),
    );
    expect(changes?.fields).toEqual([{ path: 'spec.nested.added', before: null, after: '{"ok":1}' }]);
    expect(JSON.stringify(changes)).not.toMatch(/secret|leak/);
  });

  it('caps the number of paths and the length of each value', () => {
    const before = {
      spec: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${String(i).padStart(2, '0')}`, i])),
    };
    const after = {
      spec: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${String(i).padStart(2, '0')}`, i + 1])),
    };
    const capped = specChanges(before, after, { maxPaths: 5 });
    expect(capped?.fields.map((f) => f.path)).toEqual(['spec.f00', 'spec.f01', 'spec.f02', 'spec.f03', 'spec.f04']);
    expect(capped?.omitted).toBe(25);
    expect(changesText(capped).split('\n').at(-1)).toBe('… and 25 more');
    const long = specChanges({ spec: { image: 'x'.repeat(500) } }, { spec: { image: 'y' } }, { maxValueChars: 10 });
    expect(long?.fields[0]).toEqual({ path: 'spec.image', before: `${'x'.repeat(9)}…`, after: 'y' });
    expect(specChanges(before, after)?.fields).toHaveLength(20);
  });

  it('compares arrays of plain values as one value', () => {
    expect(specChanges({ spec: { args: ['a', 'b'] } }, { spec: { args: ['a', 'c'] } })?.fields).toEqual([
      { path: 'spec.args', before: '["a","b"]', after: '["a","c"]' },
    ]);
  });
});

describe('parseChanges', () => {
  it('accepts what specChanges produced and refuses anything else', () => {
    const changes = specChanges({ spec: { replicas: 1 } }, { spec: { replicas: 2 } });
    expect(parseChanges(JSON.parse(JSON.stringify(changes)))).toEqual(changes);
    expect(parseChanges(null)).toBeNull();
    expect(parseChanges({ fields: [{ path: 1 }], omitted: 0 })).toBeNull();
  });
});
