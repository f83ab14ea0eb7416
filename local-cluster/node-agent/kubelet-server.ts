// The kubelet API's log endpoint for the simulated nodes, on the port each Node reports in
// status.daemonEndpoints (10250). The API server proxies `GET pods/{name}/log` here after it has
// authorized the caller; it dials the node's InternalIP over HTTPS. The local API server runs
// without --kubelet-client-certificate (so it presents no client certificate) and without
// --kubelet-certificate-authority (so it does not verify ours): this listener is loopback-only and
// serves nothing but simulated log lines.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:https';

import type { ContainerPlan } from './behaviour';
import {
  containerLog,
  LINE_INTERVAL_MS,
  parseLogPath,
  parseLogQuery,
  renderLines,
  runLines,
  type LogPod,
} from './container-logs';
import type { Logger } from './log';

export interface LogSource {
  /** The pod (if this agent runs it), its container plans and its start time. */
  find(namespace: string, pod: string): { pod: LogPod; plans: ContainerPlan[]; startMs: number } | undefined;
  now(): number;
}

function fail(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${message}\n`);
}

export function handleLogRequest(req: IncomingMessage, res: ServerResponse, source: LogSource): void {
  if (req.method !== 'GET') return fail(res, 405, 'method not allowed');
  const url = new URL(req.url ?? '/', 'https://kubelet');
  const target = parseLogPath(url.pathname);
  if (!target) return fail(res, 404, 'not found');
  const found = source.find(target.namespace, target.pod);
  if (!found) return fail(res, 404, `pod "${target.pod}" not found on this node`);
  const plan = found.plans.find((p) => p.name === target.container);
  if (!plan) return fail(res, 400, `container "${target.container}" in pod "${target.pod}" is not valid`);
  const query = parseLogQuery(url.searchParams);
  const answer = containerLog(found.pod, plan, found.startMs, source.now(), query);
  if (!answer.ok) return fail(res, answer.status, answer.message);
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  const follow = url.searchParams.get('follow') === 'true' && !query.previous;
  if (!follow) {
    res.end(renderLines(answer.lines, query.limitBytes));
    return;
  }
  res.write(renderLines(answer.lines));
  // Follow: emit what the run writes next, until it exits or the caller goes away.
  const { run } = answer;
  let written = runLines(found.pod, plan, run, source.now(), query.timestamps).length;
  const timer = setInterval(() => {
    const now = source.now();
    const lines = runLines(found.pod, plan, run, now, query.timestamps);
    if (lines.length > written) res.write(renderLines(lines.slice(written)));
    written = lines.length;
    if (run.finishedAt !== undefined && now >= run.finishedAt) {
      clearInterval(timer);
      res.end();
    }
  }, LINE_INTERVAL_MS / 2);
  req.on('close', () => clearInterval(timer));
}

export async function startKubeletServer(
  port: number,
  tls: { cert: Buffer; key: Buffer },
  source: LogSource,
  log: Logger,
): Promise<Server> {
  const server = createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    try {
      handleLogRequest(req, res, source);
    } catch (err) {
      log.warn('container log request failed', { path: req.url, error: String(err) });
      if (!res.headersSent) fail(res, 500, 'internal error');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
}
