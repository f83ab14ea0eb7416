import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { V1Pod } from '@kubernetes/client-node';
import { expect, test } from '@playwright/test';

import { clients, createNamespace, deleteNamespace, deployment, waitFor } from '../local-cluster/test/kube';

import { LivePodsPage } from './pages/live-pods-page';
import { freePort } from './support/free-port';
import { startReplicaSet, type ReplicaName, type ReplicaSet } from './support/replica-set';
import { postAction, renewSession, sessionStatus, signInAttempt, streamBootId } from './support/replica-probes';
import { signInWithPassword, signOutHttp } from './support/sign-in-http';
import { LOCAL_USERS } from './support/test-accounts';

// Several replicas, one truth (issue 10 §3): two production servers behind HAProxy (round-robin) with
// one throwaway PostgreSQL, against the real local cluster and Chromium. The replicas are started here,
// not by playwright.config's webServer; ports come from E2E_REPLICAS_PORTS ("balancer,a,b", 0 = any
// free port) so parallel runs do not collide. Which replica answered is read from the stream's event
// ids: each server process has its own random boot id (server/k8s/stream-hub.ts).
// Measured numbers (sign-out propagation, failover) are attached to the test results as annotations.

const DIST_DIR = process.env.WHEELHOUSE_DIST_DIR || '.next';
const SIGNIN_BUDGET = 6;
const admin = clients('admin');
const alice = LOCAL_USERS.alice;

let set: ReplicaSet;
let namespace: string;
const DEPLOYMENT = 'replicas-web';

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const [balancer, a, b] = await ports();
  namespace = await createNamespace(admin, 'h7-replicas');
  await admin.apps.createNamespacedDeployment({ namespace, body: deployment(DEPLOYMENT, { replicas: 1 }) });
  set = await startReplicaSet({
    distDir: DIST_DIR,
    ports: { balancer, a, b },
    env: {
      WHEELHOUSE_CLUSTER_NAME: 'local',
      WHEELHOUSE_PROMETHEUS_URL: process.env.WHEELHOUSE_PROMETHEUS_URL ?? 'http://127.0.0.1:9090',
      // Test-only secret, shared by both replicas as a Deployment's Secret would be; never used elsewhere.
      NEXTAUTH_SECRET: 'e2e-replicas-only-Vt4nQ8zLw2Kp6Xr9Hd3Jm7Bc',
      WHEELHOUSE_USERS_FILE: join(__dirname, 'support', 'users.yaml'),
      WHEELHOUSE_SIGNIN_PER_MINUTE: String(SIGNIN_BUDGET),
    },
  });
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  await set?.stop();
  if (namespace) await deleteNamespace(admin, namespace);
});

test.afterEach(async () => {
  const info = test.info();
  if (info.status === info.expectedStatus || !set) return;
  const path = info.outputPath('replica-logs.txt');
  writeFileSync(path, set.logs());
  await info.attach('replica logs', { path, contentType: 'text/plain' });
});

async function ports(): Promise<[number, number, number]> {
  const given = (process.env.E2E_REPLICAS_PORTS ?? '0,0,0').split(',').map(Number);
  const [balancer = 0, a = 0, b = 0] = await Promise.all(given.map((p) => (p > 0 ? p : freePort())));
  return [balancer, a, b];
}

function note(type: string, description: string): void {
  test.info().annotations.push({ type, description });
  console.info(`[replicas] ${type}: ${description}`);
}

const sub = () => `local:pods:${namespace}`;

async function bootIds(cookie: string): Promise<Record<ReplicaName, string>> {
  const [a, b] = await Promise.all([
    streamBootId(set.url('a'), cookie, sub()),
    streamBootId(set.url('b'), cookie, sub()),
  ]);
  return { a, b };
}

/** Waits until `url` refuses `cookie`; resolves to the milliseconds it took from `since`. */
async function refusedAfter(url: string, cookie: string, since: number): Promise<number> {
  await waitFor(async () => (await sessionStatus(url, cookie, namespace)) === 401, 10_000, `${url} to refuse`, 25);
  return Date.now() - since;
}

