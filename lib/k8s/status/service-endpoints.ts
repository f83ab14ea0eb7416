// A Service's endpoints per port, from its Endpoints object, as `kubectl describe service` prints
// "Endpoints:" for each port (kubectl v1.30 describe.go describeService → formatEndpoints with the
// port's name) and `kubectl get endpoints` prints ENDPOINTS (printers.go formatEndpoints, v1.30).
// kubectl shows ready addresses only; the dashboard lists the not-ready ones beside them, since
// "why is this pod not receiving traffic" is the question the page answers.

export interface EndpointAddress {
  ip: string;
  pod?: string;
  node?: string;
}

export interface EndpointSubset {
  ready: EndpointAddress[];
  notReady: EndpointAddress[];
  ports: { name: string; port: number; protocol: string }[];
}

export interface ServicePortLike {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  nodePort?: number;
}

export interface PortEndpoints {
  /** The Service port, e.g. "http 80/TCP". */
  servicePort: string;
  /** ip:port of each ready address. */
  ready: (EndpointAddress & { hostPort: string })[];
  notReady: (EndpointAddress & { hostPort: string })[];
}

const SHOWN = 3;

function hostPort(ip: string, port: number): string {
  // net.JoinHostPort: brackets around IPv6 addresses.
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** kubectl's ENDPOINTS cell (all ports); "<none>" without subsets or ready addresses. */
export function endpointsText(subsets: readonly EndpointSubset[], portName?: string): string {
  const list: string[] = [];
  let count = 0;
  const add = (text: string) => {
    if (list.length < SHOWN) list.push(text);
    count++;
  };
  for (const ss of subsets) {
    // Headless Services may have no ports: the addresses alone.
    if (ss.ports.length === 0) for (const a of ss.ready) add(a.ip);
    for (const p of ss.ports) {
      if (portName !== undefined && p.name !== portName) continue;
      for (const a of ss.ready) add(hostPort(a.ip, p.port));
    }
  }
  // Deliberate difference: kubectl prints an empty cell when subsets hold only not-ready addresses.
  if (!list.length) return '<none>';
  return count > SHOWN ? `${list.join(',')} + ${count - SHOWN} more...` : list.join(',');
}

export function subsetAddresses(subsets: readonly EndpointSubset[]): { ready: number; notReady: number } {
  return {
    ready: subsets.reduce((n, s) => n + s.ready.length, 0),
    notReady: subsets.reduce((n, s) => n + s.notReady.length, 0),
  };
}

export function servicePortText(p: ServicePortLike): string {
  return `${p.name ? `${p.name} ` : ''}${p.port}/${p.protocol ?? 'TCP'}`;
}

/**
 * Ready and not-ready addresses behind each Service port. The endpoints controller names each
 * Endpoints port after the Service port it serves, with the resolved target port as its number.
 */
export function endpointsByPort(
  servicePorts: readonly ServicePortLike[],
  subsets: readonly EndpointSubset[],
): PortEndpoints[] {
  if (servicePorts.length === 0) {
    // A headless Service without ports: its addresses, with no port to join.
    const ready = subsets.flatMap((s) => s.ready.map((a) => ({ ...a, hostPort: a.ip })));
    const notReady = subsets.flatMap((s) => s.notReady.map((a) => ({ ...a, hostPort: a.ip })));
    return ready.length || notReady.length ? [{ servicePort: '(no ports)', ready, notReady }] : [];
  }
  return servicePorts.map((sp) => {
    const name = sp.name ?? '';
    const ready: PortEndpoints['ready'] = [];
    const notReady: PortEndpoints['notReady'] = [];
    for (const ss of subsets)
      for (const p of ss.ports) {
        if (p.name !== name) continue;
        for (const a of ss.ready) ready.push({ ...a, hostPort: hostPort(a.ip, p.port) });
        for (const a of ss.notReady) notReady.push({ ...a, hostPort: hostPort(a.ip, p.port) });
      }
    return { servicePort: servicePortText(sp), ready, notReady };
  });
}
