import 'server-only';

import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

import type { PrometheusSettings } from '@/server/k8s/clusters';
import { histogram } from '@/server/observability/metrics';

// A small Prometheus HTTP API client, server-side only (the browser never reaches Prometheus and
// never sends PromQL). node:http(s) rather than fetch because a private CA (`caFile`) must be
// trusted per cluster without touching the process-wide trust store. Every request has a deadline
// and Prometheus gets a matching `timeout` so it stops evaluating when we stop waiting.

export type PromSample = [number, string];

export interface PromSeries {
  metric: Record<string, string>;
  values: PromSample[];
}

/** Prometheus cannot be reached or did not answer in time: pages say "Prometheus unavailable". */
export class PrometheusUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PrometheusUnavailableError';
  }
}

/** Prometheus answered but rejected the query (a bug in our templates, never user input). */
export class PrometheusQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrometheusQueryError';
  }
}

const caCache = new Map<string, Buffer>();

function caOf(file: string | undefined): Buffer | undefined {
  if (!file) return undefined;
  let ca = caCache.get(file);
  if (!ca) {
    try {
      ca = readFileSync(file);
    } catch (err) {
      throw new PrometheusUnavailableError(
        `cannot read its CA file: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    caCache.set(file, ca);
  }
  return ca;
}

function authHeader(settings: PrometheusSettings): Record<string, string> {
  if (settings.bearerToken) return { Authorization: `Bearer ${settings.bearerToken}` };
  if (settings.basicAuth) {
    const { username, password } = settings.basicAuth;
    return { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
  }
  return {};
}

interface PromEnvelope<T> {
  status: 'success' | 'error';
  data?: T;
  errorType?: string;
  error?: string;
}

// Paths are our own constants (query_range, status/config), so the label stays bounded.
const promDuration = histogram({
  name: 'wheelhouse_prometheus_request_duration_seconds',
  help: 'Requests to a cluster Prometheus by API endpoint and outcome (ok, rejected, unavailable)',
  labelNames: ['endpoint', 'outcome'],
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

/**
 * Calls a Prometheus API path. Queries are POSTed as a form (long PromQL stays out of URLs and access
 * logs); status endpoints, which accept only GET, pass `method: 'GET'` and no form.
 */
export async function promApi<T>(
  settings: PrometheusSettings,
  path: string,
  form: Record<string, string>,
  timeoutMs: number,
  method: 'GET' | 'POST' = 'POST',
): Promise<T> {
  const end = promDuration.startTimer({ endpoint: path });
  try {
    const data = await promApiOnce<T>(settings, path, form, timeoutMs, method);
    end({ outcome: 'ok' });
    return data;
  } catch (err) {
    end({ outcome: err instanceof PrometheusQueryError ? 'rejected' : 'unavailable' });
    throw err;
  }
}

async function promApiOnce<T>(
  settings: PrometheusSettings,
  path: string,
  form: Record<string, string>,
  timeoutMs: number,
  method: 'GET' | 'POST',
): Promise<T> {
  const url = new URL(settings.url);
  url.pathname = `${url.pathname.replace(/\/$/, '')}${path}`;
  const body = method === 'POST' ? new URLSearchParams(form).toString() : '';
  const isHttps = url.protocol === 'https:';
  const requestFn = isHttps ? httpsRequest : httpRequest;
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = requestFn(
      url,
      {
        method,
        headers: {
          ...(method === 'POST'
            ? { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) }
            : {}),
          Accept: 'application/json',
          ...authHeader(settings),
        },
        ...(isHttps ? { ca: caOf(settings.caFile) } : {}),
        timeout: timeoutMs,
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (err) => reject(new PrometheusUnavailableError(describe(err), { cause: err })));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err) => reject(new PrometheusUnavailableError(describe(err), { cause: err })));
    req.end(body);
  });
  let envelope: PromEnvelope<T> | undefined;
  try {
    envelope = JSON.parse(text) as PromEnvelope<T>;
  } catch {
    envelope = undefined;
  }
  if (status === 400 || status === 422) {
    throw new PrometheusQueryError(`Prometheus rejected a query: ${envelope?.error ?? `HTTP ${status}`}`);
  }
  if (status !== 200 || envelope?.status !== 'success' || envelope.data === undefined) {
    // 401/403 (wrong credentials), 503 (starting, overloaded), 504 (its own timeout), proxies' HTML.
    throw new PrometheusUnavailableError(envelope?.error ? `${envelope.error} (HTTP ${status})` : `HTTP ${status}`);
  }
  return envelope.data;
}

function describe(err: Error): string {
  const code = (err as { code?: string }).code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  return err.message || code || 'request failed';
}

export async function promRangeQuery(
  settings: PrometheusSettings,
  query: string,
  range: { start: number; end: number; step: number },
  timeoutMs: number,
): Promise<PromSeries[]> {
  const data = await promApi<{ resultType: string; result: PromSeries[] }>(
    settings,
    '/api/v1/query_range',
    {
      query,
      start: String(range.start),
      end: String(range.end),
      step: String(range.step),
      timeout: `${Math.max(1, Math.floor(timeoutMs / 1000))}s`,
    },
    timeoutMs,
  );
  return data.resultType === 'matrix' ? data.result : [];
}
