// Minimal HTTPS/HTTP GET for health checks during bring-up (before client-node has a cluster to talk to).
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface GetResult {
  status: number;
  body: string;
}

export function get(
  url: string,
  opts: { ca?: Buffer; token?: string; timeoutMs?: number; selfSigned?: boolean } = {},
): Promise<GetResult> {
  const u = new URL(url);
  const req = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const r = req(
      u,
      {
        method: 'GET',
        ca: opts.ca,
        rejectUnauthorized: !opts.selfSigned,
        headers: opts.token ? { authorization: `Bearer ${opts.token}` } : {},
        timeout: opts.timeoutMs ?? 3000,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    r.on('timeout', () => r.destroy(new Error(`timeout after ${opts.timeoutMs ?? 3000} ms`)));
    r.on('error', reject);
    r.end();
  });
}

/** Polls `check` until it returns true; on timeout throws with `describe()` for the reason. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  describe: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not become ready within ${Math.round(timeoutMs / 1000)} s\n${describe()}`);
}
