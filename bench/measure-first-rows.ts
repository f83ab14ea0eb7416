import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';

import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../e2e/support/chromium';
import { signInWithPassword } from '../e2e/support/sign-in-http';
import { LOCAL_USERS, type LocalUserName } from '../e2e/support/test-accounts';
import {
  dataRequestsOf,
  summarizeFirstRows,
  type FirstRowsRun,
  type FirstRowsSample,
  type SeenRequest,
} from './first-rows-result';
import {
  describeFirstRowsTrace,
  summarizeFirstRowsTrace,
  type FirstRowsTrace,
  type LoadTraceEvent,
} from './first-rows-trace';

// First rows in Debian's Chromium (never a downloaded browser), issue 14 target 2: navigation start
// → the first data row painted, for the Pods list (all namespaces), the Overview and a Deployment's
// page, signed in as an operator (alice) and, for the Pods list, as a developer (bob). Each page is
// opened once to warm it, then `navigations` times, each in a fresh tab of the same browser context
// (same cookies, nothing cached in the page). The browser records, from before any page script
// runs, when the first row appears (MutationObserver) and when the frame holding it has been
// painted (requestAnimationFrame, then the next task); Playwright records every API request, so a
// page that fetched its rows after hydration (a waterfall) shows, whatever its timing. Then one more
// navigation with a Chromium trace, not judged, says where the time to the row goes (first-rows-trace.ts).

type Log = (msg: string) => void;

export interface FirstRowsPage {
  id: string;
  label: string;
  path: string;
  /** A data row, as the page renders it (only rows with data: skeleton rows do not count). */
  rowSelector: string;
  /** The API paths (pathname, exact) the row's data would come from if the browser fetched it. */
  dataPaths: string[];
}

export interface FirstRowsOptions {
  /** The Deployment whose page is measured (the bench's, e.g. bench-0000/bench-app-00). */
  deployment: { namespace: string; name: string };
  /** Measured navigations per page and person (after one to warm it). Default 10. */
  navigations?: number;
  cluster?: string;
}

const enc = encodeURIComponent;

/** The pages of the target, for one cluster and Deployment. */
export function firstRowsPages(deployment: { namespace: string; name: string }, cluster = 'local'): FirstRowsPage[] {
  const api = `/api/k8s/${enc(cluster)}`;
  return [
    {
      id: 'pods',
      label: 'Pods list, all namespaces',
      path: `/c/${enc(cluster)}/pods`,
      rowSelector: '[data-testid="resource-table"] [role="row"][aria-rowindex] a[data-row-link]',
      dataPaths: [`${api}/pods`],
    },
    {
      id: 'overview',
      label: 'Overview',
      path: `/c/${enc(cluster)}/overview`,
      rowSelector: '[data-testid="attention-item"], [data-testid="deployments-table"] tbody tr',
      dataPaths: [`${api}/attention`, `${api}/deployments`],
    },
    {
      id: 'deployment',
      label: "a Deployment's page (its pods)",
      path: `/c/${enc(cluster)}/workloads/deployments/${enc(deployment.namespace)}/${enc(deployment.name)}`,
      rowSelector: '[data-testid="workload-pods"] tbody tr',
      dataPaths: [
        `${api}/pods`,
        `${api}/deployments`,
        `${api}/deployments/${enc(deployment.namespace)}/${enc(deployment.name)}`,
        `${api}/replicasets`,
      ],
    },
  ];
}

const PEOPLE: readonly { user: LocalUserName; who: string; pages: readonly string[] }[] = [
  { user: 'alice', who: 'operator (alice)', pages: ['pods', 'overview', 'deployment'] },
  { user: 'bob', who: 'developer (bob)', pages: ['pods'] },
];

/**
 * In the page, before any of its scripts: the first visible element matching `selector` is noted
 * when it appears, then the time after the frame that paints it. A plain string: tsx compiles
 * functions with a `__name` helper that does not exist in the page.
 */
