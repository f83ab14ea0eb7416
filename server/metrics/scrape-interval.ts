import 'server-only';

import { parse as parseYaml } from 'yaml';

import { parsePromDuration } from '@/lib/metrics/duration';
import type { PrometheusSettings } from '@/server/k8s/clusters';
import { promApi } from '@/server/metrics/prometheus';

// The scrape interval is a per-cluster fact the step/window arithmetic needs. Rather than another
// setting to keep in sync, it is read from each Prometheus' own configuration (global
// scrape_interval, /api/v1/status/config) and remembered for a few minutes. When that endpoint is
// not reachable (a proxy in front that allows only queries), 30 s is assumed: the kube-prometheus
// default, and long enough that rate windows (≥ 4 × scrape) never come out empty.

export const DEFAULT_SCRAPE_SECONDS = 30;
const REMEMBER_MS = 5 * 60_000;

const known = new Map<string, { seconds: number; at: number }>();

export async function scrapeIntervalSeconds(
  cluster: string,
  settings: PrometheusSettings,
  timeoutMs: number,
): Promise<number> {
  const hit = known.get(cluster);
  if (hit && Date.now() - hit.at < REMEMBER_MS) return hit.seconds;
  let seconds = DEFAULT_SCRAPE_SECONDS;
  try {
    const data = await promApi<{ yaml: string }>(settings, '/api/v1/status/config', {}, timeoutMs, 'GET');
    const config = parseYaml(data.yaml) as { global?: { scrape_interval?: unknown } } | null;
    const raw = config?.global?.scrape_interval;
    seconds = (typeof raw === 'string' ? parsePromDuration(raw) : undefined) ?? 60; // Prometheus' own default
  } catch {
    // Unreachable now: use the default but do not remember it, so the real value is read once it answers.
    return hit?.seconds ?? DEFAULT_SCRAPE_SECONDS;
  }
  known.set(cluster, { seconds, at: Date.now() });
  return seconds;
}
