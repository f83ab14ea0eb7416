import autocannon from 'autocannon';

import type { AttentionSummary } from '../lib/k8s/attention-summary';
import { signInWithPassword } from '../e2e/support/sign-in-http';
import { LOCAL_USERS } from '../e2e/support/test-accounts';
import type { AttentionRun } from './attention-result';
import { bodyBytes } from './http-bytes';
import { closedLoopFigures } from './measure-warm';

// The Overview's "needs attention" answer (GET /api/k8s/local/attention, ADR 0023) as an operator
// (alice: every namespace) and as a developer (bob: the shop-* namespaces only): its bytes, which
// must not grow with the cluster, and its latency with `connections` people asking back to back.
// The counts it reports show what the answer summarized.

type Log = (msg: string) => void;

export const ATTENTION_PATH = '/api/k8s/local/attention';

const PEOPLE = [
  { user: 'alice', who: 'operator (alice, all namespaces)' },
  { user: 'bob', who: 'developer (bob, shop-* only)' },
] as const;

/** Signs in as alice and bob and measures the answer for each. */
export async function measureAttention(
  baseUrl: string,
  opts: { connections: number; seconds: number },
  log: Log,
): Promise<AttentionRun[]> {
  const runs: AttentionRun[] = [];
  for (const { user, who } of PEOPLE) {
    const headers = { cookie: await signInWithPassword(baseUrl, user, LOCAL_USERS[user].password) };
    runs.push(await measureOne(baseUrl, headers, who, opts, log));
  }
  return runs;
}

async function measureOne(
  baseUrl: string,
  headers: Record<string, string>,
  who: string,
  opts: { connections: number; seconds: number },
  log: Log,
): Promise<AttentionRun> {
  const url = `${baseUrl}${ATTENTION_PATH}`;
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`${ATTENTION_PATH} as ${who}: HTTP ${res.status}`);
  const body = (await res.json()) as AttentionSummary;
  const items = Object.values(body.categories).reduce((n, c) => n + c.items.length, 0);
  const bytes = await bodyBytes(url, headers, 'identity');
  const gzipBytes = await bodyBytes(url, headers, 'gzip');
  const r = await autocannon({
    url,
    connections: opts.connections,
    duration: opts.seconds,
    headers,
    timeout: 10,
  });
  const run: AttentionRun = {
    who,
    bytes,
    gzipBytes,
    counted: {
      needAttention: body.needAttention,
      failingPods: body.categories.pods.count,
      stuckRollouts: body.categories.stuck.count,
      workloads: body.workloads,
      namespaces: body.namespacesTotal,
    },
    items,
    connections: opts.connections,
    seconds: opts.seconds,
    ...closedLoopFigures(r),
  };
  log(
    `attention as ${who}: ${bytes} bytes (gzip ${gzipBytes}) for ${body.workloads} workloads, ` +
      `${body.needAttention} needing attention (${items} items sent); p50 ${run.p50} ms, p99 ${run.p99} ms, ` +
      `${run.requestsPerSecond} req/s with ${opts.connections} connections, ${run.non2xx} non-2xx, ${run.errors} errors`,
  );
  return run;
}
