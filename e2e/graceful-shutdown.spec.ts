import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';

import { clients, createNamespace, deleteNamespace, deployment, mergePatch } from '../local-cluster/test/kube';
import { freePort } from './support/free-port';
import { holdingWebhook, type HoldingWebhook } from './support/holding-webhook';
import { LOCAL_USERS, startOpsServer, type OpsServer } from './support/ops-server';
import { signInWithPassword } from './support/sign-in-http';

// SIGTERM with a write in flight (ADR 0014). The scale request is held inside the API server by an
// admission webhook, so the action is truly waiting on Kubernetes when the signal arrives. Then:
// readiness turns 503 at once (liveness stays 200: still serving while load balancers drain), the
// open event stream ends with a `retry:` hint, the write still completes and its audit outcome is
// recorded, and the process exits 0.

const NAME = 'held';
const LABEL = { key: 'wheelhouse.dev/h5-shutdown', value: randomUUID().slice(0, 8) };
const admin = clients('admin');
let ns = '';
let server: OpsServer | undefined;
let webhook: HoldingWebhook | undefined;

test.describe.configure({ timeout: 180_000 });

test.beforeAll(async () => {
  ns = await createNamespace(admin, 'h5-shutdown');
  await admin.core.patchNamespace(
    { name: ns, body: { metadata: { labels: { [LABEL.key]: LABEL.value } } } },
    mergePatch,
  );
  await admin.apps.createNamespacedDeployment({ namespace: ns, body: deployment(NAME, { replicas: 1 }) });
  webhook = await holdingWebhook(admin, `h5-hold-${LABEL.value}`, LABEL, {
    apiGroups: ['apps'],
    resources: ['deployments/scale'],
  });
  // The API server loads webhook configurations asynchronously: dry-run until it calls ours.
  const probe = async () => {
    const scale = await admin.apps.readNamespacedDeploymentScale({ name: NAME, namespace: ns });
    await admin.apps.replaceNamespacedDeploymentScale({ name: NAME, namespace: ns, body: scale, dryRun: 'All' });
  };
  let active = false;
  void webhook.active.then(() => (active = true));
  await expect
    .poll(async () => {
      await probe();
      return active;
    })
    .toBe(true);
});

test.afterAll(async () => {
  await webhook?.close();
  await server?.stop();
  if (ns) await deleteNamespace(admin, ns);
});

async function readAll(body: ReadableStream<Uint8Array>, onText: (text: string) => void): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    text += decoder.decode(chunk, { stream: true });
    onText(text);
  }
  return text;
}

test('SIGTERM: readiness fails first, the held write completes and is audited, streams get a retry hint, exit 0', async () => {
  server = await startOpsServer(await freePort(), {
    NEXT_MANUAL_SIG_HANDLE: 'true',
    WHEELHOUSE_SHUTDOWN_DRAIN_MS: '2000',
    WHEELHOUSE_SHUTDOWN_TIMEOUT_MS: '45000',
    // The held write must outlast the drain without hitting the request deadline.
    WHEELHOUSE_K8S_TIMEOUT_MS: '30000',
  });
  const { url } = server;
  const cookie = await signInWithPassword(url, 'alice', LOCAL_USERS.alice.password);

  // An open event stream, as a browser tab would hold.
  const stream = await fetch(`${url}/api/stream?sub=local:deployments:${ns}`, {
    headers: { Cookie: cookie, Accept: 'text/event-stream' },
  });
  expect(stream.status).toBe(200);
  let connected!: () => void;
  const streamConnected = new Promise<void>((resolve) => (connected = resolve));
  const streamText = readAll(stream.body!, (t) => t.includes(': connected') && connected());
  await streamConnected;

  // The write, held inside the API server by the webhook.
  const before = await admin.apps.readNamespacedDeployment({ name: NAME, namespace: ns });
  const requestId = randomUUID();
  const write = fetch(`${url}/api/k8s/local/deployments/${ns}/${NAME}/actions/scale`, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: url, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      requestId,
      replicas: 2,
      resourceVersion: before.metadata?.resourceVersion,
      generation: before.metadata?.generation,
      reason: 'e2e graceful shutdown: a write in flight',
    }),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as { ok?: boolean; message?: string } }));
  await webhook!.held;

  server.signal('SIGTERM');
  // Readiness fails while the write is still held; liveness still answers (the server still serves).
  await expect
    .poll(async () => (await fetch(`${url}/api/readyz`).catch(() => undefined))?.status, { timeout: 10_000 })
    .toBe(503);
  expect((await fetch(`${url}/api/healthz`)).status).toBe(200);

  // After the drain delay the stream is closed with a retry hint — the write is still held meanwhile.
  const text = await streamText;
  expect(text).toMatch(/retry: 1000\n: server shutting down\n\n$/);
  expect(() => process.kill(server!.pid, 0), 'still running while the write is held').not.toThrow();

  webhook!.release();
  const answer = await write;
  expect(answer, answer.body.message).toMatchObject({ status: 200, body: { ok: true } });

  expect(await server.exited()).toBe(0);
  expect((await admin.apps.readNamespacedDeployment({ name: NAME, namespace: ns })).spec?.replicas).toBe(2);

  // The audit outcome was recorded before the process exited.
  const db = new Database(join(server.dataDir, 'audit.sqlite'), { readonly: true });
  try {
    const rows = db.prepare('SELECT result, finished_at FROM audit_log WHERE request_id = ?').all(requestId) as {
      result: string;
      finished_at: string | null;
    }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.result).toBe('ok');
    expect(rows[0]?.finished_at).not.toBeNull();
  } finally {
    db.close();
  }
  const steps = server
    .logLines()
    .filter((l) => l.component === 'shutdown')
    .map((l) => l.msg);
  expect(steps).toEqual([
    'shutdown: readiness now fails; still serving while load balancers drain',
    'shutdown: listener closed, streams told to reconnect',
    'shutdown: done',
  ]);
});
