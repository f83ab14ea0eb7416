// Columns of `kubectl get ingress` and `kubectl get service`, ported from
// kubernetes/kubernetes pkg/printers/internalversion/printers.go, v1.31: formatHosts,
// ingressLoadBalancerStatusStringer / loadBalancerStatusStringer and getServiceExternalIP.
// Deliberate difference: kubectl cuts ADDRESS/EXTERNAL-IP to 16 characters without -o wide; the
// table shows the whole list (it has room, and a cut address cannot be copied).

export interface LoadBalancerIngress {
  ip?: string;
  hostname?: string;
}

/** kubectl shows the first three hosts. */
const SHOWN_HOSTS = 3;

/** HOSTS: hosts of the rules that have one; "*" when none has; "+ N more..." counts all rules. */
export function ingressHostsText(rules: readonly { host?: string }[]): string {
  const hosts = rules.map((r) => r.host ?? '').filter(Boolean);
  if (hosts.length === 0) return '*';
  if (hosts.length <= SHOWN_HOSTS) return hosts.join(',');
  // kubectl stops at three hosts and subtracts three from the number of rules (host-less included).
  return `${hosts.slice(0, SHOWN_HOSTS).join(',')} + ${rules.length - SHOWN_HOSTS} more...`;
}

/** Load balancer addresses: the IP, else the hostname, of each entry; de-duplicated and sorted. */
export function loadBalancerAddresses(ingress: readonly LoadBalancerIngress[] | undefined): string[] {
  const set = new Set<string>();
  for (const i of ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  return [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export interface ServiceLike {
  spec?: { type?: string; externalIPs?: string[]; externalName?: string };
  status?: { loadBalancer?: { ingress?: LoadBalancerIngress[] } };
}

/** EXTERNAL-IP as getServiceExternalIP prints it. */
export function serviceExternalIP(svc: ServiceLike): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const all = [...loadBalancerAddresses(svc.status?.loadBalancer?.ingress), ...externalIPs];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}
