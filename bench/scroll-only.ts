import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import * as prettier from 'prettier';

import { authenticate, authServerEnv } from './auth';
import type { KubeHttp } from './kube-http';
import { measureCold } from './measure-cold';
import { measureScroll, type ScrollResult } from './measure-scroll';
import type { BenchOptions } from './options';
import { writeDoc } from './report';
import { resultSchema, type BenchResult } from './result';
import { benchNamespaces } from './options';
import { benchPodPhases, settledPods } from './seed';
import { REPO_ROOT, startServer } from './server';

// `npm run bench -- --only scroll`: the scroll measurement alone, against the bench pods an earlier
// run kept (--keep). Seeding 10,000 pods takes minutes; the browser part is worth repeating on its
// own. The result is added to the newest recorded run of the same scale, so the record stays one
// file per scale and docs/benchmarks.md shows it next to the server numbers.

type Log = (msg: string) => void;

/** The newest result of this scale (ids are timestamps, so they sort by time). */
export function newestOfScale(
  results: readonly { file: string; result: BenchResult }[],
  o: Pick<BenchOptions, 'pods' | 'namespaces' | 'deployments'>,
): { file: string; result: BenchResult } | undefined {
  return results
    .filter(
      ({ result: r }) =>
        r.scale.pods === o.pods && r.scale.namespaces === o.namespaces && r.scale.deployments === o.deployments,
    )
    .sort((a, b) => b.result.id.localeCompare(a.result.id))[0];
}

async function measureAgainstKept(o: BenchOptions, kube: KubeHttp, log: Log): Promise<ScrollResult> {
  const running = settledPods(await benchPodPhases(kube, 500, new Set(benchNamespaces(o))));
  if (running < o.pods)
    throw new Error(
      `--only scroll: ${running} bench pods are Running (or settled failing), ${o.pods} expected; run \`npm run bench -- --keep\` with the same scale first`,
    );
  const baseUrl = `http://127.0.0.1:${o.port}`;
  const logFile = join(REPO_ROOT, o.distDir, 'bench-server.log');
  const server = await startServer(o.distDir, o.port, logFile, authServerEnv(baseUrl, REPO_ROOT));
  log(`server: standalone server.js on ${server.baseUrl}, ready after ${server.readyMs} ms (pid ${server.pid})`);
  try {
    const cold = await measureCold(server, authenticate, log); // signs in, first page
    return await measureScroll(server.baseUrl, cold.headers, o.scrollSeconds, log);
  } finally {
    await server.stop();
    log('server stopped');
  }
}

export async function runScrollOnly(o: BenchOptions, kube: KubeHttp, log: Log): Promise<void> {
  const dir = join(REPO_ROOT, 'bench', 'results');
  const results = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ file: join(dir, f), result: resultSchema.parse(JSON.parse(readFileSync(join(dir, f), 'utf8'))) }));
  const target = newestOfScale(results, o);
  if (!target)
    throw new Error(
      `--only scroll: no recorded run with ${o.pods} pods / ${o.namespaces} namespaces / ${o.deployments} Deployments`,
    );
  const scroll = await measureAgainstKept(o, kube, log);
  const updated = resultSchema.parse({ ...target.result, scroll });
  const style = (await prettier.resolveConfig(target.file)) ?? {};
  writeFileSync(
    target.file,
    await prettier.format(JSON.stringify(updated, null, 2), { ...style, filepath: target.file }),
  );
  const runs = await writeDoc(dir, join(REPO_ROOT, 'docs', 'benchmarks.md'));
  log(`added the scroll measurement to ${target.file}; docs/benchmarks.md now lists ${runs} run(s)`);
}
