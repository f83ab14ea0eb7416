import type { DetailTable, Fact } from '@/lib/k8s/kinds/descriptor';
import { loadBalancerAddresses, type LoadBalancerIngress } from '@/lib/k8s/status/network-columns';

// A Service's detail facts, in the order `kubectl describe service` prints them (kubectl v1.30
// describe.go describeService), with the cases a person at 3 a.m. has to read twice said in words:
// headless ("None"), an ExternalName alias, a LoadBalancer still <pending>.

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  nodePort?: number;
}

export interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  externalIPs?: string[];
  externalName?: string;
  selector?: Record<string, string>;
  ports?: ServicePort[];
  sessionAffinity?: string;
  sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
  externalTrafficPolicy?: string;
  healthCheckNodePort?: number;
  loadBalancerIP?: string;
  loadBalancerSourceRanges?: string[];
  publishNotReadyAddresses?: boolean;
}

export interface ServiceLikeObject {
  metadata: { namespace?: string; name: string };
  spec?: ServiceSpec;
  status?: { loadBalancer?: { ingress?: LoadBalancerIngress[] } };
}

export function selectorText(selector: Record<string, string> | undefined): string {
  return Object.entries(selector ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

export function isHeadless(spec: ServiceSpec | undefined): boolean {
  return spec?.clusterIP === 'None';
}

function clusterIPFacts(spec: ServiceSpec, type: string): Fact[] {
  if (type === 'ExternalName') return [];
  if (isHeadless(spec))
    return [
      {
        label: 'Cluster IP',
        value: 'None (headless)',
        tone: 'blue',
        hint: 'No virtual IP and no load balancing: DNS answers with the ready pods’ own addresses (StatefulSet pods get stable names).',
      },
    ];
  const ips = spec.clusterIPs?.length ? spec.clusterIPs : spec.clusterIP ? [spec.clusterIP] : [];
  return [{ label: ips.length > 1 ? 'Cluster IPs' : 'Cluster IP', value: ips.join(', ') || '<none>', mono: true }];
}

function externalFacts(svc: ServiceLikeObject, type: string): Fact[] {
  const spec = svc.spec ?? {};
  const out: Fact[] = [];
  if (type === 'ExternalName')
    out.push({
      label: 'External name',
      value: spec.externalName ?? '<none>',
      mono: true,
      hint: 'A DNS alias: the cluster DNS answers with a CNAME to this name; no proxying, no endpoints.',
    });
  if (spec.externalIPs?.length) out.push({ label: 'External IPs', value: spec.externalIPs.join(', '), mono: true });
  if (type === 'LoadBalancer') {
    const addresses = loadBalancerAddresses(svc.status?.loadBalancer?.ingress);
    out.push(
      addresses.length
        ? { label: 'Load balancer ingress', value: addresses.join(', '), mono: true }
        : {
            label: 'Load balancer ingress',
            value: '<pending>',
            tone: 'amber',
            hint: 'No load balancer address yet: the cloud controller has not provisioned one (or there is none in this cluster).',
          },
    );
    if (spec.loadBalancerIP) out.push({ label: 'Requested load balancer IP', value: spec.loadBalancerIP, mono: true });
    if (spec.loadBalancerSourceRanges?.length)
      out.push({ label: 'Allowed source ranges', value: spec.loadBalancerSourceRanges.join(', '), mono: true });
  }
  if (type === 'NodePort' || type === 'LoadBalancer') {
    const nodePorts = (spec.ports ?? []).filter((p) => p.nodePort).map((p) => `${p.nodePort}/${p.protocol ?? 'TCP'}`);
    if (nodePorts.length)
      out.push({
        label: 'Node ports',
        value: nodePorts.join(', '),
        mono: true,
        hint: 'Open on every node’s address',
      });
    out.push({
      label: 'External traffic policy',
      value: spec.externalTrafficPolicy ?? 'Cluster',
      hint:
        spec.externalTrafficPolicy === 'Local'
          ? 'Local: only nodes running a ready pod take traffic; the client address is kept.'
          : 'Cluster: any node forwards to any pod; the client address is replaced by the node’s.',
    });
    if (spec.healthCheckNodePort)
      out.push({ label: 'Health check node port', value: String(spec.healthCheckNodePort), mono: true });
  }
  return out;
}

export function serviceFacts(svc: ServiceLikeObject): Fact[] {
  const spec = svc.spec ?? {};
  const type = spec.type ?? 'ClusterIP';
  const selector = selectorText(spec.selector);
  const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
  const affinity = spec.sessionAffinity ?? 'None';
  return [
    { label: 'Type', value: type },
    ...clusterIPFacts(spec, type),
    ...externalFacts(svc, type),
    selector
      ? { label: 'Selector', value: selector, mono: true }
      : {
          label: 'Selector',
          value: type === 'ExternalName' ? '<none>' : '<none>: endpoints are managed by hand',
          hint: 'Without a selector Kubernetes picks no pods; someone writes the Endpoints object.',
        },
    {
      label: 'Session affinity',
      value: affinity === 'ClientIP' ? `ClientIP${timeout ? ` (${timeout} s)` : ''}` : 'None',
      hint: affinity === 'ClientIP' ? 'Requests from one client address go to the same pod' : undefined,
    },
    ...(spec.publishNotReadyAddresses
      ? [{ label: 'Publishes not-ready addresses', value: 'yes', hint: 'Pods are in DNS before they are ready' }]
      : []),
  ];
}

/** kubectl describe's Port / TargetPort / NodePort lines as one table. */
export function servicePortsTable(spec: ServiceSpec | undefined): DetailTable {
  const withNodePort = (spec?.ports ?? []).some((p) => p.nodePort);
  return {
    id: 'ports',
    title: 'Ports',
    columns: ['Name', 'Port', 'Target port', 'Protocol', ...(withNodePort ? ['Node port'] : [])],
    rows: (spec?.ports ?? []).map((p) => [
      p.name || '<unset>',
      String(p.port),
      // The API server defaults targetPort to port; an older object may lack it.
      String(p.targetPort ?? p.port),
      p.protocol ?? 'TCP',
      ...(withNodePort ? [p.nodePort ? String(p.nodePort) : ''] : []),
    ]),
    empty: spec?.type === 'ExternalName' ? 'No ports: an ExternalName Service is only a DNS alias.' : 'No ports.',
  };
}
