import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ApiError, apiFetch } from '@/lib/query/fetch';

// apiFetch against a real HTTP server answering as the dashboard's routes and a broken proxy do.

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': type, ...headers });
      res.end(body);
    };
    switch (req.url) {
      case '/forbidden':
        return send(
          403,
          'application/json',
          JSON.stringify({
            error: {
              kind: 'forbidden',
              message: 'You may not list pods in namespace kube-system (RBAC: user bob cannot list pods)',
            },
          }),
        );
      case '/bad-gateway':
        return send(502, 'text/html', '<html><body><h1>502 Bad Gateway</h1>nginx</body></html>');
      case '/limited':
        return send(
          429,
          'application/json',
          JSON.stringify({
            error: { kind: 'too-many-requests', message: 'Too many permission checks; try again in 7 s' },
          }),
          { 'Retry-After': '7' },
        );
      case '/empty-error':
        return send(404, 'application/json', '');
      case '/refused-action':
        return send(
          409,
          'application/json',
          JSON.stringify({ ok: false, code: 'conflict', message: 'Changed meanwhile' }),
        );
      case '/not-json':
        return send(200, 'text/html', '<html>sign in</html>');
      case '/echo': {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () =>
          send(
            200,
            'application/json',
            JSON.stringify({ method: req.method, type: req.headers['content-type'], body }),
          ),
        );
        return;
      }
      default:
        return send(200, 'application/json', JSON.stringify({ items: [1, 2] }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function failure(path: string): Promise<ApiError> {
  const err = await apiFetch(`${base}${path}`).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe('apiFetch', () => {
  it('returns the parsed JSON of a 2xx answer', async () => {
    await expect(apiFetch<{ items: number[] }>(`${base}/ok`)).resolves.toEqual({ items: [1, 2] });
  });

  it('turns a 403 JSON answer into an ApiError with the server’s person-readable message', async () => {
    const err = await failure('/forbidden');
    expect(err.status).toBe(403);
    expect(err.kind).toBe('forbidden');
    expect(err.message).toBe('You may not list pods in namespace kube-system (RBAC: user bob cannot list pods)');
    expect(err.retryAfter).toBeUndefined();
  });

  it('turns a non-JSON 502 from a proxy into an ApiError a person can act on', async () => {
    const err = await failure('/bad-gateway');
    expect(err.status).toBe(502);
    expect(err.kind).toBe('server-error');
    expect(err.message).toMatch(/did not answer \(502\).*try again/);
    expect(err.message).not.toMatch(/<html|nginx/);
  });

  it('carries Retry-After on 429', async () => {
    const err = await failure('/limited');
    expect(err.status).toBe(429);
    expect(err.retryAfter).toBe(7);
    expect(err.message).toBe('Too many permission checks; try again in 7 s');
  });

  it('words an error answer without a body by its status', async () => {
    const err = await failure('/empty-error');
    expect(err.kind).toBe('not-found');
    expect(err.message).toBe('Not found.');
  });

  it('keeps the body of a refusal (an action’s own result)', async () => {
    const err = await failure('/refused-action');
    expect(err.kind).toBe('conflict');
    expect(err.body).toEqual({ ok: false, code: 'conflict', message: 'Changed meanwhile' });
  });

  it('refuses a 2xx answer that is not JSON (a sign-in page in place of data)', async () => {
    const err = await failure('/not-json');
    expect(err.status).toBe(200);
    expect(err.message).toMatch(/not JSON/);
  });

  it('sends JSON bodies with their content type', async () => {
    const echo = await apiFetch<{ method: string; type: string; body: string }>(`${base}/echo`, {
      method: 'POST',
      json: { a: 1 },
    });
    expect(echo).toEqual({ method: 'POST', type: 'application/json', body: '{"a":1}' });
  });

  it('says the dashboard cannot be reached when nothing answers', async () => {
    const err = await apiFetch('http://127.0.0.1:1/').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).kind).toBe('unreachable');
  });
});
