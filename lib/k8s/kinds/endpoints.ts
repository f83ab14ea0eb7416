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
import { routes } from '@/lib/routes';
import {
  endpointsText,
  type EndpointAddress,
  type EndpointSubset,
  subsetAddresses,
} from '@/lib/k8s/status/service-endpoints';

// Endpoints (core v1), not EndpointSlices, back a Service's "Endpoints:": kubectl describe read them
// up to v1.30 (kubernetes/kubernetes#124598 moved it to EndpointSlices in v1.31), and on this 1.20
// cluster the built-in `view` role grants endpoints but not discovery.k8s.io endpointslices, so only
// Endpoints can be read as the person. They carry ready (`addresses`) and not-ready
// (`notReadyAddresses`) addresses per port set, which is what the Service page shows.

export interface EndpointsSummary extends BaseSummary {
  subsets: EndpointSubset[];
  /** kubectl's ENDPOINTS cell: ready ip:port, three shown. */
  endpointsText: string;
  ready: number;
  notReady: number;
}

type EndpointsObject = KubeObject & {
  subsets?: {
    addresses?: RawAddress[];
    notReadyAddresses?: RawAddress[];
    ports?: { name?: string; port: number; protocol?: string }[];
  }[];
};

interface RawAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind?: string; name?: string };
}

function address(a: RawAddress): EndpointAddress {
  const pod = a.targetRef?.kind === 'Pod' ? a.targetRef.name : undefined;
  return { ip: a.ip, ...(pod ? { pod } : {}), ...(a.nodeName ? { node: a.nodeName } : {}) };
}

export const endpointsKind: KindDescriptor<EndpointsSummary> = {
  id: 'endpoints',
  title: 'Endpoints',
  titleSingular: 'Endpoints',
  description: 'The ready and not-ready addresses behind each Service, per port.',
  nav: { group: 'network', order: 30 },
  kind: 'Endpoints',
  group: '',
  versions: ['v1'],
  plural: 'endpoints',
  namespaced: true,
  indexes: [],
  toSummary(obj: KubeObject): EndpointsSummary {
    const subsets: EndpointSubset[] = ((obj as EndpointsObject).subsets ?? []).map((s) => ({
      ready: (s.addresses ?? []).map(address),
      notReady: (s.notReadyAddresses ?? []).map(address),
      ports: (s.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' })),
    }));
    const all = subsetAddresses(subsets);
    return withBase(obj, {
      subsets,
      endpointsText: endpointsText(subsets),
      ready: all.ready,
      notReady: all.notReady,
    });
  },
  searchText: defaultSearchText,
  sorts: { name: byName, age: byAge },
  defaultSort: 'name',
  columns: [
    { id: 'endpoints', title: 'Endpoints', cell: 'mono', value: (s) => s.endpointsText },
    {
      id: 'ready',
      title: 'Ready',
      cell: 'badge',
      value: (s) => `${s.ready} ready${s.notReady ? `, ${s.notReady} not ready` : ''}`,
      tone: (s) => (s.notReady ? 'amber' : s.ready ? 'green' : 'slate'),
    },
    ageColumn,
  ],
  detail: {
    facts: (obj, s, { cluster }) => [
      {
        label: 'Service',
        value: s.name,
        href: routes.object(cluster, 'services', obj.metadata.namespace, s.name),
        hint: 'Endpoints carry the name of the Service they belong to',
      },
      { label: 'Ready addresses', value: String(s.ready), tone: s.ready ? 'green' : 'slate' },
      { label: 'Not-ready addresses', value: String(s.notReady), tone: s.notReady ? 'amber' : 'slate' },
    ],
    tables: (_obj, s) => [
      {
        id: 'addresses',
        title: 'Addresses',
        columns: ['Address', 'Ready', 'Pod', 'Node', 'Ports'],
        rows: s.subsets.flatMap((sub) => {
          const ports = sub.ports.map((p) => `${p.name ? `${p.name} ` : ''}${p.port}/${p.protocol}`).join(', ');
          const row = (a: EndpointAddress, ready: boolean) => [
            a.ip,
            ready ? 'yes' : 'no',
            a.pod ?? '',
            a.node ?? '',
            ports,
          ];
          return [...sub.ready.map((a) => row(a, true)), ...sub.notReady.map((a) => row(a, false))];
        }),
        empty: 'No addresses: no pod matches the Service selector, or none has an IP yet.',
      },
    ],
    conditions: false,
  },
};
