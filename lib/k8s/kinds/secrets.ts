import { formatSize } from '@/lib/k8s/config-data';
import {
  ageColumn,
  byAge,
  byName,
  compareText,
  defaultSearchText,
  type BaseSummary,
  type Fact,
  type KindDescriptor,
  withBase,
} from '@/lib/k8s/kinds/descriptor';
import type { KubeObject } from '@/lib/k8s/object';

// Secrets: TYPE, DATA and AGE as kubectl prints them, keys and sizes on the detail page — never a
// value (ADR 0019). The objects this descriptor sees were stripped on the server (lib/k8s/config-data.ts
// stripSecret): `dataBytes` (key → bytes) instead of `data`. Read as the person on demand: the
// dashboard's identity may not list Secrets (ADR 0013).

export interface SecretSummary extends BaseSummary {
  type: string;
  /** Keys and decoded sizes, sorted by key. */
  keys: { key: string; bytes: number }[];
  immutable: boolean;
}

function sizesOf(obj: KubeObject): { key: string; bytes: number }[] {
  const sizes = obj.dataBytes;
  if (typeof sizes !== 'object' || sizes === null) return [];
  return Object.entries(sizes)
    .filter((e): e is [string, number] => typeof e[1] === 'number')
    .map(([key, bytes]) => ({ key, bytes }))
    .sort((a, b) => compareText(a.key, b.key));
}

export function secretSummary(obj: KubeObject): SecretSummary {
  return withBase(obj, {
    type: typeof obj.type === 'string' ? obj.type : 'Opaque',
    keys: sizesOf(obj),
    immutable: obj.immutable === true,
  });
}

function facts(obj: KubeObject, s: SecretSummary): Fact[] {
  const out: Fact[] = [
    { label: 'Type', value: s.type, mono: true },
    { label: 'Keys', value: String(s.keys.length) },
    { label: 'Immutable', value: s.immutable ? 'yes' : 'no' },
  ];
  const account = obj.metadata.annotations?.['kubernetes.io/service-account.name'];
  if (s.type === 'kubernetes.io/service-account-token' && account) {
    out.push({ label: 'ServiceAccount', value: account, hint: 'A token of this ServiceAccount' });
  }
  return out;
}

export const secretsKind: KindDescriptor<SecretSummary> = {
  id: 'secrets',
  title: 'Secrets',
  titleSingular: 'Secret',
  description: 'Secrets by type, with their keys and sizes. Values never leave the server.',
  nav: { group: 'config', order: 20 },
  kind: 'Secret',
  group: '',
  versions: ['v1'],
  plural: 'secrets',
  namespaced: true,
  indexes: [],
  readAs: 'person',
  toSummary: secretSummary,
  searchText: (s) => `${defaultSearchText(s)} ${s.type}`.toLowerCase(),
  sorts: {
    name: byName,
    age: byAge,
    type: (a, b) => compareText(a.type, b.type) || byName(a, b),
  },
  defaultSort: 'name',
  columns: [
    { id: 'type', title: 'Type', cell: 'mono', value: (s) => s.type, sort: 'type' },
    { id: 'data', title: 'Data', cell: 'number', value: (s) => s.keys.length },
    ageColumn,
  ],
  detail: {
    facts: (obj, s) => facts(obj, s),
    tables: (_obj, s) => [
      {
        id: 'keys',
        title: 'Keys',
        columns: ['Key', 'Size'],
        rows: s.keys.map((k) => [k.key, formatSize(k.bytes)]),
        empty: 'This Secret holds no keys.',
      },
    ],
    conditions: false,
    panel: true,
  },
};
