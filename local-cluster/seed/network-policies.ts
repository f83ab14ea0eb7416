// NetworkPolicies for the network pages: shop-backend isolates every pod (default deny, both
// directions) and then allows what the shop needs: the web tier (app=web-gateway in team=shop
// namespaces) into checkout on 8080, and DNS out to kube-dns. data-platform lets only its own query
// and ingest pods reach Postgres. Nothing enforces them here (no CNI): they are read, not obeyed.
import { ensure, type Kube, type Obj } from './kube';

// `_from`, not `from`: @kubernetes/client-node's serializer maps the model attribute `_from` to the
// API's `from` (a reserved word in its generated models) and drops a plain `from` key.
function policy(namespace: string, name: string, spec: Record<string, unknown>): Obj {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace, labels: { 'app.kubernetes.io/part-of': 'wheelhouse-demo' } },
    spec,
  };
}

export const NETWORK_POLICIES: readonly Obj[] = [
  policy('shop-backend', 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
  policy('shop-backend', 'allow-web-to-checkout', {
    podSelector: { matchLabels: { app: 'checkout' } },
    policyTypes: ['Ingress'],
    ingress: [
      {
        _from: [
          {
            podSelector: { matchLabels: { app: 'web-gateway' } },
            namespaceSelector: { matchLabels: { 'wheelhouse.dev/team': 'shop' } },
          },
        ],
        ports: [{ protocol: 'TCP', port: 8080 }],
      },
    ],
  }),
  policy('shop-backend', 'allow-dns-egress', {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [
      {
        to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [
          { protocol: 'UDP', port: 53 },
          { protocol: 'TCP', port: 53 },
        ],
      },
    ],
  }),
  policy('data-platform', 'postgres-clients', {
    podSelector: { matchLabels: { app: 'postgres' } },
    policyTypes: ['Ingress'],
    ingress: [
      {
        _from: [
          { podSelector: { matchLabels: { app: 'query-api' } } },
          { podSelector: { matchLabels: { app: 'ingest' } } },
        ],
        ports: [{ protocol: 'TCP', port: 5432 }],
      },
    ],
  }),
];

export async function seedNetworkPolicies(kube: Kube): Promise<void> {
  kube.log('network policies');
  await Promise.all(NETWORK_POLICIES.map((p) => ensure(kube, p)));
}
