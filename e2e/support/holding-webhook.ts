// A validating admission webhook that holds matching requests until the test lets them go: a real way
// to keep a write "in flight" inside the API server (the write action is waiting for Kubernetes'
// answer, exactly as it would on a slow cluster). HTTPS with a throwaway self-signed certificate
// (openssl), registered as a ValidatingWebhookConfiguration scoped to one namespace by label.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Clients } from '../../local-cluster/test/kube';

export interface HoldingWebhook {
  /** Resolves when the API server has sent a request to the webhook (it is now held). */
  held: Promise<void>;
  /** Resolves once the API server has called the webhook for a dry run (answered at once, not held). */
  active: Promise<void>;
  /** Lets every held request (and later ones) through. */
  release(): void;
  close(): Promise<void>;
}

interface Review {
  request?: { uid?: string; dryRun?: boolean };
}

export async function holdingWebhook(
  admin: Clients,
  name: string,
  namespaceLabel: { key: string; value: string },
  rule: { apiGroups: string[]; resources: string[] },
): Promise<HoldingWebhook> {
  const dir = mkdtempSync(join(tmpdir(), 'wheelhouse-webhook-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' }); // prettier-ignore
  const certPem = readFileSync(cert);

  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let onHeld!: () => void;
  const held = new Promise<void>((resolve) => (onHeld = resolve));
  let onActive!: () => void;
  const active = new Promise<void>((resolve) => (onActive = resolve));

  const server: Server = createServer({ key: readFileSync(key), cert: certPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const review = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Review;
      // Dry runs show the API server has loaded the webhook; only real writes are held.
      const dryRun = review.request?.dryRun === true;
      if (dryRun) onActive();
      else onHeld();
      void (dryRun ? Promise.resolve() : released).then(() => {
        res.setHeader('Content-Type', 'application/json');
        res.end(
          JSON.stringify({
            apiVersion: 'admission.k8s.io/v1',
            kind: 'AdmissionReview',
            response: { uid: review.request?.uid ?? '', allowed: true },
          }),
        );
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  await admin.custom.createClusterCustomObject({
    group: 'admissionregistration.k8s.io',
    version: 'v1',
    plural: 'validatingwebhookconfigurations',
    body: {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name },
      webhooks: [
        {
          name: `${name}.wheelhouse.dev`,
          clientConfig: { url: `https://127.0.0.1:${port}/hold`, caBundle: certPem.toString('base64') },
          rules: [{ ...rule, apiVersions: ['*'], operations: ['UPDATE'], scope: 'Namespaced' }],
          namespaceSelector: { matchLabels: { [namespaceLabel.key]: namespaceLabel.value } },
          sideEffects: 'None',
          admissionReviewVersions: ['v1'],
          timeoutSeconds: 30,
          failurePolicy: 'Fail',
        },
      ],
    },
  });

  return {
    held,
    active,
    release,
    close: async () => {
      release();
      await admin.custom
        .deleteClusterCustomObject({
          group: 'admissionregistration.k8s.io',
          version: 'v1',
          plural: 'validatingwebhookconfigurations',
          name,
        })
        .catch(() => undefined);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
