import { configMapKeys, formatSize } from '@/lib/k8s/config-data';
import {
  ageColumn,
  byAge,
  byName,
  defaultSearchText,
  type BaseSummary,
  type Fact,
  type KindDescriptor,
  withBase,
} from '@/lib/k8s/kinds/descriptor';
import type { KubeObject } from '@/lib/k8s/object';

// ConfigMaps: kubectl's DATA (keys in data + binaryData) and AGE; the detail lists keys and sizes.
// Values are shown only on the detail page, from the object API — which answers only a person the
// API server lets `get` the object — collapsed, as untrusted text (components/kinds/configmaps/).

export interface ConfigMapSummary extends BaseSummary {
  /** kubectl's DATA: keys in data plus binaryData. */
  dataCount: number;
  /** Sum of all values' sizes, bytes. */
  bytes: number;
  immutable: boolean;
}

export function configMapSummary(obj: KubeObject): ConfigMapSummary {
  const keys = configMapKeys(obj);
  return withBase(obj, {
    dataCount: keys.length,
    bytes: keys.reduce((n, k) => n + k.bytes, 0),
    immutable: obj.immutable === true,
  });
}

function facts(s: ConfigMapSummary): Fact[] {
  return [
    { label: 'Keys', value: String(s.dataCount) },
    { label: 'Total size', value: formatSize(s.bytes) },
    {
      label: 'Immutable',
      value: s.immutable ? 'yes' : 'no',
      hint: 'An immutable ConfigMap cannot be edited, only replaced',
    },
  ];
}

export const configMapsKind: KindDescriptor<ConfigMapSummary> = {
  id: 'configmaps',
  title: 'ConfigMaps',
  titleSingular: 'ConfigMap',
  description: 'Configuration as keys and values; who reads each ConfigMap through env, envFrom or volumes.',
  nav: { group: 'config', order: 10 },
  kind: 'ConfigMap',
  group: '',
  versions: ['v1'],
  plural: 'configmaps',
  namespaced: true,
  indexes: [],
  toSummary: configMapSummary,
  searchText: (s) => defaultSearchText(s),
  sorts: {
    name: byName,
    age: byAge,
    data: (a, b) => a.dataCount - b.dataCount || byName(a, b),
  },
  defaultSort: 'name',
  columns: [{ id: 'data', title: 'Data', cell: 'number', value: (s) => s.dataCount, sort: 'data' }, ageColumn],
  detail: {
    facts: (_obj, s) => facts(s),
    tables: (obj) => [
      {
        id: 'keys',
        title: 'Keys',
        columns: ['Key', 'Size', 'Kind'],
        rows: configMapKeys(obj).map((k) => [k.key, formatSize(k.bytes), k.binary ? 'binaryData' : 'data']),
        empty: 'This ConfigMap holds no keys.',
      },
    ],
    conditions: false,
    panel: true,
  },
};
