// Builders for the cert-manager objects and TLS Secrets of the certificate catalog. Pure.
import { createHash } from 'node:crypto';
import { controllerRef as ownerRef, type Obj } from './kube';
import { ACME_ISSUER, CLUSTER_ISSUER, kubeTime, type CertSeed, type Condition } from './cert-catalog';

export const CM = 'cert-manager.io/v1';
export const ACME = 'acme.cert-manager.io/v1';
/** Our own cache key on Secrets: which chain and which leaf request produced the data. */
export const SEED_SPEC_ANNOTATION = 'wheelhouse.dev/seed-spec';
export const CA_SECRET = { namespace: 'cert-manager', name: 'wheelhouse-demo-ca' } as const;
const ACME_SERVER = 'https://acme-staging-v02.api.letsencrypt.org';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const hash = (s: string) => createHash('sha256').update(s).digest();
/** A stable 5-character suffix, like the random ones cert-manager gives CertificateRequests. */
const suffix = (s: string) => hash(s).readUInt32BE(0).toString(36).padStart(5, '0').slice(-5);
/** cert-manager names Orders and Challenges `<parent>-<uint32 hash>`. */
const numeric = (s: string) => String(hash(s).readUInt32BE(0));
const token = (s: string) => hash(`token:${s}`).toString('base64url');

export function tlsSecretObject(
  meta: { namespace: string; name: string },
  pems: { leaf: string; intermediate: string; root: string; key: string },
  annotations: Record<string, string>,
  labels: Record<string, string> = {},
): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/tls',
    metadata: { ...meta, annotations, ...(Object.keys(labels).length ? { labels } : {}) },
    data: { 'tls.crt': b64(pems.leaf + pems.intermediate), 'tls.key': b64(pems.key), 'ca.crt': b64(pems.root) },
  };
}

/** The annotations cert-manager writes on a Secret it manages (pkg/apis/certmanager/v1 types.go). */
export function managedSecretAnnotations(seed: CertSeed): Record<string, string> {
  return {
    'cert-manager.io/certificate-name': seed.name,
    'cert-manager.io/issuer-name': seed.issuerRef.name,
    'cert-manager.io/issuer-kind': seed.issuerRef.kind,
    'cert-manager.io/issuer-group': 'cert-manager.io',
    'cert-manager.io/common-name': seed.dnsNames[0] ?? '',
    'cert-manager.io/alt-names': seed.dnsNames.join(','),
    'cert-manager.io/ip-sans': '',
    'cert-manager.io/uri-sans': '',
  };
}

export function certificateObject(seed: CertSeed): Obj {
  return {
    apiVersion: CM,
    kind: 'Certificate',
    metadata: { name: seed.name, namespace: seed.namespace, labels: { 'wheelhouse.dev/cert-state': seed.state } },
    spec: {
      secretName: seed.secretName,
      commonName: seed.dnsNames[0],
      dnsNames: seed.dnsNames,
      duration: `${seed.durationHours}h0m0s`,
      renewBefore: `${seed.renewBeforeHours}h0m0s`,
      issuerRef: { ...seed.issuerRef, group: 'cert-manager.io' },
      privateKey: { algorithm: 'ECDSA', size: 256, encoding: 'PKCS8', rotationPolicy: 'Always' },
      usages: ['digital signature', 'key encipherment', 'server auth'],
    },
  };
}

export const clusterIssuerObject: Obj = {
  apiVersion: CM,
  kind: 'ClusterIssuer',
  metadata: { name: CLUSTER_ISSUER.name },
  spec: { ca: { secretName: CA_SECRET.name } },
};

export const clusterIssuerStatus = (at: Date) => ({
  conditions: [cond('Ready', 'True', 'KeyPairVerified', 'Signing CA verified', at)],
});

export const ACME_ACCOUNT_SECRET = `${ACME_ISSUER.name}-account-key`;

export const acmeIssuerObject: Obj = {
  apiVersion: CM,
  kind: 'Issuer',
  metadata: { name: ACME_ISSUER.name, namespace: ACME_ISSUER.namespace },
  spec: {
    acme: {
      server: `${ACME_SERVER}/directory`,
      email: 'platform-team@example.test',
      privateKeySecretRef: { name: ACME_ACCOUNT_SECRET },
      solvers: [{ http01: { ingress: { class: 'nginx' } } }],
    },
  },
};

export const acmeIssuerStatus = (at: Date) => ({
  acme: { uri: `${ACME_SERVER}/acme/acct/84193770`, lastRegisteredEmail: 'platform-team@example.test' },
  conditions: [
    cond('Ready', 'True', 'ACMEAccountRegistered', 'The ACME account was registered with the ACME server', at),
  ],
});

export function cond(type: string, status: Condition['status'], reason: string, message: string, at: Date): Condition {
  return { type, status, reason, message, lastTransitionTime: kubeTime(at) };
}

export function certificateRequestName(seed: CertSeed, revision: number): string {
  return `${seed.name}-${suffix(`${seed.namespace}/${seed.name}#${revision}`)}`;
}

