import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import type { ContainerPlan } from './behaviour';
import { handleLogRequest, type LogSource } from './kubelet-server';

// The handler over plain HTTP (the agent serves it over TLS on 10250; the API server proxies to it).

const START = Date.parse('2026-01-01T00:00:00Z');
const plan: ContainerPlan = {
  name: 'app',
  image: 'img:1',
  runForMs: undefined,
  exitCode: 0,
  restarts: true,
  neverReady: false,
  readyAfterMs: 0,
  backoffMs: 10_000,
};
let clock = START + 10_000;
const source: LogSource = {
  now: () => clock,
  find: (namespace, pod) =>
    namespace === 'ns' && pod === 'p'
      ? { pod: { namespace, name: pod, uid: 'u' }, plans: [plan], startMs: START }
      : undefined,
};

let server: Server | undefined;
afterEach(() => server?.close());

async function serve(): Promise<number> {
  server = createServer((req, res) => handleLogRequest(req, res, source));
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', () => r()));
  return (server.address() as AddressInfo).port;
}

function fetchText(port: number, path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    }).on('error', reject);
  });
}

describe('kubelet log endpoint', () => {
  it('serves a container log, and kubelet-like errors for unknown pods, containers and previous', async () => {
    const port = await serve();
    const ok = await fetchText(port, '/containerLogs/ns/p/app?tailLines=2');
    expect(ok.status).toBe(200);
    expect(ok.text.trimEnd().split('\n')).toHaveLength(2);
    expect((await fetchText(port, '/containerLogs/ns/other/app')).status).toBe(404);
    expect((await fetchText(port, '/containerLogs/ns/p/nope')).status).toBe(400);
    const prev = await fetchText(port, '/containerLogs/ns/p/app?previous=true');
    expect(prev).toEqual({ status: 400, text: 'previous terminated container "app" in pod "p" not found\n' });
    expect((await fetchText(port, '/metrics')).status).toBe(404);
  });

  it('follows: lines written later arrive on the open response', async () => {
    const port = await serve();
    const received: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const req = get({ host: '127.0.0.1', port, path: '/containerLogs/ns/p/app?follow=true' }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          received.push(c);
          if (received.length === 1) clock += 4000; // two more lines are due
          if (received.join('').includes('00:00:14Z')) {
            req.destroy();
            resolve();
          }
        });
      });
      req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
    });
    expect(received.join('')).toContain('2026-01-01T00:00:12Z');
  });
});
