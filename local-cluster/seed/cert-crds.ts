// cert-manager's CustomResourceDefinitions, written by us: the demo has no cert-manager controller,
// only its API. Schemas keep unknown fields (we are not re-validating cert-manager); the printer
// columns are cert-manager's own, so `kubectl get certificates` reads as it would in a real cluster.
import { ensure, readObject, waitFor, type Kube, type Obj } from './kube';

interface Column {
  name: string;
  type: 'string' | 'date';
  jsonPath: string;
  priority?: number;
  description?: string;
}

interface CrdSeed {
  group: 'cert-manager.io' | 'acme.cert-manager.io';
  kind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  scope: 'Namespaced' | 'Cluster';
  columns: Column[];
}

const readyOf = (field: string) => `.status.conditions[?(@.type=="${field}")]`;
const age: Column = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };
const ready: Column = { name: 'Ready', type: 'string', jsonPath: `${readyOf('Ready')}.status` };
const readyMessage: Column = { name: 'Status', type: 'string', jsonPath: `${readyOf('Ready')}.message`, priority: 1 };
const issuer: Column = { name: 'Issuer', type: 'string', jsonPath: '.spec.issuerRef.name', priority: 1 };

export const CERT_MANAGER_CRDS: readonly CrdSeed[] = [
  {
    group: 'cert-manager.io',
    kind: 'Certificate',
    plural: 'certificates',
    singular: 'certificate',
    shortNames: ['cert', 'certs'],
    scope: 'Namespaced',
    columns: [ready, { name: 'Secret', type: 'string', jsonPath: '.spec.secretName' }, issuer, readyMessage, age],
  },
  {
    group: 'cert-manager.io',
    kind: 'CertificateRequest',
    plural: 'certificaterequests',
    singular: 'certificaterequest',
    shortNames: ['cr', 'crs'],
    scope: 'Namespaced',
    columns: [
      { name: 'Approved', type: 'string', jsonPath: `${readyOf('Approved')}.status` },
      { name: 'Denied', type: 'string', jsonPath: `${readyOf('Denied')}.status` },
      ready,
      issuer,
      { name: 'Requestor', type: 'string', jsonPath: '.spec.username' },
      readyMessage,
      age,
    ],
  },
  {
    group: 'cert-manager.io',
    kind: 'Issuer',
    plural: 'issuers',
    singular: 'issuer',
    shortNames: [],
    scope: 'Namespaced',
    columns: [ready, readyMessage, age],
  },
  {
    group: 'cert-manager.io',
    kind: 'ClusterIssuer',
    plural: 'clusterissuers',
    singular: 'clusterissuer',
    shortNames: [],
    scope: 'Cluster',
    columns: [ready, readyMessage, age],
  },
  {
    group: 'acme.cert-manager.io',
    kind: 'Order',
    plural: 'orders',
    singular: 'order',
    shortNames: [],
    scope: 'Namespaced',
    columns: [
      { name: 'State', type: 'string', jsonPath: '.status.state' },
      issuer,
      { name: 'Reason', type: 'string', jsonPath: '.status.reason', priority: 1 },
      age,
    ],
  },
  {
    group: 'acme.cert-manager.io',
    kind: 'Challenge',
    plural: 'challenges',
    singular: 'challenge',
    shortNames: [],
    scope: 'Namespaced',
    columns: [
      { name: 'State', type: 'string', jsonPath: '.status.state' },
      { name: 'Domain', type: 'string', jsonPath: '.spec.dnsName' },
      { name: 'Reason', type: 'string', jsonPath: '.status.reason', priority: 1 },
      age,
    ],
  },
];

// client-node's serializer maps its model property names to the wire names: this key is sent as
// `x-kubernetes-preserve-unknown-fields` (V1JSONSchemaProps), and read back under this name too.
const open = { type: 'object', x_kubernetes_preserve_unknown_fields: true };

export function crdObject(c: CrdSeed): Obj {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${c.plural}.${c.group}`, labels: { 'app.kubernetes.io/name': 'cert-manager' } },
    spec: {
      group: c.group,
      scope: c.scope,
      names: {
        kind: c.kind,
        listKind: `${c.kind}List`,
        plural: c.plural,
        singular: c.singular,
        categories: c.group === 'acme.cert-manager.io' ? ['cert-manager', 'cert-manager-acme'] : ['cert-manager'],
        ...(c.shortNames.length ? { shortNames: c.shortNames } : {}),
      },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: c.columns,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object' },
                spec: open,
                status: open,
              },
            },
          },
        },
      ],
    },
  };
}

function established(crd: Obj | undefined): boolean {
  const conditions = (crd?.status as { conditions?: Array<{ type: string; status: string }> } | undefined)?.conditions;
  return (conditions ?? []).some((c) => c.type === 'Established' && c.status === 'True');
}

export async function seedCertManagerCrds(kube: Kube): Promise<void> {
  kube.log('cert-manager CRDs');
  const crds = CERT_MANAGER_CRDS.map(crdObject);
  await Promise.all(crds.map((crd) => ensure(kube, crd)));
  await Promise.all(
    crds.map((crd) =>
      waitFor(
        `CRD ${crd.metadata?.name} to be Established`,
        async () => (established(await readObject(kube, crd)) ? true : undefined),
        {
          timeoutMs: 30_000,
          intervalMs: 250,
        },
      ),
    ),
  );
}
