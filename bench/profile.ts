import { WebSocket, type RawData } from 'ws';

// A CPU profile of the running server for one window of the bench: the server runs with
// `--inspect=127.0.0.1:<port>` (NODE_OPTIONS, set by bench/run.ts), and the bench drives V8's
// sampling profiler over the DevTools protocol. The summary says where the main thread's time went
// (self time per function, and per area: our code, Next.js, Node, GC, idle), which is what the
// closing note of a target not met must show.

type Log = (msg: string) => void;

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  seconds: number;
  /** Share of the window per area, in percent of wall time (sums to ~100). */
  areas: { area: string; percent: number }[];
  /** The functions with the most self time, in percent of wall time. */
  top: { fn: string; where: string; percent: number }[];
}

/** Where a frame's code lives, from its script URL: the areas the summary adds up. */
export function areaOf(frame: CallFrame): string {
  const { functionName: f, url } = frame;
  if (f === '(idle)') return 'idle';
  if (f === '(garbage collector)') return 'garbage collector';
  if (f === '(program)' || f === '(root)') return 'V8 and native (program)';
  if (url.startsWith('node:')) return 'Node.js internals';
  if (/\/server\/(app|chunks|pages)\//.test(url) || url.includes('/wheelhouse-')) return 'Wheelhouse (server chunks)';
  if (url.includes('/node_modules/next/')) return 'Next.js';
  if (url.includes('/node_modules/')) return 'other packages';
  if (url.endsWith('server.js')) return 'Wheelhouse (server.js)';
  return url ? 'other scripts' : 'native';
}

/** The last two segments of a script URL, and the line (1-based). */
function whereOf(frame: CallFrame): string {
  if (!frame.url) return '';
  const parts = frame.url.split('/');
  return `${parts.slice(-2).join('/')}:${frame.lineNumber + 1}`;
}

/** Self time per function and per area, from the samples' time deltas (the hit counts as fallback). */
export function summarizeProfile(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  if (profile.samples?.length && profile.timeDeltas?.length) {
    // timeDeltas[i] is the time before sample i: sample i-1 ran for it.
    for (let i = 1; i < profile.samples.length; i++) {
      const id = profile.samples[i - 1]!;
      self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
    }
  } else {
    const hits = profile.nodes.reduce((n, x) => n + (x.hitCount ?? 0), 0) || 1;
    for (const n of profile.nodes) self.set(n.id, ((n.hitCount ?? 0) / hits) * (profile.endTime - profile.startTime));
  }
  const totalUs = profile.endTime - profile.startTime || 1;
  const pct = (us: number) => Math.round((us / totalUs) * 1000) / 10;
  const areas = new Map<string, number>();
  const fns = new Map<string, { fn: string; where: string; us: number }>();
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const area = areaOf(node.callFrame);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const fn = node.callFrame.functionName || '(anonymous)';
    const where = whereOf(node.callFrame);
    const key = `${fn}@${where}`;
    const hit = fns.get(key) ?? { fn, where, us: 0 };
    hit.us += us;
    fns.set(key, hit);
  }
  return {
    seconds: Math.round(totalUs / 1e5) / 10,
    areas: [...areas]
      .sort((a, b) => b[1] - a[1])
      .map(([area, us]) => ({ area, percent: pct(us) }))
      .filter((a) => a.percent >= 0.1),
    top: [...fns.values()]
      .filter((f) => !f.fn.startsWith('('))
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ fn: f.fn, where: f.where, percent: pct(f.us) })),
  };
}

export interface Profiler {
  start(): Promise<void>;
  stop(): Promise<CpuProfile>;
  close(): void;
}

/** Connects to the inspector of the process listening on `port` (the first target it lists). */
export async function connectProfiler(port: number): Promise<Profiler> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error(`no inspector target on port ${port}`);
  const ws = new WebSocket(url, { maxPayload: 1 << 30 });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  ws.on('message', (data: RawData) => {
    const msg = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
    if (msg.id === undefined) return;
    const w = waiting.get(msg.id);
    waiting.delete(msg.id);
    if (msg.error) w?.reject(new Error(msg.error.message));
    else w?.resolve(msg.result);
  });
  const send = <T>(method: string, params?: unknown) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      ws.send(JSON.stringify({ id, method, params }));
    });
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 1000 });
  return {
    start: () => send('Profiler.start'),
    stop: async () => (await send<{ profile: CpuProfile }>('Profiler.stop')).profile,
    close: () => ws.close(),
  };
}

/** Profiles the server while `load` runs; undefined (and a log line) when the inspector is not there. */
export async function profileWhile<T>(
  port: number,
  load: () => Promise<T>,
  log: Log,
): Promise<{ result: T; profile?: ProfileSummary }> {
  const profiler = await connectProfiler(port).catch((err: unknown) => {
    log(`profile: no inspector on ${port} (${String(err)}); the window runs unprofiled`);
    return undefined;
  });
  await profiler?.start();
  try {
    const result = await load();
    const raw = await profiler?.stop();
    const profile = raw && summarizeProfile(raw);
    if (profile) {
      log(`profile: ${profile.areas.map((a) => `${a.area} ${a.percent}%`).join(', ')}`);
      log(
        `profile: top ${profile.top
          .slice(0, 8)
          .map((f) => `${f.fn} (${f.where}) ${f.percent}%`)
          .join('; ')}`,
      );
    }
    return { result, profile };
  } finally {
    profiler?.close();
  }
}