test('requests through the balancer alternate between the replicas', async () => {
  const cookie = await signInWithPassword(set.balancerUrl, 'alice', alice.password);
  const boot = await bootIds(cookie);
  expect(boot.a).not.toBe(boot.b);
  const answered: string[] = [];
  for (let i = 0; i < 6; i++) answered.push(await streamBootId(set.balancerUrl, cookie, sub()));
  const names = answered.map((id) => (id === boot.a ? 'a' : id === boot.b ? 'b' : `unknown ${id}`));
  note('balancer order', names.join(' '));
  expect(new Set(names)).toEqual(new Set(['a', 'b']));
  for (let i = 1; i < names.length; i++)
    expect(names[i], `request ${i} went to the other replica`).not.toBe(names[i - 1]);
});

test('a sign-out on one replica is refused by both, on requests and on renewal', async () => {
  const signedOut = await signInWithPassword(set.balancerUrl, 'alice', alice.password);
  const other = await signInWithPassword(set.balancerUrl, 'alice', alice.password);
  // Both replicas have decoded (and cached) the cookie before the sign-out.
  for (const name of ['a', 'b'] as const) {
    expect(await sessionStatus(set.url(name), signedOut, namespace)).toBe(200);
  }
  await signOutHttp(set.url('a'), signedOut);
  const since = Date.now();
  const [onA, onB] = await Promise.all([
    refusedAfter(set.url('a'), signedOut, since),
    refusedAfter(set.url('b'), signedOut, since),
  ]);
  // The target is one second (the replicas' shared revocation list); the wait above allows ten, so a
  // loaded machine does not fail the test, and the measured time is reported.
  note('sign-out propagation', `replica a (signed out there) ${onA} ms, replica b ${onB} ms`);
  // Renewal is refused too (no user, no fresh cookie), and only that session ended: another session
  // of the same person still works and renews on both.
  for (const name of ['a', 'b'] as const) {
    expect(await renewSession(set.url(name), signedOut), `replica ${name} renews the signed-out session`).toEqual({
      user: undefined,
      renewed: false,
    });
    expect(await sessionStatus(set.url(name), other, namespace)).toBe(200);
    expect((await renewSession(set.url(name), other)).user).toBe('alice');
  }
});

test('the same action request id sent through both replicas is applied once', async () => {
  const cookie = await signInWithPassword(set.balancerUrl, 'alice', alice.password);
  const before = await admin.apps.readNamespacedDeployment({ name: DEPLOYMENT, namespace });
  const replicas = (before.spec?.replicas ?? 1) + 1;
  const requestId = randomUUID();
  const body = {
    requestId,
    replicas,
    resourceVersion: before.metadata?.resourceVersion,
    generation: before.metadata?.generation,
    reason: 'e2e replicas: one request id, two replicas',
  };
  const path = `/api/k8s/local/deployments/${namespace}/${DEPLOYMENT}/actions/scale`;
  // At the same time, one directly to each replica: an in-memory de-duplication cannot see the other.
  const answers = await Promise.all(
    (['a', 'b'] as const).map((name) => postAction(set.url(name), set.balancerUrl, cookie, path, body)),
  );
  note('answers', answers.map((a) => `${a.status} ${a.body.ok ? 'ok' : (a.body.code ?? '?')}`).join(', '));
  for (const answer of answers) {
    expect(answer.status, `both replicas give the first request's answer: ${answer.body.message}`).toBe(200);
    expect(answer.body.ok).toBe(true);
  }
  const after = await admin.apps.readNamespacedDeployment({ name: DEPLOYMENT, namespace });
  expect(after.spec?.replicas).toBe(replicas);
  // One write: a second scale to the same count would be a no-op, so the audit log is the witness.
  const rows = await waitFor(
    async () => {
      const r = await set.query<{ result: string; finished_at: string | null }>(
        'SELECT result, finished_at FROM audit_log WHERE request_id = $1',
        [requestId],
      );
      return r.length > 0 && r.every((row) => row.finished_at !== null) && r;
    },
    30_000,
    'the audit outcome',
    250,
  );
  expect(rows.map((r) => r.result)).toEqual(['ok']);
  expect(after.metadata?.generation).toBe((before.metadata?.generation ?? 0) + 1);
});

