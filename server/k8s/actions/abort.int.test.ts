// Issue 11 item 14: an abort whose rollback succeeded but whose pause failed must be recorded as
// exactly that. The pause is refused for real by the API server: a validating admission webhook
// (served by this test over TLS, scoped to this test's namespace) denies setting spec.paused.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AdmissionregistrationV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  clients,
  createNamespace,
  deleteNamespace,
  deployment,
  jsonPatch,
  mergePatch,
  waitFor,
} from '@/local-cluster/test/kube';
import type { RawDeployment } from '@/lib/k8s/rollout/types';
import { auditStore } from '@/server/audit/store';
import { act, alice, view } from '@/server/k8s/actions/actions-test-helpers';

const dir = mkdtempSync(join(tmpdir(), 'wh-abort-it-'));
process.env.WHEELHOUSE_DATA_DIR = dir;
delete process.env.DATABASE_URL;

const admin = clients('admin');
const webhooks = admin.kc.makeApiClient(AdmissionregistrationV1Api);
const LABEL = 'wheelhouse.dev/deny-pause';
let ns = '';
let server: Server | undefined;
let webhookName = '';

/** A CA and a server certificate for 127.0.0.1 (openssl CLI, as local-cluster's PKI does). */
function certificates(): { ca: string; key: string; cert: string } {
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  run([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '1',
    '-subj',
    '/CN=deny-pause-ca',
  ]);
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'tls.key', '-out', 'tls.csr', '-subj', '/CN=127.0.0.1']);
  writeFileSync(join(dir, 'san.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  run([
    'x509',
    '-req',
    '-in',
    'tls.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'tls.crt',
    '-days',
    '1',
    '-extfile',
    'san.cnf',
  ]);
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return { ca: read('ca.crt'), key: read('tls.key'), cert: read('tls.crt') };
}

interface Review {
  request: { uid: string; operation: string; object?: RawDeployment; oldObject?: RawDeployment };
}

/** Denies any update that pauses a Deployment; allows everything else. */
function denyPauses(tls: { key: string; cert: string }): Promise<number> {
  server = createServer(tls, (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const review = JSON.parse(body) as Review;
      const { uid, operation, object, oldObject } = review.request;
      const pausing = operation === 'UPDATE' && object?.spec.paused === true && oldObject?.spec.paused !== true;
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          apiVersion: 'admission.k8s.io/v1',
          kind: 'AdmissionReview',
          response: pausing
            ? { uid, allowed: false, status: { code: 403, message: 'pausing is refused by the test webhook' } }
            : { uid, allowed: true },
        }),
      );
    });
  });
  return new Promise((resolve) =>
    server!.listen(0, '127.0.0.1', () => resolve((server!.address() as AddressInfo).port)),
  );
}

beforeAll(async () => {
  ns = await createNamespace(admin, 'abort-steps');
  await admin.core.patchNamespace({ name: ns, body: { metadata: { labels: { [LABEL]: 'true' } } } }, mergePatch);
  const tls = certificates();
  const port = await denyPauses(tls);
  webhookName = `${ns}.deny-pause.wheelhouse.dev`;
  await webhooks.createValidatingWebhookConfiguration({
    body: {
      metadata: { name: webhookName },
      webhooks: [
        {
          name: webhookName,
          clientConfig: { url: `https://127.0.0.1:${port}/validate`, caBundle: Buffer.from(tls.ca).toString('base64') },
          rules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['UPDATE'], resources: ['deployments'] }],
          namespaceSelector: { matchLabels: { [LABEL]: 'true' } },
          // Only this namespace is affected, and if this test dies nothing else is blocked.
          failurePolicy: 'Ignore',
          sideEffects: 'None',
          admissionReviewVersions: ['v1'],
          timeoutSeconds: 5,
        },
      ],
    },
  });
});

afterAll(async () => {
  if (webhookName) await webhooks.deleteValidatingWebhookConfiguration({ name: webhookName }).catch(() => undefined);
  if (ns) await deleteNamespace(admin, ns);
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const read = (name: string) =>
  admin.custom.getNamespacedCustomObject({
    group: 'apps',
    version: 'v1',
    namespace: ns,
    plural: 'deployments',
    name,
  }) as Promise<RawDeployment>;

describe('abort whose pause is refused', () => {
  it('records the rollback as ok and the pause as refused, and tells the person it is not paused', async () => {
    await admin.apps.createNamespacedDeployment({
      namespace: ns,
      body: deployment('pay', { replicas: 2, image: 'pay:1' }),
    });
    await waitFor(async () => (await read('pay')).status?.availableReplicas === 2, 60_000, 'pay revision 1');
    await admin.apps.patchNamespacedDeployment(
      {
        name: 'pay',
        namespace: ns,
        body: [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'pay:2-crashloop' }],
      },
      jsonPatch,
    );
    const v = await waitFor(
      async () => {
        const x = await view(alice, 'deployments', ns, 'pay');
        return x.inTrouble && x;
      },
      30_000,
      'pay in trouble',
    );
    const requestId = randomUUID();
    const r = await act(
      alice,
      'abort',
      { kind: 'deployments', namespace: ns, name: 'pay' },
      {
        requestId,
        resourceVersion: v.resourceVersion,
        generation: v.generation,
      },
    );
    expect(r).toMatchObject({ ok: false, code: 'forbidden' });
    expect(r.message).toMatch(/back to revision 1.*could NOT be paused/);

    // The cluster: rolled back, not paused.
    const after = await read('pay');
    expect(after.spec.template.spec?.containers?.[0]?.image).toBe('pay:1');
    expect(after.spec.paused ?? false).toBe(false);

    // The log: one entry per step, each with its own truthful outcome.
    const entries = (await (await auditStore()).list({ cluster: 'local', namespace: ns }, { limit: 50 })).entries
      .filter((e) => e.requestId === requestId)
      .map((e) => ({ action: e.action, result: e.result, params: e.params }));
    expect(entries).toEqual(
      expect.arrayContaining([
        { action: 'abort', result: 'ok', params: { revision: { from: 2, to: 1 } } },
        { action: 'pause', result: 'denied', params: { paused: { from: false, to: true } } },
      ]),
    );
    expect(entries).toHaveLength(2);
  });
});
