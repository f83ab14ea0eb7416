import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';

import { kubeConfig } from '../local-cluster/test/kube';
import type { ContextName } from '../local-cluster/paths';

// Raw HTTPS to the local kube-apiserver as a kubeconfig user (admin by default): for timing the raw
// LIST next to Wheelhouse, scraping /metrics and patching pods at a fixed rate without client-node's
// per-call overhead. Keep-alive, so a patch measures the apiserver, not a TLS handshake.

export interface KubeResponse {
  status: number;
  body: string;
  bytes: number;
  ms: number;
}

export interface KubeHttp {
  server: string;
  request(
    method: string,
    path: string,
    opts?: { body?: unknown; contentType?: string; keepBody?: boolean },
  ): Promise<KubeResponse>;
  /**
   * A watch (`path` carries `watch=1`): `onEvent` gets each event's JSON line as it arrives. Resolves
   * once the API server answered 200 (rejects otherwise); `close()` ends it.
   */
  watch(path: string, onEvent: (line: string) => void): Promise<{ close(): void }>;
  close(): void;
}

export function kubeHttp(context: ContextName = 'admin', timeoutMs = 120_000): KubeHttp {
  const kc = kubeConfig(context);
  const cluster = kc.getCurrentCluster();
  const user = kc.getCurrentUser();
  if (!cluster || !user?.token) throw new Error(`kubeconfig context ${context} has no cluster or token`);
  const ca = cluster.caData
    ? Buffer.from(cluster.caData, 'base64')
    : cluster.caFile
      ? readFileSync(cluster.caFile)
      : undefined;
  const agent = new Agent({ keepAlive: true, maxSockets: 64, ca });
  const base = new URL(cluster.server);
  const token = user.token;
  const headers = (payload?: string, contentType?: string) => ({
    authorization: `Bearer ${token}`,
    accept: 'application/json',
    ...(payload ? { 'content-type': contentType ?? 'application/json' } : {}),
  });

  return {
    server: cluster.server,
    close: () => agent.destroy(),
    request(method, path, opts = {}) {
      const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
      const started = performance.now();
      return new Promise((resolve, reject) => {
        const req = request(
          new URL(path, base),
          {
            method,
            agent,
            timeout: timeoutMs,
            headers: headers(payload, opts.contentType),
          },
          (res) => {
            const chunks: Buffer[] = [];
            let bytes = 0;
            res.on('data', (c: Buffer) => {
              bytes += c.length;
              // A 10k-pod list is ~40 MB: only keep it when the caller reads it.
              if (opts.keepBody !== false) chunks.push(c);
            });
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                body: Buffer.concat(chunks).toString('utf8'),
                bytes,
                ms: performance.now() - started,
              }),
            );
            res.on('error', reject);
          },
        );
        req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timeout after ${timeoutMs} ms`)));
        req.on('error', reject);
        req.end(payload);
      });
    },
    watch(path, onEvent) {
      return new Promise((resolve, reject) => {
        // Its own connection: a watch holds it for as long as it runs.
        const req = request(new URL(path, base), { method: 'GET', ca, headers: headers() }, (res) => {
          if (res.statusCode !== 200) {
            res.resume();
            return reject(new Error(`GET ${path}: HTTP ${res.statusCode ?? 0}`));
          }
          let rest = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            const lines = (rest + chunk).split('\n');
            rest = lines.pop() ?? '';
            for (const line of lines) if (line) onEvent(line);
          });
          res.on('error', () => undefined);
          resolve({ close: () => req.destroy() });
        });
        req.on('error', reject);
        req.end();
      });
    },
  };
}

/** GET that must succeed; returns the parsed JSON. */
export async function getJson<T>(kube: KubeHttp, path: string): Promise<T> {
  const res = await kube.request('GET', path);
  if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status}: ${res.body.slice(0, 300)}`);
  return JSON.parse(res.body) as T;
}
