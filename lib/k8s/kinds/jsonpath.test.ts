import { describe, expect, it } from 'vitest';

import { evaluateJsonPath, parseJsonPath } from '@/lib/k8s/kinds/jsonpath';

const obj = {
  metadata: { name: 'x', labels: { 'app.kubernetes.io/name': 'web' } },
  spec: { replicas: 3, suspend: false, items: [{ name: 'a' }, { name: 'b' }] },
  status: {
    conditions: [
      { type: 'Ready', status: 'False', message: 'no snapshot class' },
      { type: 'Synced', status: 'True' },
    ],
    observedGeneration: 2,
  },
};

const run = (p: string) => {
  const path = parseJsonPath(p);
  if (!path) throw new Error(`not parsed: ${p}`);
  return evaluateJsonPath(path, obj);
};

describe('parseJsonPath / evaluateJsonPath (kubectl printer-column subset)', () => {
  it('follows fields, indexes and [*]', () => {
    expect(run('.spec.replicas')).toEqual([3]);
    expect(run('.spec.suspend')).toEqual([false]);
    expect(run('.spec.items[1].name')).toEqual(['b']);
    expect(run('.spec.items[*].name')).toEqual(['a', 'b']);
    expect(run('{.spec.items[0].name}')).toEqual(['a']);
  });

  it('reads keys with dots and slashes in brackets', () => {
    expect(run(".metadata.labels['app.kubernetes.io/name']")).toEqual(['web']);
  });

  it('filters conditions with == and != (either quote)', () => {
    expect(run('.status.conditions[?(@.type=="Ready")].status')).toEqual(['False']);
    expect(run(".status.conditions[?(@.type=='Synced')].status")).toEqual(['True']);
    expect(run('.status.conditions[?(@.type!="Ready")].type')).toEqual(['Synced']);
    expect(run('.status.conditions[?(@.type=="Missing")].status')).toEqual([]);
  });

  it('finds nothing on a missing path rather than failing', () => {
    expect(run('.status.lastBackupTime')).toEqual([]);
    expect(run('.spec.items[5].name')).toEqual([]);
    expect(run('.spec.replicas.deeper')).toEqual([]);
  });

  it('refuses what is outside the subset', () => {
    expect(parseJsonPath('..name')).toBeUndefined();
    expect(parseJsonPath('.spec.items[0:2]')).toBeUndefined();
    expect(parseJsonPath('spec.replicas')).toBeUndefined();
    expect(parseJsonPath('.status.conditions[?(@.type=~"R.*")]')).toBeUndefined();
  });
});
