import type { Fact } from '@/lib/k8s/kinds/descriptor';
import { loadBalancerAddresses, type LoadBalancerIngress } from '@/lib/k8s/status/network-columns';

// An Ingress's routes as a person reads them: host → path (pathType) → backend Service:port, the
// default backend, and TLS entries (kubectl v1.30 describe.go describeIngressV1). networking.k8s.io/v1
// and v1beta1 (serviceName/servicePort) shapes both read.

export interface IngressBackend {
  service?: { name?: string; port?: { number?: number; name?: string } };
  resource?: { apiGroup?: string; kind?: string; name?: string };
  serviceName?: string;
  servicePort?: number | string;
}

export interface IngressSpec {
  ingressClassName?: string;
  defaultBackend?: IngressBackend;
  backend?: IngressBackend;
  tls?: { hosts?: string[]; secretName?: string }[];
  rules?: {
    host?: string;
    http?: { paths?: { path?: string; pathType?: string; backend?: IngressBackend }[] };
  }[];
}

export interface IngressLikeObject {
  metadata: { namespace?: string; name: string; annotations?: Record<string, string> };
  spec?: IngressSpec;
  status?: { loadBalancer?: { ingress?: LoadBalancerIngress[] } };
}

export interface BackendRef {
  /** The Service's name, when the backend is a Service. */
  service?: string;
  /** Port number or name, as written. */
  port?: string;
  /** A non-Service backend ("StorageBucket/static-assets"). */
  resource?: string;
}

export interface IngressRoute {
  /** "*" for a rule without host (any host). */
  host: string;
  path: string;
  pathType: string;
  backend: BackendRef;
}

export function backendRef(b: IngressBackend | undefined): BackendRef | undefined {
  if (!b) return undefined;
  if (b.resource) return { resource: `${b.resource.kind ?? ''}/${b.resource.name ?? ''}` };
  const service = b.service?.name ?? b.serviceName;
  const port = b.service?.port?.number ?? b.service?.port?.name ?? b.servicePort;
  return service ? { service, port: port === undefined ? undefined : String(port) } : undefined;
}

export function backendText(b: BackendRef | undefined): string {
  if (!b) return '<none>';
  if (b.resource) return b.resource;
  return `${b.service ?? ''}${b.port ? `:${b.port}` : ''}`;
}

/** One row per host and path; a rule without http paths routes nothing (kubectl: the default backend). */
export function ingressRoutes(spec: IngressSpec | undefined): IngressRoute[] {
  const out: IngressRoute[] = [];
  for (const r of spec?.rules ?? []) {
    for (const p of r.http?.paths ?? []) {
      out.push({
        host: r.host || '*',
        path: p.path || '/',
        // v1 requires pathType; v1beta1 objects may lack it, which the API treats as ImplementationSpecific.
        pathType: p.pathType ?? 'ImplementationSpecific',
        backend: backendRef(p.backend) ?? {},
      });
    }
  }
  return out;
}

export function defaultBackend(spec: IngressSpec | undefined): BackendRef | undefined {
  return backendRef(spec?.defaultBackend ?? spec?.backend);
}

const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

export function ingressFacts(ing: IngressLikeObject): Fact[] {
  const spec = ing.spec ?? {};
  const annotated = ing.metadata.annotations?.[CLASS_ANNOTATION];
  const addresses = loadBalancerAddresses(ing.status?.loadBalancer?.ingress);
  const def = defaultBackend(spec);
  return [
    spec.ingressClassName
      ? { label: 'Class', value: spec.ingressClassName }
      : annotated
        ? {
            label: 'Class',
            value: `${annotated} (annotation)`,
            hint: `Set by the deprecated ${CLASS_ANNOTATION} annotation`,
          }
        : {
            label: 'Class',
            value: '<none>',
            tone: 'amber',
            hint: 'No class: only a controller marked as the default IngressClass picks it up',
          },
    addresses.length
      ? { label: 'Address', value: addresses.join(', '), mono: true }
      : {
          label: 'Address',
          value: 'none yet',
          hint: 'The ingress controller writes its address here once it serves this Ingress',
        },
    {
      label: 'Default backend',
      value: def ? backendText(def) : '<none>',
      mono: Boolean(def),
      hint: def ? 'Requests that match no rule go here' : 'Requests that match no rule get the controller’s own 404',
    },
    {
      label: 'TLS',
      value: spec.tls?.length
        ? `${spec.tls.length} certificate${spec.tls.length === 1 ? '' : 's'}`
        : 'none: plain HTTP only',
      tone: spec.tls?.length ? undefined : 'amber',
    },
  ];
}
