import type { Browser, CDPSession, Page } from '@playwright/test';

import {
  clockOffsetMs,
  summarizeScrollProfile,
  type CpuProfile,
  type ScrollProfile,
  type ScrollWindow,
} from './scroll-profile';
import { breakdownLongTasks, type TraceBreakdown, type TraceEvent } from './scroll-trace';

// Recording the renderer while the Pods list scrolls (bench/measure-scroll.ts): a V8 CPU profile over the
// DevTools protocol (bench/scroll-profile.ts) and a Chromium trace (bench/scroll-trace.ts). Both add some
// overhead of their own; either may fail without failing the measurement.

type Log = (msg: string) => void;

/** Sampling interval of the renderer's CPU profile: fine enough to split a 50 ms task into ~250 samples. */
const SAMPLING_INTERVAL_US = 200;
/** What DevTools' Performance panel records for the main thread's tasks and the work inside them. */
const TRACE_CATEGORIES = ['-*', 'devtools.timeline', 'disabled-by-default-devtools.timeline'];

async function startProfile(page: Page, log: Log): Promise<CDPSession | undefined> {
  try {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
    await cdp.send('Profiler.start');
    return cdp;
  } catch (err) {
    log(`scroll: no CPU profile (${String(err)})`);
    return undefined;
  }
}

async function startTrace(browser: Browser, page: Page, log: Log): Promise<boolean> {
  try {
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    return true;
  } catch (err) {
    log(`scroll: no trace (${String(err)})`);
    return false;
  }
}

/** The trace's long tasks within the scroll: `within` in the trace's clock (µs), known through the profile's. */
async function stopTrace(
  browser: Browser,
  started: boolean,
  within: { from: number; to: number } | undefined,
  longMs: number,
  log: Log,
): Promise<TraceBreakdown | undefined> {
  if (!started) return undefined;
  try {
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents?: TraceEvent[] };
    // Without the profile's clock the trace's tasks cannot be told apart from the profiler's own start.
    if (!within) return undefined;
    return breakdownLongTasks(trace.traceEvents ?? [], { longMs, within });
  } catch (err) {
    log(`scroll: no trace (${String(err)})`);
    return undefined;
  }
}

/**
 * Stops the profiler and summarizes the scroll's profile, with the scroll's window in the profile's clock
 * (µs); undefined if it failed.
 */
async function stopProfile(
  cdp: CDPSession | undefined,
  w: Omit<ScrollWindow, 'samplingIntervalUs'>,
  log: Log,
): Promise<{ summary: ScrollProfile; within?: { from: number; to: number } } | undefined> {
  if (!cdp) return undefined;
  try {
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
    const offset = clockOffsetMs(profile, w.markAtMs);
    const summary = summarizeScrollProfile(profile, { ...w, samplingIntervalUs: SAMPLING_INTERVAL_US });
    if (offset === undefined) {
      log('scroll: the CPU profile missed the clock marker; no long-task breakdown');
      return { summary };
    }
    return { summary, within: { from: (w.from - offset) * 1000, to: (w.to - offset) * 1000 } };
  } catch (err) {
    log(`scroll: no CPU profile (${String(err)})`);
    return undefined;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

export interface Recording {
  browser: Browser;
  tracing: boolean;
  cdp: CDPSession | undefined;
}

/** Starts the trace, then the profiler (last, so the page's marker right after it is caught). */
export async function startRecording(browser: Browser, page: Page, log: Log): Promise<Recording> {
  const tracing = await startTrace(browser, page, log);
  return { browser, tracing, cdp: await startProfile(page, log) };
}

/** The scroll's profile summary with the trace's breakdown of its long tasks; undefined if the profiler failed. */
export async function stopRecording(
  r: Recording,
  w: Omit<ScrollWindow, 'samplingIntervalUs'>,
  longTaskMs: number,
  log: Log,
): Promise<ScrollProfile | undefined> {
  const cpu = await stopProfile(r.cdp, w, log);
  const trace = await stopTrace(r.browser, r.tracing, cpu?.within, longTaskMs, log);
  return cpu && { ...cpu.summary, ...(trace ? { trace } : {}) };
}
