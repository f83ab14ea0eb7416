import { chromium, type Page } from '@playwright/test';

import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../e2e/support/chromium';

import type { KubeHttp } from './kube-http';
import { patchAtRate, type PatcherRun } from './measure-events';
import { summarizeFrames, summarizeLongTasks } from './measure-scroll';
import { sleep } from './pool';
import { BENCH_LABEL } from './seed';
import {
  clockOffset,
  latencyOf,
  matchVisible,
  VISIBLE_TIMEOUT_MS,
  type CreatedPod,
  type SeenRow,
  type VisibleRun,
} from './visible-result';

// Create → visible in the browser (issue 14, target 3), in Debian's Chromium (never a downloaded
// browser), signed in as the bench user (alice, an operator: every namespace). The Pods list is
// open in the view where a new pod shows at the top: all namespaces, sorted by age, newest first
// (the AGE header clicked twice: `?sort=age&order=desc`). While existing bench pods are patched in
// the background at `rate` changes/s (measure-events.ts's patcher), `pods` new bare pods are created
// one at a time, `spacingMs` apart, and for each the bench takes:
//   sent    Node, just before the POST goes out;
//   dom     in the page, the MutationObserver callback that sees the row's link added;
//   painted in the page, the first task after the next animation frame (requestAnimationFrame, then
//           a MessageChannel message: the frame that rendered the row has been painted).
// Both sides read `performance.timeOrigin + performance.now()`: a monotonic clock anchored at the
// same wall clock on one machine. The offset between the two is checked by round trips and
// reported (it should be within the check's uncertainty, about a millisecond).

type Log = (msg: string) => void;

/** The view measured: all namespaces, newest first. */
export const VISIBLE_PATH = '/c/local/pods?sort=age&order=desc';
const TABLE = '[data-testid="resource-table"]';
const LOADED_ROWS = `${TABLE} [role="row"][aria-rowindex] a`;
/** Label of the pods one run creates (the value is the run id): cleanup deletes by it. */
export const VISIBLE_LABEL = 'wheelhouse.dev/visible';

export interface VisibleOptions {
  /** Namespace the new pods are created in (a bench namespace). */
  namespace: string;
  /** New pods to create (default 30). */
  pods?: number;
  /** Between two creates, ms (default 300). */
  spacingMs?: number;
  /** Background changes per second (default 100). */
  rate?: number;
  /** Background changes start this long before the first create, ms (default 2000). */
  warmupMs?: number;
}

/** A new bare pod the node agent runs, with the bench's labels (cleanupBench also removes it). */
export function visiblePod(name: string, run: string) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      labels: { [BENCH_LABEL]: 'true', [VISIBLE_LABEL]: run },
      annotations: { 'sim.wheelhouse.dev/ready-after': '1s' },
    },
    spec: {
      containers: [{ name: 'app', image: 'registry.local/bench/pause:1' }],
      terminationGracePeriodSeconds: 1,
    },
  };
}

// Browser-side scripts are strings: tsx compiles functions with a `__name` helper that does not
// exist in the page (see measure-scroll.ts).
// Installed before any page script: long tasks from the start (split later by time), and the arrival
// of each live `change` event naming a new pod (the page's EventSource listeners are wrapped: one
// string search per event, a JSON parse only for ours), to split the time into stream and render.
const INIT_SCRIPT = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  window.__visibleStream = {};
  const add = EventSource.prototype.addEventListener;
  EventSource.prototype.addEventListener = function (type, listener, options) {
    if (type !== 'change' || typeof listener !== 'function') return add.call(this, type, listener, options);
    const wrapped = function (e) {
      const prefix = window.__visiblePrefix;
      if (prefix && typeof e.data === 'string' && e.data.includes(prefix)) {
        try {
          const name = JSON.parse(e.data).summary?.name;
          if (name && name.startsWith(prefix) && !(name in window.__visibleStream)) {
            window.__visibleStream[name] = performance.timeOrigin + performance.now();
          }
        } catch {}
      }
      return listener.call(this, e);
    };
    return add.call(this, type, wrapped, options);
  };
