// Event-loop delay while the server reduces one hostile TLS Secret (issue 11, item 4).
//
//   npx tsx --conditions=react-server bench/tls-parse-delay.ts [sizeMB=5] [module=server/k8s/tls-secrets.ts]
//
// Builds a Secret whose tls.crt is `sizeMB` of repeated `-----BEGIN CERTIFICATE-----` lines (the
// input that made the old regex quadratic), runs the module's `tlsSecretTransform` on it, and prints
// perf_hooks.monitorEventLoopDelay's view of that time plus the call's own duration. Pass another
// module path (e.g. the old parser from `git show <rev>:server/k8s/tls-secrets.ts`) to compare.
// `--conditions=react-server` lets the server module's `import 'server-only'` load outside Next.js.

import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface TlsModule {
  tlsSecretTransform(obj: unknown): unknown;
}

async function main(): Promise<void> {
  const sizeMb = Number(process.argv[2] ?? '5');
  const modulePath = resolve(process.argv[3] ?? 'server/k8s/tls-secrets.ts');
  const mod = (await import(pathToFileURL(modulePath).href)) as TlsModule;
  const line = '-----BEGIN CERTIFICATE-----\n';
  const crt = Buffer.from(line.repeat(Math.ceil((sizeMb * 1024 * 1024) / line.length))).toString('base64');
  const secret = {
    metadata: { name: 'hostile', namespace: 'bench' },
    type: 'kubernetes.io/tls',
    data: { 'tls.crt': crt },
  };

  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  // Let the monitor take a few idle samples first, then parse on a later turn of the loop.
  await new Promise((r) => setTimeout(r, 200));
  const t0 = performance.now();
  const out = mod.tlsSecretTransform(secret) as { certificate?: unknown };
  const callMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 200));
  h.disable();
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  console.log(
    JSON.stringify({
      module: process.argv[3] ?? 'server/k8s/tls-secrets.ts',
      tlsCrtBytes: Math.round(Buffer.byteLength(crt, 'base64')),
      callMs: Math.round(callMs * 10) / 10,
      eventLoopDelayMs: { max: ms(h.max), p99: ms(h.percentile(99)), mean: ms(h.mean) },
      result: out.certificate,
    }),
  );
}

void main();