export function firstRowScript(selector: string): string {
  return `(() => {
    const SELECTOR = ${JSON.stringify(selector)};
    const rec = { foundMs: null, frameMs: null, paintedMs: null, inHtml: false };
    window.__firstRows = rec;
    const visible = (el) => el.isConnected && !el.closest('[hidden]') && el.getClientRects().length > 0;
    const check = () => {
      if (rec.foundMs !== null) return true;
      const all = document.querySelectorAll(SELECTOR);
      // In the HTML: present while the parser still runs (perhaps in a streamed, hidden Suspense
      // chunk that React reveals in the next frame), i.e. not rendered by the browser after a fetch.
      if (all.length && document.readyState === 'loading') rec.inHtml = true;
      const el = Array.from(all).find(visible);
      if (!el) return false;
      rec.foundMs = performance.now();
      // rAF runs just before the frame's paint; the next task runs after it.
      requestAnimationFrame(() => {
        rec.frameMs = performance.now();
        const ch = new MessageChannel();
        ch.port1.onmessage = () => { rec.paintedMs = performance.now(); };
        ch.port2.postMessage(0);
      });
      return true;
    };
    const mo = new MutationObserver(() => { if (check()) mo.disconnect(); });
    mo.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden'] });
    document.addEventListener('DOMContentLoaded', () => { if (check()) mo.disconnect(); });
  })();`;
}

interface BrowserRecord {
  foundMs: number;
  paintedMs: number;
  inHtml: boolean;
  timeOrigin: number;
  responseStartMs: number;
  fcpMs: number | null;
}

const READ_RECORD = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const r = window.__firstRows;
  return {
    foundMs: r.foundMs, paintedMs: r.paintedMs, inHtml: r.inHtml, timeOrigin: performance.timeOrigin,
    responseStartMs: nav ? nav.responseStart : NaN,
    fcpMs: fcp && fcp.startTime <= r.paintedMs ? fcp.startTime : null,
  };
})()`;

/** After the row: long enough for a fetch that hydration would start to show up. */
const SETTLE_MS = 500;

/** Opens the page in `tab` and waits for its first data row painted. */
async function openUntilRow(tab: Page, baseUrl: string, page: FirstRowsPage, timeoutMs: number): Promise<void> {
  await tab.goto(`${baseUrl}${page.path}`, { waitUntil: 'commit', timeout: 60_000 });
  // Polled with evaluate (CDP), not waitForFunction: the app's CSP forbids the eval that needs.
  const deadline = Date.now() + timeoutMs;
  while (!(await tab.evaluate('Boolean(window.__firstRows && window.__firstRows.paintedMs !== null)'))) {
    if (Date.now() > deadline) throw new Error(`${page.path}: no data row within ${timeoutMs / 1000} s`);
    await tab.waitForTimeout(25);
  }
}

/**
 * What DevTools records for the main thread's work and the page's requests, the navigationStart mark
 * (blink.user_timing), and V8's and the loader's own events, which name much of what a task's time
 * would otherwise leave unlabeled (V8 deserializing a context, the loader committing the navigation).
 */
const TRACE_CATEGORIES = [
  '-*',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'v8',
  'loading',
];

const READ_TRACED = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  return { url: location.href, paintedMs: window.__firstRows.paintedMs,
    responseStartMs: nav ? nav.responseStart : NaN, responseEndMs: nav ? nav.responseEnd : NaN };
})()`;

type TracedNav = Parameters<typeof summarizeFirstRowsTrace>[1];

/** The traced navigation's record, once the document's last byte is in (a streamed page may show its row first). */
async function readTraced(tab: Page): Promise<TracedNav> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const nav = (await tab.evaluate(READ_TRACED)) as TracedNav;
    if (nav.responseEndMs > 0 || Date.now() > deadline) return nav;
    await tab.waitForTimeout(50);
  }
}

interface TraceTarget {
  browser: Browser;
  context: BrowserContext;
  baseUrl: string;
  page: FirstRowsPage;
  log: Log;
}

/** One navigation of `page` in `tab` with a Chromium trace; undefined, and logged, if that failed. */
async function traceIn(tab: Page, { browser, baseUrl, page, log }: TraceTarget): Promise<FirstRowsTrace | undefined> {
  let tracing = false;
  try {
    await browser.startTracing(tab, { categories: TRACE_CATEGORIES });
    tracing = true;
    await openUntilRow(tab, baseUrl, page, 60_000);
    const nav = await readTraced(tab);
    tracing = false;
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents?: LoadTraceEvent[] };
    const summary = summarizeFirstRowsTrace(trace.traceEvents ?? [], nav);
    if (!summary) log(`first rows: ${page.path}: the trace has no navigationStart for ${nav.url}`);
    return summary;
  } catch (err) {
    log(`first rows: ${page.path}: no trace (${String(err)})`);
    if (tracing) await browser.stopTracing().catch(() => undefined);
    return undefined;
  }
}

/**
 * One more navigation with a Chromium trace, after the measured ones (tracing slows the page, so it is
 * not judged): where the time to the first row goes. Tried twice, each in a new tab: now and then a trace
 * misses the page's renderer (no navigationStart in it).
 */
