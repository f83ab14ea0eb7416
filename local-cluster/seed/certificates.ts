// Applies the certificate catalog: cert-manager CRDs, the demo CA (cached in its Secret), the
// issuers, one TLS Secret + Certificate (+ CertificateRequest, Order, Challenge) per state, and one
// TLS Secret nobody manages. Generated keys and certificates live only in the Secrets: a re-run
// reuses them (matching `wheelhouse.dev/seed-spec`) and so computes byte-identical statuses.
import { createHash, X509Certificate } from 'node:crypto';
import { createCsr, fingerprint, generateCa, generateKeyPem, issueLeaf, splitPem, type CaMaterial } from './cert-chain';
import { seedCertManagerCrds } from './cert-crds';
import {
  ACME_ISSUER,
  CERTIFICATES,
  certificateStatus,
  leafValidity,
  plus,
  statusValidity,
  UNMANAGED_TLS,
  type CertSeed,
  type Validity,
} from './cert-catalog';
import * as o from './cert-objects';
import { createdAt, customRef, ensure, ensureCreated, ensureStatus, readObject, type Kube, type Obj } from './kube';

const decode = (s: string | undefined) => Buffer.from(s ?? '', 'base64').toString('utf8');

function secretData(secret: Obj | undefined): Record<string, string> {
  return (secret?.data as Record<string, string> | undefined) ?? {};
}

function caFromSecret(secret: Obj | undefined): CaMaterial | undefined {
  const data = secretData(secret);
  const [intermediatePem] = splitPem(decode(data['tls.crt']));
  if (!intermediatePem || !data['tls.key'] || !data['ca.crt']) return undefined;
  return { intermediatePem, intermediateKeyPem: decode(data['tls.key']), rootPem: decode(data['ca.crt']) };
}

async function ensureCa(kube: Kube): Promise<CaMaterial> {
  const header: Obj = { apiVersion: 'v1', kind: 'Secret', metadata: { ...o.CA_SECRET } };
  const cached = caFromSecret(await readObject(kube, header));
  if (cached) return cached;
  const ca = await generateCa();
  const pems = { leaf: ca.intermediatePem, intermediate: ca.rootPem, root: ca.rootPem, key: ca.intermediateKeyPem };
  const { obj, action } = await ensure(kube, o.tlsSecretObject(o.CA_SECRET, pems, { [o.SEED_SPEC_ANNOTATION]: 'ca' }));
  // A concurrent run may have stored its CA first: sign with whichever one the Secret holds.
  return action === 'created' ? ca : (caFromSecret(obj) ?? ca);
}

interface Leaf {
  chainPem: string;
  validity: Validity;
}

function parseLeaf(chainPem: string): Leaf {
  const cert = new X509Certificate(splitPem(chainPem)[0] ?? '');
  return { chainPem, validity: { notBefore: new Date(cert.validFrom), notAfter: new Date(cert.validTo) } };
}

/** The TLS Secret for a leaf; regenerated only when what it should hold changed. */
async function ensureLeafSecret(
  kube: Kube,
  ca: CaMaterial,
  want: {
    namespace: string;
    name: string;
    dnsNames: readonly string[];
    leaf: { notBeforeDays: number; notAfterDays: number };
  },
  annotations: Record<string, string>,
  labels: Record<string, string>,
): Promise<Leaf> {
  const spec = JSON.stringify({
    dns: want.dnsNames,
    leaf: want.leaf,
    ca: fingerprint(ca.intermediatePem),
    annotations,
    labels,
  });
  const key = createHash('sha256').update(spec).digest('hex').slice(0, 16);
  const header: Obj = { apiVersion: 'v1', kind: 'Secret', metadata: { namespace: want.namespace, name: want.name } };
  const live = await readObject(kube, header);
  if (live?.metadata?.annotations?.[o.SEED_SPEC_ANNOTATION] === key)
    return parseLeaf(decode(secretData(live)['tls.crt']));

  const validity = leafValidity(want.leaf, new Date());
  const dnsNames = [...want.dnsNames];
  const leaf = await issueLeaf(ca, { commonName: dnsNames[0] ?? want.name, dnsNames, ...validity });
  const pems = { leaf: leaf.certPem, intermediate: ca.intermediatePem, root: ca.rootPem, key: leaf.keyPem };
  const secret = o.tlsSecretObject(
    header.metadata as { namespace: string; name: string },
    pems,
    { ...annotations, [o.SEED_SPEC_ANNOTATION]: key },
    labels,
  );
  await ensure(kube, secret);
  return parseLeaf(leaf.certPem + ca.intermediatePem);
}

async function ensureIssuers(kube: Kube): Promise<void> {
  const { obj: cluster } = await ensure(kube, o.clusterIssuerObject);
  await ensureStatus(kube, customRef(cluster, 'clusterissuers'), cluster, o.clusterIssuerStatus(createdAt(cluster)));
  const account: Obj = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { namespace: ACME_ISSUER.namespace, name: o.ACME_ACCOUNT_SECRET },
  };
  await ensureCreated(kube, account, async () => ({
    ...account,
    type: 'Opaque',
    data: { 'tls.key': Buffer.from(await generateKeyPem()).toString('base64') },
  }));
  const { obj: acme } = await ensure(kube, o.acmeIssuerObject);
  await ensureStatus(kube, customRef(acme, 'issuers'), acme, o.acmeIssuerStatus(createdAt(acme)));
}

