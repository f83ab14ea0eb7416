import { chromium, type Browser, type Page } from '@playwright/test';

import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../e2e/support/chromium';

import { PROFILE_MARKER, type ScrollProfile } from './scroll-profile';
import { startRecording, stopRecording } from './scroll-recording';
import { round } from './stats';

// Scrolling the Pods list (all namespaces) at the bench size in Debian's Chromium (never a downloaded
// browser): long tasks (PerformanceObserver 'longtask', buffered) and frames (requestAnimationFrame)
// while the window is scrolled from top to bottom in steps, one step per frame; rows in the DOM
// (virtualization keeps them few) and the time to the first rows. The page logic runs in the
// browser; the summaries below are pure and unit-tested. A CPU profile and a trace of the renderer cover
// the scroll (bench/scroll-recording.ts): where the time goes, and what the long tasks are made of.

type Log = (msg: string) => void;

export const LONG_TASK_MS = 50;
const ROWS = '[data-testid="resource-table"] [role="row"][aria-rowindex]';
const LOADED_ROWS = `${ROWS} a`;

export interface LongTaskSummary {
  count: number;
  totalMs: number;
  maxMs: number;
}

export interface FrameSummary {
  frames: number;
  fps: number;
  /** Longest gap between two frames (a visible hitch). */
  maxGapMs: number;
}

export interface ScrollResult {
  path: string;
  rowsTotal: number;
  firstRowsMs: number;
  scrollMs: number;
  scrolledPx: number;
  reachedEnd: boolean;
  /** Long tasks (> 50 ms) that started while scrolling; during page load they are counted apart. */
  longTasks: LongTaskSummary;
  longTasksDuringLoad: LongTaskSummary;
  frames: FrameSummary;
  maxRowsInDom: number;
  /** The page's used JS heap after the scroll, in MiB (Chromium only). */
  jsHeapMiB?: number;
  /**
   * Where the renderer's time went in a second scroll of a freshly loaded page, with a CPU profile and
   * a trace attached (absent if the profiler failed); the first, unprofiled scroll is the judged one.
   */
  profile?: ScrollProfile;
  measuredAt: string;
}

/** Long tasks (start, duration) within [from, to) and longer than LONG_TASK_MS. */
export function summarizeLongTasks(
  tasks: readonly { start: number; duration: number }[],
  from = -Infinity,
  to = Infinity,
): LongTaskSummary {
  const inWindow = tasks.filter((t) => t.start >= from && t.start < to && t.duration > LONG_TASK_MS);
  return {
    count: inWindow.length,
    totalMs: round(inWindow.reduce((s, t) => s + t.duration, 0)),
    maxMs: round(inWindow.reduce((m, t) => Math.max(m, t.duration), 0)),
  };
}

/** Frames from requestAnimationFrame timestamps (ms, ascending). */
export function summarizeFrames(stamps: readonly number[]): FrameSummary {
  if (stamps.length < 2) return { frames: stamps.length, fps: 0, maxGapMs: 0 };
  let maxGap = 0;
  for (let i = 1; i < stamps.length; i++) maxGap = Math.max(maxGap, stamps[i]! - stamps[i - 1]!);
  const span = stamps[stamps.length - 1]! - stamps[0]!;
  return { frames: stamps.length, fps: round(((stamps.length - 1) * 1000) / span), maxGapMs: round(maxGap) };
}

/** Pixels per frame so that `scrollable` px take about `seconds` at 60 frames/s (at least one row). */
export function scrollStep(scrollable: number, seconds: number, rowHeight = 40): number {
  return Math.max(rowHeight, Math.ceil(scrollable / (seconds * 60)));
}

interface PageSample {
  /** When the profile marker began (performance.now()), to tie the profile's clock to the page's. */
  markAt: number;
  startedAt: number;
  endedAt: number;
  scrolledPx: number;
  reachedEnd: boolean;
  frames: number[];
  maxRows: number;
  tasks: { start: number; duration: number }[];
  /** Chromium's used JS heap at the end (performance.memory), in bytes. */
  heap?: number;
}