async function tracedNavigation(target: TraceTarget): Promise<FirstRowsTrace | undefined> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    const tab = await target.context.newPage();
    try {
      const summary = await traceIn(tab, target);
      if (summary) return summary;
    } finally {
      await tab.close();
    }
  }
  return undefined;
}

async function navigateOnce(
  context: BrowserContext,
  baseUrl: string,
  page: FirstRowsPage,
  timeoutMs = 60_000,
): Promise<FirstRowsSample> {
  const tab = await context.newPage();
  const requests: SeenRequest[] = [];
  tab.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/')) requests.push({ url: `${url.pathname}${url.search}`, startedAt: Date.now() });
  });
  try {
    await openUntilRow(tab, baseUrl, page, timeoutMs);
    await tab.waitForTimeout(SETTLE_MS);
    const rec = (await tab.evaluate(READ_RECORD)) as BrowserRecord;
    const data = dataRequestsOf(requests, page.dataPaths, rec.timeOrigin, rec.paintedMs);
    return {
      paintedMs: Math.round(rec.paintedMs * 10) / 10,
      foundMs: Math.round(rec.foundMs * 10) / 10,
      responseStartMs: Math.round(rec.responseStartMs * 10) / 10,
      fcpMs: rec.fcpMs === null ? null : Math.round(rec.fcpMs * 10) / 10,
      inHtml: rec.inHtml,
      dataRequestsBefore: data.before,
      dataRequests: data.all,
    };
  } finally {
    await tab.close();
  }
}

async function contextFor(
  browser: Awaited<ReturnType<typeof chromium.launch>>,
  baseUrl: string,
  cookieHeader: string,
  page: FirstRowsPage,
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies(
    cookieHeader
      .split('; ')
      .filter(Boolean)
      .map((pair) => {
        const eq = pair.indexOf('=');
        return {
          name: pair.slice(0, eq),
          value: pair.slice(eq + 1),
          url: baseUrl,
          httpOnly: true,
          sameSite: 'Lax' as const,
        };
      }),
  );
  await context.addInitScript(firstRowScript(page.rowSelector));
  return context;
}

/**
 * The server's first render of a page as this person, until it shows a row: a developer's first read
 * across many namespaces may be refused for a moment ("too many permission checks") while the
 * server's access answers fill in.
 */
async function warmUp(context: BrowserContext, baseUrl: string, page: FirstRowsPage, log: Log): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await navigateOnce(context, baseUrl, page, 30_000);
      return;
    } catch (err) {
      if (attempt >= 5) throw err;
      log(`first rows: warming ${page.path}: ${(err as Error).message}; again in 2 s`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

/**
 * Measures every page of the target for each person: one warm-up navigation, then `navigations`
 * measured ones, then one traced. Returns one record per (page, person).
 */
export async function measureFirstRows(baseUrl: string, opts: FirstRowsOptions, log: Log): Promise<FirstRowsRun[]> {
  const n = opts.navigations ?? 10;
  const pages = firstRowsPages(opts.deployment, opts.cluster);
  const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS });
  const runs: FirstRowsRun[] = [];
  try {
    for (const person of PEOPLE) {
      const cookie = await signInWithPassword(baseUrl, person.user, LOCAL_USERS[person.user].password);
      for (const page of pages.filter((p) => person.pages.includes(p.id))) {
        const context = await contextFor(browser, baseUrl, cookie, page);
        try {
          await warmUp(context, baseUrl, page, log);
          const samples: FirstRowsSample[] = [];
          for (let i = 0; i < n; i++) samples.push(await navigateOnce(context, baseUrl, page));
          const trace = await tracedNavigation({ browser, context, baseUrl, page, log });
          const run = { ...summarizeFirstRows(page, person, samples), ...(trace ? { trace } : {}) };
          runs.push(run);
          log(
            `first rows: ${page.label} as ${person.who}: p50 ${run.firstRow.p50} ms, p95 ${run.firstRow.p95} ms, ` +
              `max ${run.firstRow.max} ms (first byte p50 ${run.responseStart.p50} ms); in the HTML ` +
              `${run.inHtml}/${n}; data requests before the row ${run.waterfalls}/${n}, at all ${run.refetches}/${n}` +
              (run.dataRequestsSeen.length ? ` ${run.dataRequestsSeen.slice(0, 3).join(' ')}` : ''),
          );
          if (trace) log(`first rows: ${page.label} as ${person.who}, traced: ${describeFirstRowsTrace(trace)}`);
        } finally {
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
  }
  return runs;
}
