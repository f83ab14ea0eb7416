// A thin Kubernetes REST client over node:https with a keep-alive agent: plain JSON in and out,
// streaming watches, typed errors. client-node loads the kubeconfig (credentials, CA); its
// generated clients are skipped on the hot path because they deserialize every pod into model
// classes, which at 10k pods costs more CPU than the simulation.
import { Agent, request, type RequestOptions } from 'node:https';

import type { KubeConfig } from '@kubernetes/client-node';

import { splitLines } from './lines';

export class KubeError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'KubeError';
  }
}

export const MERGE_PATCH = 'application/merge-patch+json';

export interface RequestOpts {
  body?: unknown;
  contentType?: string;
  timeoutMs?: number;
}

function errorFrom(status: number, text: string, what: string): KubeError {
  try {
    const body = JSON.parse(text) as { reason?: string; message?: string };
    return new KubeError(status, body.reason ?? '', `${what}: ${status} ${body.message ?? text}`);
  } catch {
    return new KubeError(status, '', `${what}: ${status} ${text.slice(0, 200)}`);
  }
}

export class KubeClient {
  private readonly agent: Agent;

  constructor(
    private readonly server: URL,
    private readonly tls: Pick<RequestOptions, 'ca' | 'cert' | 'key' | 'rejectUnauthorized'>,
    private readonly headers: Record<string, string>,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: 64, ...tls });
  }

  static async fromKubeConfig(kc: KubeConfig): Promise<KubeClient> {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error('kubeconfig has no current cluster');
    const opts: RequestOptions = {};
    await kc.applyToHTTPSOptions(opts);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts.headers ?? {})) if (typeof v === 'string') headers[k] = v;
    if (opts.auth) headers.Authorization = `Basic ${Buffer.from(opts.auth).toString('base64')}`;
    return new KubeClient(
      new URL(cluster.server),
      { ca: opts.ca, cert: opts.cert, key: opts.key, rejectUnauthorized: opts.rejectUnauthorized },
      headers,
    );
  }

  private options(method: string, path: string, extra: Record<string, string>): RequestOptions {
    return {
      method,
      host: this.server.hostname,
      port: this.server.port || 443,
      path,
      agent: this.agent,
      headers: { Accept: 'application/json', 'User-Agent': 'wheelhouse-node-agent', ...this.headers, ...extra },
    };
  }

  /** One request; resolves with the parsed JSON body, rejects with KubeError on non-2xx. */
  request<T>(method: string, path: string, opts: RequestOpts = {}): Promise<T> {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    // An explicit length: Node does not chunk DELETE bodies, and a body without a length would be
    // read by the server as the start of the next request on the kept-alive connection.
    const extra: Record<string, string> =
      payload === undefined
        ? {}
        : {
            'Content-Type': opts.contentType ?? 'application/json',
            'Content-Length': String(Buffer.byteLength(payload)),
          };
    return new Promise<T>((resolve, reject) => {
      const req = request(this.options(method, path, extra), (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status < 200 || status > 299) return reject(errorFrom(status, text, `${method} ${path}`));
          try {
            resolve((text ? JSON.parse(text) : {}) as T);
          } catch (err) {
            reject(err);
          }
        });
      });
      req.setTimeout(opts.timeoutMs ?? 30_000, () => req.destroy(new Error(`${method} ${path}: timed out`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  /**
   * Streams a watch: calls `onLine` per JSON line; resolves when the server ends the stream
   * (its timeoutSeconds), rejects on errors. `signal` aborts it.
   */
  watch(path: string, onLine: (line: string) => void, signal: AbortSignal, idleTimeoutMs = 420_000): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const req = request({ ...this.options('GET', path, {}), signal }, (res) => {
        const status = res.statusCode ?? 0;
        if (status !== 200) {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => reject(errorFrom(status, text, `watch ${path}`)));
          return;
        }
        const feed = splitLines(onLine);
        res.setEncoding('utf8');
        res.on('data', (c: string) => feed(c));
        res.on('end', () => resolve());
        res.on('error', reject);
        res.on('aborted', () => reject(new Error(`watch ${path}: aborted`)));
      });
      // Silence past the server's own timeoutSeconds means the connection is dead.
      req.setTimeout(idleTimeoutMs, () => req.destroy(new Error(`watch ${path}: idle for ${idleTimeoutMs} ms`)));
      req.on('error', reject);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export function isStatus(err: unknown, ...codes: number[]): boolean {
  return err instanceof KubeError && codes.includes(err.status);
}