test('the sign-in rate limit holds across both replicas', async () => {
  // A user name of its own, so no other test's attempts share its buckets.
  const user = `h7-nobody-${randomUUID().slice(0, 8)}`;
  const started = Date.now();
  const outcomes: { name: ReplicaName; status: number }[] = [];
  for (let i = 0; i < SIGNIN_BUDGET * 2 + 2; i++) {
    const name: ReplicaName = i % 2 === 0 ? 'a' : 'b';
    outcomes.push({ name, status: await signInAttempt(set.url(name), user, 'wrong-password') });
  }
  const elapsedMs = Date.now() - started;
  const accepted = outcomes.filter((o) => o.status !== 429).length;
  note('sign-in attempts', outcomes.map((o) => `${o.name}:${o.status}`).join(' '));
  // The bucket refills at SIGNIN_BUDGET per minute; a slow run may earn a token back meanwhile.
  const refilled = Math.floor((elapsedMs * SIGNIN_BUDGET) / 60_000);
  expect(accepted, 'attempts let through by both replicas together').toBeGreaterThanOrEqual(SIGNIN_BUDGET);
  expect(accepted, 'attempts let through by both replicas together').toBeLessThanOrEqual(SIGNIN_BUDGET + refilled);
  for (const name of ['a', 'b'] as const) {
    expect(
      outcomes.some((o) => o.name === name && o.status === 429),
      `replica ${name} refused some`,
    ).toBe(true);
  }
});

function pod(name: string): V1Pod {
  return {
    metadata: { name, labels: { app: 'replicas-failover' }, annotations: { 'sim.wheelhouse.dev/ready-after': '1s' } },
    spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] },
  };
}

/** Changes that must show on the page: created pods appear, deleted ones go. Resolves to the missed ones. */
async function missedOn(page: LivePodsPage, expected: { name: string; shown: boolean }[]): Promise<string[]> {
  const missed: string[] = [];
  for (const { name, shown } of expected) {
    const row = page.row(name);
    await (
      shown ? expect(row).toBeVisible({ timeout: 30_000 }) : expect(row).toHaveCount(0, { timeout: 30_000 })
    ).catch(() => missed.push(name));
  }
  return missed;
}

test('the Pods page keeps updating when the replica serving its stream is killed', async ({ browser }) => {
  test.setTimeout(240_000);
  const cookie = await signInWithPassword(set.balancerUrl, 'alice', alice.password);
  const boot = await bootIds(cookie);
  const tag = randomUUID().slice(0, 6);
  const names = {
    before: `pod-before-${tag}`,
    live: `pod-live-${tag}`,
    down: `pod-down-${tag}`,
    switching: `pod-switching-${tag}`,
    after: `pod-after-${tag}`,
  };
  await admin.core.createNamespacedPod({ namespace, body: pod(names.before) });
  const page = await LivePodsPage.open(browser, set.balancerUrl, cookie, namespace);
  await expect(page.row(names.before)).toBeVisible({ timeout: 30_000 });
  // The page is live: a pod created now appears without a reload.
  await admin.core.createNamespacedPod({ namespace, body: pod(names.live) });
  await expect(page.row(names.live)).toBeVisible({ timeout: 30_000 });

  const serving = await waitFor(
    async () => {
      const id = await page.lastBootId();
      return id === boot.a ? 'a' : id === boot.b ? 'b' : undefined;
    },
    30_000,
    'the stream to name its replica',
    200,
  );
  const survivor: ReplicaName = serving === 'a' ? 'b' : 'a';
  const killedAt = Date.now();
  await set.stopReplica(serving, 'SIGKILL');
  // Changes made while the stream is down and reconnecting: two created, one deleted.
  await admin.core.createNamespacedPod({ namespace, body: pod(names.down) });
  await admin.core.deleteNamespacedPod({ namespace, name: names.before, gracePeriodSeconds: 0 });
  await admin.core.createNamespacedPod({ namespace, body: pod(names.switching) });

  await waitFor(
    async () => (await page.streamEvents()).some((e) => e.type === 'ready' && e.id.startsWith(`${boot[survivor]}-`)),
    60_000,
    `the stream to reconnect to replica ${survivor}`,
    100,
  );
  const reconnectedMs = Date.now() - killedAt;
  // And one change after the reconnect, through the surviving replica only.
  await admin.core.createNamespacedPod({ namespace, body: pod(names.after) });

  const expected = [
    { name: names.down, shown: true },
    { name: names.before, shown: false },
    { name: names.switching, shown: true },
    { name: names.after, shown: true },
  ];
  const missed = await missedOn(page, expected);
  const resyncs = (await page.streamEvents()).filter((e) => e.type === 'resync').length;
  note(
    'failover',
    `killed replica ${serving}; stream back on ${survivor} after ${reconnectedMs} ms; ` +
      `resyncs ${resyncs}; changes missed ${missed.length} of ${expected.length}`,
  );
  expect(missed, 'changes made during the failover that the page never showed').toEqual([]);
  await page.close();
  await set.startReplica(serving);
});