`;

/** Watches the table for row links whose text starts with `prefix`; starts a frame log. Returns performance.now(). */
function observeScript(prefix: string): string {
  return `(() => {
    const prefix = ${JSON.stringify(prefix)};
    window.__visiblePrefix = prefix;
    const seen = {};
    window.__visibleSeen = seen;
    const now = () => performance.timeOrigin + performance.now();
    const check = (link) => {
      const name = link.textContent;
      if (!name || !name.startsWith(prefix) || seen[name]) return;
      const entry = { domAt: now(), paintedAt: 0, index: -1, inViewport: false };
      seen[name] = entry;
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          entry.paintedAt = now();
          const row = link.closest('[role="row"]');
          entry.index = row ? Number(row.getAttribute('aria-rowindex')) - 2 : -1;
          const r = (row || link).getBoundingClientRect();
          entry.inViewport = link.isConnected && r.bottom > 0 && r.top < window.innerHeight;
        };
        ch.port2.postMessage(0);
      });
    };
    new MutationObserver((records) => {
      for (const rec of records) {
        for (const n of rec.addedNodes) {
          if (n.nodeType !== 1) continue;
          if (n.matches('a[data-row-link]')) check(n);
          for (const a of n.querySelectorAll('a[data-row-link]')) check(a);
        }
      }
    }).observe(document.querySelector(${JSON.stringify(TABLE)}) || document.body, { childList: true, subtree: true });
    window.__frames = [];
    window.__framesStop = false;
    const tick = (t) => {
      if (window.__framesStop) return;
      window.__frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    return performance.now();
  })()`;
}

const ROW_COUNT = `Number(document.querySelector(${JSON.stringify(TABLE)})?.getAttribute('aria-rowcount') ?? -1)`;

interface PageEnd {
  endedAt: number;
  seen: Record<string, SeenRow>;
  stream: Record<string, number>;
  frames: number[];
  tasks: { start: number; duration: number }[];
  rowCount: number;
  /** The first rows in the DOM at the end: [index, name]. */
  top: [number, string][];
}

const END_SCRIPT = `(() => {
  window.__framesStop = true;
  return {
    endedAt: performance.now(),
    seen: window.__visibleSeen,
    stream: window.__visibleStream,
    frames: window.__frames,
    tasks: [...window.__longTasks],
    rowCount: ${ROW_COUNT},
    top: [...document.querySelectorAll(${JSON.stringify(LOADED_ROWS)})]
      .map((a) => [Number(a.closest('[role="row"]')?.getAttribute('aria-rowindex')) - 2, a.textContent])
      .sort((x, y) => x[0] - y[0])
      .slice(0, 8),
  };
})()`;

const epochNow = () => performance.timeOrigin + performance.now();

async function checkClock(page: Page) {
  const samples: { before: number; page: number; after: number }[] = [];
  for (let i = 0; i < 7; i++) {
    const before = epochNow();
    const at = (await page.evaluate('performance.timeOrigin + performance.now()')) as number;
    samples.push({ before, page: at, after: epochNow() });
  }
  return clockOffset(samples);
}

function cookiesFor(baseUrl: string, headers: Record<string, string>) {
  return (headers.cookie ?? '')
    .split('; ')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const sameSite = 'Lax' as const;
      return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: baseUrl, httpOnly: true, sameSite };
    });
}

/** Deletes the pods of one run (no grace: they are throwaway) and waits until they are gone. */
async function deleteRun(kube: KubeHttp, namespace: string, run: string, log: Log): Promise<void> {
  const selector = encodeURIComponent(`${VISIBLE_LABEL}=${run}`);
  const path = `/api/v1/namespaces/${namespace}/pods?labelSelector=${selector}`;
  const res = await kube.request('DELETE', `${path}&gracePeriodSeconds=0`);
  if (res.status !== 200) log(`visible: deleting the created pods: HTTP ${res.status} ${res.body.slice(0, 200)}`);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const left = (JSON.parse((await kube.request('GET', path)).body) as { items?: unknown[] }).items?.length ?? 0;
    if (left === 0) return;
    await sleep(1000);
  }
  log(`visible: created pods in ${namespace} (label ${VISIBLE_LABEL}=${run}) still there after 60 s`);
}

export async function measureVisible(
  baseUrl: string,
  headers: Record<string, string>,
  kube: KubeHttp,
  background: readonly { namespace: string; name: string }[],
  opts: VisibleOptions,
  log: Log,
): Promise<VisibleRun> {
  const count = opts.pods ?? 30;
  const spacingMs = opts.spacingMs ?? 300;
  const rate = opts.rate ?? 100;
  const { namespace } = opts;
  if (!background.length) throw new Error('no bench pods to patch in the background');
  const run = Date.now().toString(36);
  const prefix = `visible-${run}-`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS });
  const stopPatching = new AbortController();
  let patcher: Promise<PatcherRun> | undefined;
  const posts: Promise<void>[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addCookies(cookiesFor(baseUrl, headers));
    await context.addInitScript(INIT_SCRIPT);
    const page = await context.newPage();
    await page.goto(`${baseUrl}${VISIBLE_PATH}`);
    await page.waitForSelector(LOADED_ROWS, { timeout: 120_000 });
    // The age header says the list is sorted newest first (what a person clicking AGE twice sees).
    const sorted = await page.getAttribute(`${TABLE} [role="columnheader"][aria-sort]`, 'aria-sort');
    if (sorted !== 'descending') throw new Error(`${VISIBLE_PATH}: the table is not sorted descending (${sorted})`);
    await page.waitForTimeout(1000); // the first page's work settles, the live stream connects
    const clock = await checkClock(page);
    log(`visible: page clock − node clock ${clock.offsetMs} ms (± ${clock.uncertaintyMs} ms)`);

    patcher = patchAtRate(kube, background, { rate, signal: stopPatching.signal });
    await sleep(opts.warmupMs ?? 2000);
    const runStart = (await page.evaluate(observeScript(prefix))) as number;
    const rowsBefore = (await page.evaluate(ROW_COUNT)) as number;
    log(
      `visible: ${rowsBefore} rows listed; creating ${count} pods in ${namespace}, ${spacingMs} ms apart, ${rate} changes/s`,
    );

    const created: (CreatedPod & { ms: number })[] = [];
    let createErrors = 0;
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      const wait = started + i * spacingMs - performance.now();
      if (wait > 0) await sleep(wait);
      const name = `${prefix}${String(i).padStart(3, '0')}`;
      const sentAt = epochNow();
      posts.push(
        kube
          .request('POST', `/api/v1/namespaces/${namespace}/pods`, { body: visiblePod(name, run) })
          .then((res) => {
            if (res.status === 201) created.push({ key: name, sentAt, ms: res.ms });
            else {
              createErrors++;
              log(`visible: POST ${name}: HTTP ${res.status} ${res.body.slice(0, 200)}`);
            }
          })
          .catch((err: unknown) => {
            createErrors++;
            log(`visible: POST ${name}: ${String(err)}`);
          }),
      );
    }
    await Promise.all(posts);
    // Until every created row is painted, or the last one had its full time.
    const lastSent = Math.max(...created.map((c) => c.sentAt), epochNow());
    for (;;) {
      const painted = (await page.evaluate(
        `Object.values(window.__visibleSeen).filter((s) => s.paintedAt > 0).length`,
      )) as number;
      if (painted >= created.length || epochNow() > lastSent + VISIBLE_TIMEOUT_MS) break;
      await sleep(250);
    }
    await sleep(500); // a moment for the last long tasks to be reported
    const end = (await page.evaluate(END_SCRIPT)) as PageEnd;
    stopPatching.abort();
    const bg = await patcher;
    patcher = undefined;

    // Page times minus the measured offset: on Node's clock.
    const seen: Record<string, SeenRow> = {};
    for (const [k, s] of Object.entries(end.seen)) {
      seen[k] = {
        ...s,
        domAt: s.domAt - clock.offsetMs,
        paintedAt: s.paintedAt ? s.paintedAt - clock.offsetMs : Infinity,
      };
    }
    const stream: Record<string, number> = {};
    for (const [k, at] of Object.entries(end.stream)) stream[k] = at - clock.offsetMs;
    const m = matchVisible(created, seen, stream);
    if (m.misses) {
      const missed = created.filter((c) => !((seen[c.key]?.paintedAt ?? Infinity) - c.sentAt <= VISIBLE_TIMEOUT_MS));
      log(`visible: missed ${missed.map((c) => `${c.key}${seen[c.key] ? ' (late)' : ''}`).join(', ')}`);
      log(`visible: the list's first rows at the end: ${end.top.map(([i, n]) => `${i} ${n}`).join(', ')}`);
    }
    const result: VisibleRun = {
      path: VISIBLE_PATH,
      view: 'Pods, all namespaces, newest first, as alice (operator)',
      namespace,
      created: created.length,
      createErrors,
      ...m,
      createLatency: latencyOf(created.map((c) => c.ms)),
      rowCount: { before: rowsBefore, after: end.rowCount, expected: rowsBefore + created.length },
      background: {
        targetRate: rate,
        achievedRate: bg.achievedRate,
        patches: bg.patches.length,
        errors: bg.errors,
        seconds: Math.round(bg.seconds * 10) / 10,
      },
      longTasks: summarizeLongTasks(end.tasks, runStart, end.endedAt),
      frames: summarizeFrames(end.frames),
      clock,
      measuredAt: new Date().toISOString(),
    };
    log(
      `visible: ${result.visible}/${result.created} painted, p50 ${m.latency.p50} ms, p95 ${m.latency.p95} ms, ` +
        `max ${m.latency.max} ms (POST p95 ${result.createLatency.p95} ms, change event at the page p95 ${m.streamLatency.p95} ms, ` +
        `event → painted p95 ${m.renderLatency.p95} ms); ` +
        `${m.misses} missed, ${m.paintedAtTop} at the top; ${bg.achievedRate} changes/s; ` +
        `${result.longTasks.count} long tasks (max ${result.longTasks.maxMs} ms); rows ${rowsBefore} → ${end.rowCount} ` +
        `(expected ${result.rowCount.expected})`,
    );
    return result;
  } finally {
    stopPatching.abort();
    await patcher?.catch(() => undefined);
    await Promise.allSettled(posts);
    await browser.close();
    await deleteRun(kube, namespace, run, log).catch((err: unknown) => log(`visible: cleanup failed: ${String(err)}`));
  }
}
