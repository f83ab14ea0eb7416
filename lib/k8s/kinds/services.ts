import {
  ageColumn,
  baseSummary,
  byAge,
  byName,
  defaultSearchText,
  type BaseSummary,
  type KindDescriptor,
} from '@/lib/k8s/kinds/descriptor';
import type { KubeObject } from '@/lib/k8s/object';
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
  spec?: {
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    externalIPs?: string[];
    externalName?: string;
    selector?: Record<string, string>;
    ports?: { port: number; protocol?: string; nodePort?: number; name?: string }[];
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
};

export const servicesKind: KindDescriptor<ServiceSummary> = {
  id: 'services',
  title: 'Services',
  titleSingular: 'Service',
  description: 'Services: type, addresses, ports and the pods they select.',
  nav: { group: 'network', order: 10 },
  detail: {},
  kind: 'Service',
  group: '',
  versions: ['v1'],
  plural: 'services',
  namespaced: true,
  indexes: [],
  toSummary(obj: KubeObject): ServiceSummary {
    const s = obj as ServiceObject;
    return {
      ...baseSummary(obj),
      type: s.spec?.type ?? 'ClusterIP',
      // printService: the first of spec.clusterIPs (dual-stack), "<none>" without one (ExternalName).
      clusterIP: s.spec?.clusterIPs?.[0] ?? s.spec?.clusterIP ?? '<none>',
      externalIP: serviceExternalIP(s),
      ports:
        (s.spec?.ports ?? [])
          .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`)
          .join(',') || '<none>',
      selector: s.spec?.selector ?? {},
    };
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
