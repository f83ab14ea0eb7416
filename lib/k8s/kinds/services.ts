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
import { serviceFacts, servicePortsTable, selectorText, type ServiceSpec } from '@/lib/k8s/kinds/service-detail';
import { serviceExternalIP } from '@/lib/k8s/status/network-columns';

/** kubectl's TYPE, CLUSTER-IP, EXTERNAL-IP, PORT(S) plus the selector (to find a workload's Services). */
export interface ServiceSummary extends BaseSummary {
  type: string;
  clusterIP: string;
  externalIP: string;
  ports: string;
  selector: Record<string, string>;
}

type ServiceObject = KubeObject & {
  spec?: ServiceSpec;
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
};

/** The pods a Service selects: none without a selector (an empty one would list every pod). */
function podSelector(obj: KubeObject): string | null {
  return selectorText((obj as ServiceObject).spec?.selector) || null;
}

export const servicesKind: KindDescriptor<ServiceSummary> = {
  id: 'services',
  title: 'Services',
  titleSingular: 'Service',
  description: 'Services: type, addresses, ports and the pods they select.',
  nav: { group: 'network', order: 10 },
  detail: {
    facts: (obj) => serviceFacts(obj as ServiceObject),
    tables: (obj) => [servicePortsTable((obj as ServiceObject).spec)],
    // Endpoints per port, ready and not ready, with links to the pods (components/kinds/services).
    panel: true,
    related: [
      { kind: 'pods', title: 'Pods it selects', selector: podSelector },
      {
        kind: 'endpoints',
        title: 'Endpoints',
        // The endpoints controller names the Endpoints after its Service.
        match: (obj, e) => e.name === obj.metadata.name,
      },
    ],
    conditions: false,
  },
  kind: 'Service',
  group: '',
  versions: ['v1'],
  plural: 'services',
  namespaced: true,
  indexes: [],
  toSummary(obj: KubeObject): ServiceSummary {
    const s = obj as ServiceObject;
    return withBase(obj, {
      type: s.spec?.type ?? 'ClusterIP',
      // printService: the first of spec.clusterIPs (dual-stack), "<none>" without one (ExternalName).
      clusterIP: s.spec?.clusterIPs?.[0] ?? s.spec?.clusterIP ?? '<none>',
      externalIP: serviceExternalIP(s),
      ports:
        (s.spec?.ports ?? [])
          .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`)
          .join(',') || '<none>',
      selector: s.spec?.selector ?? {},
    });
  },
  searchText: (s) => `${defaultSearchText(s)} ${s.type} ${s.clusterIP}`.toLowerCase(),
  sorts: { name: byName, age: byAge },
  defaultSort: 'name',
  columns: [
    { id: 'type', title: 'Type', cell: 'text', value: (s) => s.type },
    { id: 'cluster-ip', title: 'Cluster IP', cell: 'mono', value: (s) => s.clusterIP },
    { id: 'external-ip', title: 'External IP', cell: 'mono', value: (s) => s.externalIP },
    { id: 'ports', title: 'Ports', cell: 'mono', value: (s) => s.ports },
    ageColumn,
  ],
};
