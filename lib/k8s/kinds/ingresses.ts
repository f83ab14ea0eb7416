import {
  ageColumn,
  byAge,
  byName,
  defaultSearchText,
  type BaseSummary,
  type KindDescriptor,
  withBase,
} from '@/lib/k8s/kinds/descriptor';
import type { KubeObject } from '@/lib/k8s/object';
import { ingressFacts, type IngressLikeObject } from '@/lib/k8s/kinds/ingress-detail';
import { ingressHostsText, loadBalancerAddresses } from '@/lib/k8s/status/network-columns';

/** kubectl's CLASS, HOSTS, ADDRESS, PORTS plus backends (to relate them to Services) and TLS Secrets. */
export interface IngressSummary extends BaseSummary {
  className: string;
  /** Hosts of the rules that name one (search, links). */
  hosts: string[];
  /** kubectl's HOSTS cell. */
  hostsText: string;
  address: string;
  ports: string;
  backends: string[];
  tlsSecrets: string[];
}

interface Backend {
  service?: { name?: string };
  serviceName?: string;
}

type IngressObject = KubeObject & {
  spec?: {
    ingressClassName?: string;
    defaultBackend?: Backend;
    backend?: Backend;
    tls?: { hosts?: string[]; secretName?: string }[];
    rules?: { host?: string; http?: { paths?: { backend?: Backend }[] } }[];
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
};

const serviceOf = (b: Backend | undefined) => b?.service?.name ?? b?.serviceName;

export const ingressesKind: KindDescriptor<IngressSummary> = {
  id: 'ingresses',
  title: 'Ingresses',
  titleSingular: 'Ingress',
  description: 'Ingresses: hosts, paths and backends.',
  nav: { group: 'network', order: 20 },
  detail: {
    facts: (obj) => ingressFacts(obj as unknown as IngressLikeObject),
    // Routes host → path → Service (linked, checked to exist) and each TLS certificate's state:
    // components/kinds/ingresses.
    panel: true,
    related: [
      {
        kind: 'services',
        title: 'Backend Services',
        match: (obj, svc) => ingressesKind.toSummary(obj).backends.includes(svc.name),
      },
    ],
    conditions: false,
  },
  kind: 'Ingress',
  group: 'networking.k8s.io',
  // networking.k8s.io/v1 from 1.19; v1beta1 shapes (serviceName) are read as well.
  versions: ['v1', 'v1beta1'],
  plural: 'ingresses',
  namespaced: true,
  indexes: [],
  toSummary(obj: KubeObject): IngressSummary {
    const i = obj as IngressObject;
    const rules = i.spec?.rules ?? [];
    const backends = new Set<string>();
    for (const b of [i.spec?.defaultBackend, i.spec?.backend]) if (serviceOf(b)) backends.add(serviceOf(b) ?? '');
    for (const r of rules)
      for (const p of r.http?.paths ?? []) if (serviceOf(p.backend)) backends.add(serviceOf(p.backend) ?? '');
    const tls = i.spec?.tls ?? [];
    return withBase(obj, {
      // kubectl prints <none> without spec.ingressClassName; the deprecated annotation is not a class.
      className: i.spec?.ingressClassName ?? '<none>',
      hosts: rules.map((r) => r.host ?? '').filter(Boolean),
      hostsText: ingressHostsText(rules),
      address: loadBalancerAddresses(i.status?.loadBalancer?.ingress).join(','),
      ports: tls.length ? '80, 443' : '80',
      backends: [...backends],
      tlsSecrets: tls.map((t) => t.secretName ?? '').filter(Boolean),
    });
  },
  searchText: (s) => `${defaultSearchText(s)} ${s.hosts.join(' ')} ${s.backends.join(' ')}`.toLowerCase(),
  sorts: { name: byName, age: byAge },
  defaultSort: 'name',
  columns: [
    { id: 'class', title: 'Class', cell: 'text', value: (s) => s.className },
    { id: 'hosts', title: 'Hosts', cell: 'mono', value: (s) => s.hostsText },
    { id: 'address', title: 'Address', cell: 'mono', value: (s) => s.address },
    { id: 'ports', title: 'Ports', cell: 'text', value: (s) => s.ports },
    ageColumn,
  ],
};