async function ensureRequest(kube: Kube, seed: CertSeed, revision: number, cert: Obj): Promise<Obj> {
  const header: Obj = {
    apiVersion: o.CM,
    kind: 'CertificateRequest',
    metadata: { namespace: seed.namespace, name: o.certificateRequestName(seed, revision) },
  };
  return ensureCreated(kube, header, async () =>
    o.certificateRequestObject(seed, revision, await createCsr(seed.dnsNames[0] ?? '', seed.dnsNames), cert),
  );
}

/** An ACME Order for `cr` with its one HTTP-01 Challenge, both stuck in the given state. */
async function ensureAcmeFlow(
  kube: Kube,
  seed: CertSeed,
  cr: Obj,
  state: 'pending' | 'errored',
  at: Date,
  orderReason: string,
) {
  const orderHeader: Obj = {
    apiVersion: o.ACME,
    kind: 'Order',
    metadata: { namespace: seed.namespace, name: o.orderName(cr.metadata?.name ?? '') },
  };
  const order = await ensureCreated(kube, orderHeader, async () =>
    o.orderObject(seed, cr, decode((cr.spec as { request?: string } | undefined)?.request)),
  );
  const orderName = order.metadata?.name ?? '';
  await ensureStatus(
    kube,
    customRef(order, 'orders'),
    order,
    o.orderStatus(seed, orderName, state, orderReason, plus(at, 60_000)),
  );
  const challenge = await ensureCreated(
    kube,
    {
      apiVersion: o.ACME,
      kind: 'Challenge',
      metadata: { namespace: seed.namespace, name: o.challengeName(orderName) },
    },
    async () => o.challengeObject(seed, order),
  );
  const reason =
    state === 'errored'
      ? o.selfCheckReason(seed, orderName)
      : "Waiting for HTTP-01 challenge propagation: wrong status code '404', expected '200'";
  await ensureStatus(kube, customRef(challenge, 'challenges'), challenge, o.challengeStatus(reason));
  return orderName;
}

/** CertificateRequests (and ACME objects) that explain how each certificate got to its state. */
async function ensureHistory(
  kube: Kube,
  ca: CaMaterial,
  seed: CertSeed,
  cert: Obj,
  leaf: Leaf | undefined,
): Promise<string> {
  const crs = (r: Obj) => customRef(r, 'certificaterequests');
  if (!leaf) {
    // Failing issuance: revision 1 never completed.
    const at = plus(createdAt(cert), 2_000);
    const cr = await ensureRequest(kube, seed, 1, cert);
    const host = seed.dnsNames[0] ?? '';
    const orderReason = `Order expired before the HTTP-01 challenge for ${host} passed its self check`;
    const order = await ensureAcmeFlow(kube, seed, cr, 'errored', at, orderReason);
    const failed = o.failedRequestStatus(plus(at, 88_000), order, orderReason);
    await ensureStatus(kube, crs(cr), cr, failed);
    return failed.conditions[1]?.message ?? '';
  }
  const first = await ensureRequest(kube, seed, 1, cert);
  await ensureStatus(
    kube,
    crs(first),
    first,
    o.issuedRequestStatus(plus(leaf.validity.notBefore, 20_000), leaf.chainPem, ca.rootPem),
  );
  if (seed.state === 'renewing') {
    const due = plus(leaf.validity.notAfter, -seed.renewBeforeHours * 3_600_000);
    const next = await ensureRequest(kube, seed, 2, cert);
    const order = await ensureAcmeFlow(kube, seed, next, 'pending', due, '');
    await ensureStatus(kube, crs(next), next, o.pendingRequestStatus(plus(due, 2_000), seed.namespace, order));
  }
  if (seed.state === 'mismatch') {
    // Revision 2 was issued (status follows it) but the Secret still holds revision 1's leaf.
    const next = await ensureRequest(kube, seed, 2, cert);
    if (!(next.status as { certificate?: string } | undefined)?.certificate) {
      const v = statusValidity(seed, leaf.validity);
      const newer = await issueLeaf(ca, { commonName: seed.dnsNames[0] ?? '', dnsNames: seed.dnsNames, ...v });
      await ensureStatus(
        kube,
        crs(next),
        next,
        o.issuedRequestStatus(plus(v.notBefore, 20_000), newer.certPem + ca.intermediatePem, ca.rootPem),
      );
    }
  }
  return '';
}

async function seedCertificate(kube: Kube, ca: CaMaterial, seed: CertSeed): Promise<void> {
  const leaf = seed.leaf
    ? await ensureLeafSecret(
        kube,
        ca,
        { namespace: seed.namespace, name: seed.secretName, dnsNames: seed.dnsNames, leaf: seed.leaf },
        o.managedSecretAnnotations(seed),
        { 'controller.cert-manager.io/fao': 'true' },
      )
    : undefined;
  const { obj: cert } = await ensure(kube, o.certificateObject(seed));
  const failure = await ensureHistory(kube, ca, seed, cert, leaf);
  const status = certificateStatus(seed, leaf?.validity, createdAt(cert), failure);
  await ensureStatus(kube, customRef(cert, 'certificates'), cert, status);
}

export async function seedCertificates(kube: Kube): Promise<void> {
  await seedCertManagerCrds(kube);
  kube.log('certificates');
  const ca = await ensureCa(kube);
  await ensureIssuers(kube);
  await Promise.all(CERTIFICATES.map((c) => seedCertificate(kube, ca, c)));
  await ensureLeafSecret(kube, ca, UNMANAGED_TLS, {}, {});
}
