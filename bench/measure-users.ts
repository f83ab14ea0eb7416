import { Agent, request } from 'node:http';

import { warmPath } from './measure-warm';
import { sleep } from './pool';
import { summarize, type LatencySummary } from './stats';

// Warm reads as people make them: `users` people, each asking for a page every `meanIntervalS`
// seconds on average (Poisson arrivals, so their requests sometimes coincide), over at most one
// keep-alive connection per person. Open loop: a request is sent at its scheduled time whatever the
// earlier ones took, and its latency counts from that time — a slow server is charged for the
// queueing it causes (no coordinated omission). The closed-loop run (measure-warm.ts) shows the
// saturation point instead.

type Log = (msg: string) => void;

/** Deterministic uniform [0, 1) generator (mulberry32), so runs are comparable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Send times (ms from the start) of a Poisson process of `ratePerS` over `seconds`. */
export function poissonSchedule(ratePerS: number, seconds: number, random: () => number): number[] {
  const times: number[] = [];
  let t = 0;
  for (;;) {
    t += (-Math.log(1 - random()) / ratePerS) * 1000;
    if (t >= seconds * 1000) return times;
    times.push(t);
  }
}

export interface UsersResult {
  path: string;
  users: number;
  meanIntervalS: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  non2xx: number;
  errors: number;
  latency: LatencySummary;
}

function get(agent: Agent, url: URL, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

/** What an open-loop run measured: requests sent, their rate, failures and latency from the scheduled times. */
export interface OpenLoopResult {
  requests: number;
  requestsPerSecond: number;
  non2xx: number;
  errors: number;
  latency: LatencySummary;
}

/**
 * The open loop itself: `opts.users` people, each asking every `opts.meanIntervalS` s on average
 * (Poisson, seeded), the i-th request for `pathFor(i)`. Used by measureUsers (one namespace's page)
 * and bench/measure-views.ts (every view of the Pods list).
 */
export async function openLoop(
  baseUrl: string,
  headers: Record<string, string>,
  pathFor: (i: number) => string,
  opts: { users: number; meanIntervalS: number; seconds: number },
  seed = 20261121,
): Promise<OpenLoopResult> {
  const rate = opts.users / opts.meanIntervalS;
  const schedule = poissonSchedule(rate, opts.seconds, rng(seed));
  const agent = new Agent({ keepAlive: true, maxSockets: opts.users });
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (const [i, at] of schedule.entries()) {
    const wait = started + at - performance.now();
    if (wait > 0) await sleep(wait);
    const url = new URL(pathFor(i), baseUrl);
    inFlight.push(
      get(agent, url, headers).then(
        (status) => {
          latencies.push(performance.now() - (started + at));
          if (status < 200 || status > 299) non2xx++;
        },
        () => void errors++,
      ),
    );
  }
  await Promise.all(inFlight);
  agent.destroy();
  const elapsed = (performance.now() - started) / 1000;
  return {
    requests: schedule.length,
    requestsPerSecond: Math.round((schedule.length / elapsed) * 10) / 10,
    non2xx,
    errors,
    latency: summarize(latencies),
  };
}

export async function measureUsers(
  baseUrl: string,
  headers: Record<string, string>,
  namespaces: readonly string[],
  opts: { users: number; meanIntervalS: number; seconds: number },
  log: Log,
): Promise<UsersResult> {
  const rate = opts.users / opts.meanIntervalS;
  log(
    `users: ${opts.users} people, one page every ${opts.meanIntervalS} s each on average ` +
      `(${rate} req/s, open loop) for ${opts.seconds} s`,
  );
  const run = await openLoop(baseUrl, headers, (i) => warmPath(namespaces[i % namespaces.length] ?? 'default'), opts);
  const result: UsersResult = {
    path: warmPath(namespaces[0] ?? 'default'),
    users: opts.users,
    meanIntervalS: opts.meanIntervalS,
    seconds: opts.seconds,
    ...run,
  };
  log(
    `users: p50 ${result.latency.p50} ms, p95 ${result.latency.p95} ms, p99 ${result.latency.p99} ms, ` +
      `max ${result.latency.max} ms; ${result.requestsPerSecond} req/s, ${result.non2xx} non-2xx, ${result.errors} errors`,
  );
  return result;
}
