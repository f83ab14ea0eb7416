import { describe, expect, it } from 'vitest';

import {
  dataRequestsOf,
  FIRST_ROWS_TARGET_MS,
  firstRowsRows,
  firstRowsRunSchema,
  firstRowsTargets,
  isDataRequest,
  latencyOf,
  summarizeFirstRows,
  type FirstRowsSample,
} from './first-rows-result';
import { firstRowScript, firstRowsPages } from './measure-first-rows';

const sample = (paintedMs: number, extra: Partial<FirstRowsSample> = {}): FirstRowsSample => ({
  paintedMs,
  foundMs: paintedMs - 8,
  responseStartMs: 40,
  fcpMs: paintedMs - 8,
  inHtml: true,
  dataRequestsBefore: [],
  dataRequests: [],
  ...extra,
});

const PAGE = { id: 'pods', label: 'Pods list, all namespaces', path: '/c/local/pods' };
const ALICE = { user: 'alice', who: 'operator (alice)' };

describe('first rows: the pure parts', () => {
  it('takes nearest-rank percentiles of the navigations', () => {
    expect(latencyOf([300, 100, 200, 120, 110, 130, 140, 150, 160, 170])).toEqual({ p50: 140, p95: 300, max: 300 });
  });

  it('counts only the page data paths, exactly, as data requests', () => {
    const paths = ['/api/k8s/local/pods', '/api/k8s/local/deployments/bench-0000/bench-app-00'];
    expect(isDataRequest('/api/k8s/local/pods?limit=200&offset=0', paths)).toBe(true);
    expect(isDataRequest('/api/k8s/local/deployments/bench-0000/bench-app-00', paths)).toBe(true);
    // What else the page reads is not its first rows.
    expect(isDataRequest('/api/k8s/local/deployments/bench-0000/bench-app-00/actions', paths)).toBe(false);
    expect(isDataRequest('/api/k8s/local/stream?sub=local%3Apods', paths)).toBe(false);
    expect(isDataRequest('/api/k8s/local/podsx', paths)).toBe(false);
  });

  it('splits data requests into those sent before the row was painted and the rest', () => {
    const origin = 1_000_000;
    const seen = [
      { url: '/api/k8s/local/pods?limit=200&offset=0', startedAt: origin + 150 },
      { url: '/api/k8s/local/namespaces', startedAt: origin + 160 },
      { url: '/api/k8s/local/pods?limit=200&offset=200', startedAt: origin + 900 },
    ];
    expect(dataRequestsOf(seen, ['/api/k8s/local/pods'], origin, 400)).toEqual({
      before: ['/api/k8s/local/pods?limit=200&offset=0'],
      all: ['/api/k8s/local/pods?limit=200&offset=0', '/api/k8s/local/pods?limit=200&offset=200'],
    });
  });

  it('meets the target on the p50 with every row in the HTML and no data request', () => {
    const samples = [120, 130, 140, 150, 160, 170, 180, 190, 200, 400].map((ms) => sample(ms));
    const run = summarizeFirstRows(PAGE, ALICE, samples, '2026-11-24T16:00:00.000Z');
    expect(firstRowsRunSchema.parse(run)).toEqual(run);
    expect(run.firstRow).toEqual({ p50: 160, p95: 400, max: 400 });
    const [target] = firstRowsTargets([run]);
    expect(target).toMatchObject({ id: 'first-rows-pods-alice', met: true });
    expect(target?.value).toContain('p95 400 ms');
  });

  it('misses it above the limit, with a waterfall, or with rows not in the HTML', () => {
    const slow = summarizeFirstRows(PAGE, ALICE, [sample(FIRST_ROWS_TARGET_MS + 1)]);
    expect(firstRowsTargets([slow])[0]?.met).toBe(false);
    const waterfall = summarizeFirstRows(PAGE, ALICE, [
      sample(200, {
        inHtml: false,
        dataRequestsBefore: ['/api/k8s/local/pods'],
        dataRequests: ['/api/k8s/local/pods'],
      }),
    ]);
    expect(waterfall.waterfalls).toBe(1);
    expect(firstRowsTargets([waterfall])[0]?.met).toBe(false);
    const notInHtml = summarizeFirstRows(PAGE, ALICE, [sample(200, { inHtml: false })]);
    expect(firstRowsTargets([notInHtml])[0]?.met).toBe(false);
    // Read again after the rows were painted (the stream's resync on a busy cluster): shown, not judged.
    const refetch = summarizeFirstRows(PAGE, ALICE, [sample(200, { dataRequests: ['/api/k8s/local/pods'] })]);
    expect(refetch).toMatchObject({ waterfalls: 0, refetches: 1 });
    expect(firstRowsTargets([refetch])[0]).toMatchObject({ met: true });
    expect(firstRowsTargets([refetch])[0]?.value).toContain('read again after the rows 1/1');
    expect(firstRowsTargets([summarizeFirstRows(PAGE, ALICE, [])])[0]?.met).toBe(false);
  });

  it('says nothing for runs recorded before the measurement existed, one row per run otherwise', () => {
    expect(firstRowsTargets(undefined)).toEqual([]);
    expect(firstRowsRows(undefined)).toEqual([]);
    const rows = firstRowsRows([summarizeFirstRows(PAGE, ALICE, [sample(180), sample(200)])]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.[0]).toContain('`/c/local/pods`');
    expect(rows[0]?.[1]).toContain('rows in the HTML 2/2');
  });

  it('adds a row for the traced navigation when the run has one', () => {
    const loaded = { count: 1, transferBytes: 2048, bodyBytes: 4096 };
    const trace = {
      windowMs: 210,
      responseStartMs: 40,
      responseEndMs: 50,
      parseHtmlMs: 10,
      scriptMs: 60,
      styleMs: 20,
      layoutMs: 30,
      paintMs: 10,
      gcMs: 0,
      otherMs: 20,
      busyMs: 150,
      busyShare: 0.71,
      idleMs: 60,
      scripts: loaded,
      stylesheets: loaded,
      top: [],
    };
    const run = { ...summarizeFirstRows(PAGE, ALICE, [sample(200)]), trace };
    expect(firstRowsRunSchema.parse(run).trace).toEqual(trace);
    const rows = firstRowsRows([run]);
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[0]).toContain('traced, not judged');
    expect(rows[1]?.[1]).toContain('210 ms to the row: first byte 40 ms');
  });

  it("names the pages and a Deployment's own object path", () => {
    const pages = firstRowsPages({ namespace: 'bench-0000', name: 'bench-app-00' });
    expect(pages.map((p) => p.path)).toEqual([
      '/c/local/pods',
      '/c/local/overview',
      '/c/local/workloads/deployments/bench-0000/bench-app-00',
    ]);
    expect(pages[2]?.dataPaths).toContain('/api/k8s/local/deployments/bench-0000/bench-app-00');
    // The browser script is a plain string with the selector quoted safely.
    expect(firstRowScript('a[data-x="1"]')).toContain(JSON.stringify('a[data-x="1"]'));
  });
});
