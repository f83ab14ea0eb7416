// Simulated container logs, as kubelet's `/containerLogs/{namespace}/{pod}/{container}` would serve
// them to the API server for `GET pods/{name}/log`
// (https://github.com/kubernetes/kubernetes/blob/v1.20.2/pkg/kubelet/server/server.go getContainerLogs).
// Pure and deterministic: the lines of a run are a function of the pod, the container's plan, the
// run's start and the clock, so `previous` (the run before the last restart) needs no stored state.
// Some lines are hostile on purpose (HTML, ANSI escapes): a dashboard must show them as text.
import type { ContainerPlan } from './behaviour';
import { isoSeconds } from './pod-status';
import { containerAt, runOf, type Run } from './timeline';

/** One line every this many ms while a container runs. */
export const LINE_INTERVAL_MS = 2000;

export interface LogPod {
  namespace: string;
  name: string;
  uid: string;
}

export interface LogQuery {
  previous: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  timestamps: boolean;
  limitBytes?: number;
}

export type LogAnswer =
  { ok: true; lines: string[]; run: Run; plan: ContainerPlan } | { ok: false; status: number; message: string };

const MESSAGES = [
  (p: LogPod, c: ContainerPlan) => `INFO  serving ${p.namespace}/${p.name} container ${c.name} image ${c.image}`,
  () => 'INFO  GET /healthz 200 0.4ms',
  () => 'DEBUG rendering <script>alert("xss")</script> & <b>not bold</b> as text',
  () => '\u001b[33mWARN\u001b[0m  slow upstream: \u001b[1mpayments-db\u001b[0m took 1.2s',
  () => 'INFO  GET /api/orders?limit=50 200 12ms',
  () => '\u001b[31mERROR\u001b[0m upstream reset <img src=x onerror=alert(1)>',
];

/** The lines a run has written by `now` (a line at start, then one every LINE_INTERVAL_MS). */
export function runLines(pod: LogPod, plan: ContainerPlan, run: Run, now: number, timestamps: boolean): string[] {
  const end = Math.min(now, run.finishedAt ?? Infinity);
  const lines: string[] = [];
  const stamp = (t: number) => (timestamps ? `${new Date(t).toISOString()} ` : '');
  lines.push(`${stamp(run.startedAt)}${isoSeconds(run.startedAt)} INFO  starting ${plan.name} (run ${run.index + 1})`);
  for (let t = run.startedAt + LINE_INTERVAL_MS, i = 0; t <= end; t += LINE_INTERVAL_MS, i++) {
    const msg = MESSAGES[i % MESSAGES.length]?.(pod, plan) ?? '';
    lines.push(`${stamp(t)}${isoSeconds(t)} ${msg}`);
  }
  if (run.finishedAt !== undefined && now >= run.finishedAt) {
    const level = plan.exitCode === 0 ? 'INFO ' : 'FATAL';
    lines.push(`${stamp(run.finishedAt)}${isoSeconds(run.finishedAt)} ${level} exiting with code ${plan.exitCode}`);
  }
  return lines;
}

/** What kubelet answers for a container's current or previous run. */
export function containerLog(pod: LogPod, plan: ContainerPlan, podStart: number, now: number, q: LogQuery): LogAnswer {
  const { moment } = containerAt(plan, podStart, now);
  if (moment.kind === 'waiting') {
    // kubelet: no container to read yet (server.go → kuberuntime GetContainerLogs).
    const why = moment.reason === 'PodInitializing' ? 'PodInitializing' : 'trying and failing to pull image';
    return {
      ok: false,
      status: 400,
      message: `container "${plan.name}" in pod "${pod.name}" is waiting to start: ${why}`,
    };
  }
  let run: Run | undefined;
  if (q.previous) {
    // kubelet: the previous instance exists only after a restart.
    run =
      moment.kind === 'running'
        ? moment.last
        : moment.kind === 'exited'
          ? moment.previous
          : moment.kind === 'backoff' && moment.restartCount > 0
            ? runOf(plan, podStart, moment.restartCount - 1)
            : undefined;
    if (!run) {
      return {
        ok: false,
        status: 400,
        message: `previous terminated container "${plan.name}" in pod "${pod.name}" not found`,
      };
    }
  } else {
    run = moment.kind === 'running' ? moment.run : moment.last;
  }
  let lines = runLines(pod, plan, run, now, q.timestamps);
  if (q.sinceSeconds !== undefined) {
    const since = now - q.sinceSeconds * 1000;
    const first = Math.max(0, Math.ceil((since - run.startedAt) / LINE_INTERVAL_MS));
    lines = lines.slice(first);
  }
  if (q.tailLines !== undefined) lines = lines.slice(Math.max(0, lines.length - q.tailLines));
  return { ok: true, lines, run, plan };
}

export function renderLines(lines: string[], limitBytes?: number): string {
  const text = lines.length ? `${lines.join('\n')}\n` : '';
  if (limitBytes === undefined) return text;
  return Buffer.from(text, 'utf8').subarray(0, limitBytes).toString('utf8');
}

/** /containerLogs/{namespace}/{pod}/{container} → its parts, or undefined. */
export function parseLogPath(path: string): { namespace: string; pod: string; container: string } | undefined {
  const m = /^\/containerLogs\/([a-z0-9][-a-z0-9]*)\/([a-z0-9][-a-z0-9.]*)\/([a-z0-9][-a-z0-9]*)\/?$/.exec(path);
  return m ? { namespace: m[1] ?? '', pod: m[2] ?? '', container: m[3] ?? '' } : undefined;
}

export function parseLogQuery(params: URLSearchParams): LogQuery {
  const num = (k: string) => {
    const v = params.get(k);
    return v !== null && /^\d+$/.test(v) ? Number(v) : undefined;
  };
  return {
    previous: params.get('previous') === 'true',
    timestamps: params.get('timestamps') === 'true',
    tailLines: num('tailLines'),
    sinceSeconds: num('sinceSeconds'),
    limitBytes: num('limitBytes'),
  };
}
