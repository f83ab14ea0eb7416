// Lets the local Prometheus scrape a running Wheelhouse server's /api/metrics, as a platform team's
// Prometheus would: a `wheelhouse` job with a bearer token from a file and file-based discovery of
// targets (control-plane/components.ts). A cluster brought up before that job existed gets the
// current configuration written and Prometheus reloaded (it runs with --web.enable-lifecycle).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { prometheusConfig } from './control-plane/components';
import { clusterPaths, ENDPOINTS } from './paths';

/** The bearer token Prometheus sends (created once); give it to the server as WHEELHOUSE_METRICS_TOKEN. */
export function scrapeToken(): string {
  const p = clusterPaths();
  mkdirSync(p.wheelhouseScrapeDir, { recursive: true, mode: 0o700 });
  const file = join(p.wheelhouseScrapeDir, 'token');
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** Makes sure the running Prometheus has the `wheelhouse` job (rewrites its config and reloads it if not). */
export async function ensureScrapeJob(): Promise<void> {
  const p = clusterPaths();
  const wanted = prometheusConfig(p);
  if (existsSync(p.prometheusConfig) && readFileSync(p.prometheusConfig, 'utf8') === wanted) return;
  writeFileSync(p.prometheusConfig, wanted);
  const res = await fetch(`${ENDPOINTS.prometheus}/-/reload`, { method: 'POST' });
  if (!res.ok)
    throw new Error(`Prometheus refused to reload its configuration: HTTP ${res.status} ${await res.text()}`);
}

/** Adds a scrape target (host:port) under `name`, with labels; returns the function that removes it. */
export function addScrapeTarget(name: string, target: string, labels: Record<string, string> = {}): () => void {
  const p = clusterPaths();
  mkdirSync(p.wheelhouseScrapeDir, { recursive: true, mode: 0o700 });
  const file = join(p.wheelhouseScrapeDir, `targets-${name}.json`);
  // Written whole and renamed, so Prometheus never reads half a file.
  writeFileSync(`${file}.tmp`, JSON.stringify([{ targets: [target], labels }]));
  renameSync(`${file}.tmp`, file);
  return () => rmSync(file, { force: true });
}
