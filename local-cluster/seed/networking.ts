// Services for the workloads and the Ingresses in front of them. Every Ingress TLS block names a
// Secret from the certificate catalog, so the certificate screens can join host → Secret → leaf.
import { ensure, type Kube, type Obj } from './kube';
import { WORKLOADS, type WorkloadSeed } from './workload-catalog';

export const INGRESS_CLASS = 'nginx';

export interface IngressSeed {
  namespace: string;
  name: string;
  hosts: string[];
  service: string;
  tlsSecret: string;
}

export const INGRESSES: readonly IngressSeed[] = [
  {
    namespace: 'shop-frontend',
    name: 'storefront',
    hosts: ['shop.example.test', 'www.shop.example.test'],
    service: 'storefront',
    tlsSecret: 'storefront-tls',
  },
  {
    namespace: 'shop-frontend',
    name: 'web-gateway',
    hosts: ['api.shop.example.test'],
    service: 'web-gateway',
    tlsSecret: 'api-gateway-tls',
  },
  {
    namespace: 'shop-backend',
    name: 'checkout',
    hosts: ['checkout.shop.example.test'],
    service: 'checkout',
    tlsSecret: 'checkout-tls',
  },
  {
    namespace: 'shop-backend',
    name: 'payments',
    hosts: ['payments.shop.example.test'],
    service: 'payments',
    tlsSecret: 'payments-tls',
  },
  {
    namespace: 'data-platform',
    name: 'query-api',
    hosts: ['query.data.example.test'],
    service: 'query-api',
    tlsSecret: 'query-api-tls',
  },
  {
    namespace: 'observability',
    name: 'grafana',
    hosts: ['grafana.example.test'],
    service: 'grafana',
    tlsSecret: 'grafana-tls',
  },
  {
    namespace: 'observability',
    name: 'grafana-legacy',
    hosts: ['grafana-legacy.example.test'],
    service: 'grafana',
    tlsSecret: 'legacy-grafana-tls',
  },
];

export function serviceObject(w: WorkloadSeed): Obj | undefined {
  if (w.kind === 'DaemonSet') return undefined;
  const headless = w.kind === 'StatefulSet';
  const port = headless ? w.port.containerPort : 80;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: w.serviceName ?? w.name, namespace: w.namespace, labels: { app: w.name } },
    spec: {
      ...(headless ? { clusterIP: 'None' } : { type: 'ClusterIP' }),
      selector: { app: w.name },
      ports: [{ name: w.port.name, port, targetPort: w.port.containerPort, protocol: 'TCP' }],
    },
  };
}

export function ingressObject(ing: IngressSeed): Obj {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: ing.name, namespace: ing.namespace, labels: { app: ing.service } },
    spec: {
      ingressClassName: INGRESS_CLASS,
      tls: [{ hosts: ing.hosts, secretName: ing.tlsSecret }],
      rules: ing.hosts.map((host) => ({
        host,
        http: {
          paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: ing.service, port: { number: 80 } } } }],
        },
      })),
    },
  };
}

const ingressClass: Obj = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'IngressClass',
  metadata: { name: INGRESS_CLASS },
  spec: { controller: 'k8s.io/ingress-nginx' },
};

export async function seedNetworking(kube: Kube): Promise<void> {
  kube.log('services and ingresses');
  const services = WORKLOADS.map(serviceObject).filter((s): s is Obj => s !== undefined);
  await ensure(kube, ingressClass);
  await Promise.all([...services, ...INGRESSES.map(ingressObject)].map((o) => ensure(kube, o)));
}