test('the Pods page resumes its stream after every replica was down', async ({ browser }) => {
  // While no replica is up, the balancer answers the stream's reconnect with 503, and an EventSource
  // never retries after an error answer: the page must open a new stream itself.
  test.setTimeout(240_000);
  const cookie = await signInWithPassword(set.balancerUrl, 'alice', alice.password);
  const tag = randomUUID().slice(0, 6);
  const names = { before: `pod-before-${tag}`, down: `pod-down-${tag}`, after: `pod-after-${tag}` };
  await admin.core.createNamespacedPod({ namespace, body: pod(names.before) });
  const page = await LivePodsPage.open(browser, set.balancerUrl, cookie, namespace);
  await expect(page.row(names.before)).toBeVisible({ timeout: 30_000 });

  await Promise.all([set.stopReplica('a'), set.stopReplica('b')]);
  await admin.core.createNamespacedPod({ namespace, body: pod(names.down) });
  // Until the page's reconnect has met the empty balancer (the EventSource is closed for good).
  await waitFor(
    async () => (await page.streamEvents()).some((e) => e.type === 'error' && e.state === 2),
    30_000,
    'the stream to be refused',
    200,
  );
  const restartedAt = Date.now();
  await Promise.all([set.startReplica('a'), set.startReplica('b')]);
  await admin.core.createNamespacedPod({ namespace, body: pod(names.after) });

  const missed = await missedOn(page, [
    { name: names.down, shown: true },
    { name: names.after, shown: true },
  ]);
  note(
    'outage',
    `changes missed after both replicas restarted: ${missed.length} of 2 (${Date.now() - restartedAt} ms)`,
  );
  expect(missed, 'changes made during and after the outage that the page never showed').toEqual([]);
  await page.close();
});

test('a session revoked before both replicas restart is still refused after', async () => {
  test.setTimeout(240_000);
  const revoked = await signInWithPassword(set.balancerUrl, 'alice', alice.password);
  const kept = await signInWithPassword(set.balancerUrl, 'alice', alice.password);
  expect(await sessionStatus(set.url('a'), revoked, namespace)).toBe(200);
  await signOutHttp(set.url('a'), revoked);
  expect(await sessionStatus(set.url('a'), revoked, namespace)).toBe(401);

  await Promise.all([set.stopReplica('a'), set.stopReplica('b')]);
  await Promise.all([set.startReplica('a'), set.startReplica('b')]);

  for (const name of ['a', 'b'] as const) {
    expect(await sessionStatus(set.url(name), revoked, namespace), `replica ${name}, revoked cookie`).toBe(401);
    expect(await sessionStatus(set.url(name), kept, namespace), `replica ${name}, other session`).toBe(200);
  }
  expect(await sessionStatus(set.balancerUrl, revoked, namespace)).toBe(401);
});
