import { performance } from 'node:perf_hooks';

import { attempt, csrfFor, madeUpName, passwordForm, randomAddress } from '../e2e/support/sign-in-attempt';
import { signInWithPassword } from '../e2e/support/sign-in-http';

// How long a signed-in request waits while password sign-ins flood the server (issue 11 item 2).
//   npx tsx bench/signin-flood.ts <baseUrl> <user> <password> [rounds=5] [concurrency=20] [path=/api/auth/session]
// Each round sends `concurrency` sign-ins with made-up names at once (each from its own address, so
// the per-address budget does not refuse them), and meanwhile repeats the signed-in GET back to back
// until the round's last sign-in answered. Prints the idle and under-flood latencies and how the
// sign-ins were answered. The server must run the production build (`next start` or standalone).

const [baseUrl = 'http://127.0.0.1:3201', user = 'alice', password = '', roundsArg, concurrencyArg, path] =
  process.argv.slice(2);
const rounds = Number(roundsArg ?? 5);
const concurrency = Number(concurrencyArg ?? 20);
const target = path ?? '/api/auth/session';

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function timedGet(cookie: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${baseUrl}${target}`, { headers: { Cookie: cookie } });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${target} answered ${res.status}`);
  return performance.now() - started;
}

async function main(): Promise<void> {
  const cookie = await signInWithPassword(baseUrl, user, password);
  const idle: number[] = [];
  for (let i = 0; i < 20; i++) idle.push(await timedGet(cookie));

  const during: number[] = [];
  const floodMs: number[] = [];
  const statuses = new Map<number, number>();
  for (let round = 0; round < rounds; round++) {
    const csrf = await csrfFor(baseUrl);
    let done = false;
    const started = performance.now();
    const flood = Promise.all(
      Array.from({ length: concurrency }, () =>
        attempt(baseUrl, csrf, passwordForm(csrf, madeUpName('flood'), 'guess'), randomAddress()),
      ),
    ).then((answers) => {
      done = true;
      floodMs.push(performance.now() - started);
      for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
    });
    while (!done) during.push(await timedGet(cookie));
    await flood;
  }
  const ms = (n: number) => `${Math.round(n)} ms`;
  console.log(`signed-in GET ${target}, idle:        p50 ${ms(pct(idle, 50))}, max ${ms(Math.max(...idle))}`);
  console.log(
    `signed-in GET during ${rounds} floods of ${concurrency}: p50 ${ms(pct(during, 50))}, max ${ms(Math.max(...during))} (${during.length} requests)`,
  );
  console.log(`flood duration: p50 ${ms(pct(floodMs, 50))}, max ${ms(Math.max(...floodMs))}`);
  console.log(`sign-in answers: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(', ')}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