export function certificateRequestObject(seed: CertSeed, revision: number, csrPem: string, owner: Obj): Obj {
  return {
    apiVersion: CM,
    kind: 'CertificateRequest',
    metadata: {
      name: certificateRequestName(seed, revision),
      namespace: seed.namespace,
      annotations: {
        'cert-manager.io/certificate-name': seed.name,
        'cert-manager.io/certificate-revision': String(revision),
        'cert-manager.io/private-key-secret-name': `${seed.name}-${suffix(`key:${seed.name}#${revision}`)}`,
      },
      ownerReferences: [ownerRef(owner)],
    },
    spec: {
      request: b64(csrPem),
      issuerRef: { ...seed.issuerRef, group: 'cert-manager.io' },
      duration: `${seed.durationHours}h0m0s`,
      usages: ['digital signature', 'key encipherment', 'server auth'],
      username: 'system:serviceaccount:cert-manager:cert-manager',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:cert-manager', 'system:authenticated'],
    },
  };
}

const approved = (at: Date) =>
  cond('Approved', 'True', 'cert-manager.io', 'Certificate request has been approved by cert-manager.io', at);

export function issuedRequestStatus(at: Date, chainPem: string, rootPem: string) {
  return {
    conditions: [approved(at), cond('Ready', 'True', 'Issued', 'Certificate fetched from issuer successfully', at)],
    certificate: b64(chainPem),
    ca: b64(rootPem),
  };
}

export function pendingRequestStatus(at: Date, namespace: string, order: string) {
  const message = `Waiting on certificate issuance from order ${namespace}/${order}: "pending"`;
  return { conditions: [approved(at), cond('Ready', 'False', 'Pending', message, at)] };
}

export function failedRequestStatus(at: Date, order: string, orderReason: string) {
  const message = `Failed to wait for order resource "${order}" to become ready: order is in "errored" state: ${orderReason}`;
  return { conditions: [approved(at), cond('Ready', 'False', 'Failed', message, at)], failureTime: kubeTime(at) };
}

export const orderName = (crName: string) => `${crName}-${numeric(`order:${crName}`)}`;
export const challengeName = (order: string) => `${order}-${numeric(`challenge:${order}`)}`;

interface AcmeUrls {
  order: string;
  authz: string;
  challenge: string;
  token: string;
}

function acmeUrls(order: string): AcmeUrls {
  const id = numeric(`id:${order}`);
  return {
    order: `${ACME_SERVER}/acme/order/84193770/${id}`,
    authz: `${ACME_SERVER}/acme/authz-v3/${numeric(`authz:${order}`)}`,
    challenge: `${ACME_SERVER}/acme/chall-v3/${numeric(`chall:${order}`)}/${token(order).slice(0, 6)}`,
    token: token(order),
  };
}

export function orderObject(seed: CertSeed, cr: Obj, csrPem: string): Obj {
  return {
    apiVersion: ACME,
    kind: 'Order',
    metadata: {
      name: orderName(cr.metadata?.name ?? ''),
      namespace: seed.namespace,
      annotations: { 'cert-manager.io/certificate-name': seed.name },
      ownerReferences: [ownerRef(cr)],
    },
    spec: {
      request: b64(csrPem),
      issuerRef: { ...seed.issuerRef, group: 'cert-manager.io' },
      commonName: seed.dnsNames[0],
      dnsNames: seed.dnsNames,
      duration: `${seed.durationHours}h0m0s`,
    },
  };
}

export function orderStatus(seed: CertSeed, order: string, state: 'pending' | 'errored', reason: string, at: Date) {
  const urls = acmeUrls(order);
  return {
    url: urls.order,
    finalizeURL: `${ACME_SERVER}/acme/finalize/84193770/${numeric(`id:${order}`)}`,
    state,
    ...(state === 'errored' ? { reason, failureTime: kubeTime(at) } : {}),
    authorizations: seed.dnsNames.map((dns) => ({
      url: urls.authz,
      identifier: dns,
      initialState: 'pending',
      wildcard: false,
      challenges: [
        { type: 'http-01', url: urls.challenge, token: urls.token },
        { type: 'dns-01', url: `${urls.challenge}dns`, token: urls.token },
      ],
    })),
  };
}

export function challengeObject(seed: CertSeed, order: Obj): Obj {
  const name = order.metadata?.name ?? '';
  const urls = acmeUrls(name);
  return {
    apiVersion: ACME,
    kind: 'Challenge',
    metadata: {
      name: challengeName(name),
      namespace: seed.namespace,
      ownerReferences: [ownerRef(order)],
    },
    spec: {
      url: urls.challenge,
      authorizationURL: urls.authz,
      dnsName: seed.dnsNames[0],
      wildcard: false,
      type: 'HTTP-01',
      token: urls.token,
      key: `${urls.token}.${token('account-thumbprint')}`,
      solver: { http01: { ingress: { class: 'nginx' } } },
      issuerRef: { ...seed.issuerRef, group: 'cert-manager.io' },
    },
  };
}

/** The self-check failure cert-manager reports while the HTTP-01 token is not reachable. */
export function selfCheckReason(seed: CertSeed, order: string): string {
  const host = seed.dnsNames[0] ?? '';
  const url = `http://${host}/.well-known/acme-challenge/${acmeUrls(order).token}`;
  return (
    `Waiting for HTTP-01 challenge propagation: failed to perform self check GET request '${url}': ` +
    `Get "${url}": dial tcp: lookup ${host} on 10.96.0.10:53: no such host`
  );
}

export function challengeStatus(reason: string) {
  return { processing: true, presented: true, state: 'pending', reason };
}