// The browser-side scripts are plain strings: tsx compiles functions with a `__name` helper that
// does not exist in the page, so page.evaluate/addInitScript cannot take compiled functions here.
const OBSERVE_LONG_TASKS = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
`;

/** In the browser: one scrollBy per animation frame until the bottom or the time limit. */
function scrollScript(step: number, limitMs: number): string {
  return `new Promise((resolve) => {
    const frames = [];
    let maxRows = 0;
    // Busy for a few ms right after the profiler started: its first sample ties the two clocks.
    function ${PROFILE_MARKER}() {
      const t = performance.now();
      while (performance.now() - t < 3) {}
      return t;
    }
    const markAt = ${PROFILE_MARKER}();
    const startedAt = performance.now();
    const startY = window.scrollY;
    const bottom = () => document.documentElement.scrollHeight - window.innerHeight - 1;
    const tick = (t) => {
      frames.push(t);
      maxRows = Math.max(maxRows, document.querySelectorAll(${JSON.stringify(ROWS)}).length);
      const reachedEnd = window.scrollY >= bottom();
      if (reachedEnd || t - startedAt > ${limitMs}) {
        // A moment for the last long tasks to be reported.
        setTimeout(() => {
          resolve({
            markAt, startedAt, endedAt: performance.now(), scrolledPx: window.scrollY - startY, reachedEnd,
            frames, maxRows, tasks: [...window.__longTasks],
            heap: performance.memory ? performance.memory.usedJSHeapSize : undefined,
          });
        }, 200);
        return;
      }
      window.scrollBy(0, ${step});
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })`;
}

async function scrollInPage(page: Page, step: number, limitMs: number): Promise<PageSample> {
  return (await page.evaluate(scrollScript(step, limitMs))) as PageSample;
}

export async function measureScroll(
  baseUrl: string,
  headers: Record<string, string>,
  seconds: number,
  log: Log,
): Promise<ScrollResult> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const cookies = (headers.cookie ?? '').split('; ').filter(Boolean);
    await context.addCookies(
      cookies.map((pair) => {
        const eq = pair.indexOf('=');
        return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: baseUrl, httpOnly: true, sameSite: 'Lax' };
      }),
    );
    // Installed before any page script: buffered long tasks from the start, split later by time.
    await context.addInitScript(OBSERVE_LONG_TASKS);
    const page = await context.newPage();
    const path = '/c/local/pods';
    const t0 = performance.now();
    await page.goto(`${baseUrl}${path}`);
    await page.waitForSelector(LOADED_ROWS, { timeout: 120_000 });
    const firstRowsMs = Math.round(performance.now() - t0);
    const rowsTotal = Number(await page.getAttribute('[data-testid="resource-table"]', 'aria-rowcount'));
    log(`scroll: first rows after ${firstRowsMs} ms, ${rowsTotal} rows in the list`);
    await page.waitForTimeout(1000); // let the first page's work settle before scrolling
    const scrollable = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
    const step = scrollStep(scrollable, seconds);
    // The judged scroll runs with no profiler attached (sampling every 200 µs and tracing make tasks
    // longer). A second, profiled scroll of a freshly loaded page says where the time goes.
    const s = await scrollInPage(page, step, seconds * 1000 * 1.5);
    const profile = await profiledScroll(browser, page, step, seconds, log);
    const result: ScrollResult = {
      path,
      rowsTotal,
      firstRowsMs,
      scrollMs: Math.round(s.endedAt - s.startedAt),
      scrolledPx: Math.round(s.scrolledPx),
      reachedEnd: s.reachedEnd,
      longTasks: summarizeLongTasks(s.tasks, s.startedAt, s.endedAt),
      longTasksDuringLoad: summarizeLongTasks(s.tasks, -Infinity, s.startedAt),
      frames: summarizeFrames(s.frames),
      maxRowsInDom: s.maxRows,
      ...(s.heap ? { jsHeapMiB: Math.round((s.heap / 1024 / 1024) * 10) / 10 } : {}),
      ...(profile ? { profile } : {}),
      measuredAt: new Date().toISOString(),
    };
    log(`scroll: ${JSON.stringify(result)}`);
    return result;
  } finally {
    await browser.close();
  }
}

/** Reloads the page and scrolls it again with the profiler and trace recording: the attribution only. */
async function profiledScroll(
  browser: Browser,
  page: Page,
  step: number,
  seconds: number,
  log: Log,
): Promise<ScrollProfile | undefined> {
  await page.reload();
  await page.waitForSelector(LOADED_ROWS, { timeout: 120_000 });
  // A reload keeps the scroll position (the bottom, after the first pass): start from the top again.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(1000);
  const recording = await startRecording(browser, page, log);
  const s = await scrollInPage(page, step, seconds * 1000 * 1.5);
  const tasks = s.tasks.filter((t) => t.start >= s.startedAt && t.start < s.endedAt && t.duration > LONG_TASK_MS);
  return stopRecording(recording, { markAtMs: s.markAt, from: s.startedAt, to: s.endedAt, tasks }, LONG_TASK_MS, log);
}
