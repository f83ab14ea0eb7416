import { describe, expect, it } from 'vitest';

import { developerNamespaces } from './developer-access';
import { deepOffset, nameFragments, nearestShare, podsPath, SEARCH_NONE } from './measure-views';
import { requestMet, viewsRows, viewsRunSchema, viewsTargets, type ViewRequest, type ViewsRun } from './views-result';

const request = (over: Partial<ViewRequest> & Pick<ViewRequest, 'view'>): ViewRequest => ({
  label: 'first page, all namespaces, by name',
  path: '/api/k8s/local/pods?sort=name&limit=50',
  sort: 'name',
  order: 'asc',
  offset: 0,
  total: 100_000,
  items: 50,
  firstMs: 12,
  open: {
    users: 50,
    meanIntervalS: 0.5,
    seconds: 8,
    requests: 800,
    requestsPerSecond: 100,
    non2xx: 0,
    errors: 0,
    p50: 2,
    p95: 8,
    p99: 20,
    max: 30,
  },
  closed: {
    connections: 50,
    seconds: 8,
    requests: 16_000,
    requestsPerSecond: 2_000,
    p50: 20,
    p99: 60,
    max: 90,
    non2xx: 0,
    errors: 0,
  },
  ...over,
});

const run = (requests: ViewRequest[]): ViewsRun => ({
  searchTerm: 'x2',
  searchNone: SEARCH_NONE,
  searchTarget: 0.01,
  persons: [
    {
      who: 'operator (alice, all namespaces)',
      user: 'alice',
      seen: 100_000,
      namespaces: ['bench-00'],
      access: {
        firstRequestMs: 40,
        secondRequestMs: 3,
        reviewsFirstRequest: 1,
        reviewsDuringRuns: 12,
        deniedBudgetDuringRuns: 0,
        runsSeconds: 140,
      },
      requests,
    },
  ],
});

describe('views figures of a bench run', () => {
  it('judges each view by its own goals', () => {
    expect(requestMet(request({ view: 'first-page' }))).toBe(true);
    expect(
      requestMet(request({ view: 'first-page', open: { ...request({ view: 'first-page' }).open, p99: 51 } })),
    ).toBe(false);
    const slow = request({
      view: 'deep-page',
      closed: { ...request({ view: 'deep-page' }).closed, requestsPerSecond: 999 },
    });
    expect(requestMet(slow)).toBe(false);
    // Text search: only the open-loop p99 (≤ 200 ms); its closed-loop rate is recorded, not judged.
    const search = request({ view: 'search', q: 'x2', open: { ...request({ view: 'search' }).open, p99: 150 } });
    expect(requestMet({ ...search, closed: { ...search.closed, requestsPerSecond: 10 } })).toBe(true);
    // One namespace: ≥ 1,500 req/s and p99 ≤ 100 ms with 50 connections.
    expect(requestMet(request({ view: 'namespace' }))).toBe(true);
    const ns = request({ view: 'namespace' });
    expect(requestMet({ ...ns, closed: { ...ns.closed, p99: 101 } })).toBe(false);
    expect(requestMet({ ...ns, closed: { ...ns.closed, requestsPerSecond: 1_499 } })).toBe(false);
  });

  it('fails a view with any failed request or no sample', () => {
    const r = request({ view: 'first-page' });
    expect(requestMet({ ...r, closed: { ...r.closed, non2xx: 1 } })).toBe(false);
    expect(requestMet({ ...r, open: { ...r.open, errors: 1 } })).toBe(false);
    expect(requestMet({ ...r, open: { ...r.open, p99: null } })).toBe(false);
  });

  it('gives one target per person and view, naming the worst sort column', () => {
    const byAge = request({
      view: 'first-page',
      sort: 'age',
      open: { ...request({ view: 'first-page' }).open, p99: 70 },
    });
    const targets = viewsTargets(viewsRunSchema.parse(run([request({ view: 'first-page' }), byAge])));
    expect(targets).toHaveLength(1);
    expect(targets[0]?.met).toBe(false);
    expect(targets[0]?.value).toContain('open p99 70 ms (age)');
    expect(targets[0]?.name).toContain('operator (alice, all namespaces)');
  });

  it('says nothing for runs recorded before the measurement existed', () => {
    expect(viewsTargets(undefined)).toEqual([]);
    expect(viewsRows(undefined)).toEqual([]);
  });

  it('shows every request and the access cost', () => {
    const rows = viewsRows(run([request({ view: 'first-page' }), request({ view: 'search', q: 'x2' })]));
    expect(rows).toHaveLength(3);
    expect(rows[0]?.[1]).toContain('p99 20 ms at 100 req/s');
    expect(rows[2]?.[1]).toContain('1 SubjectAccessReviews');
  });
});

describe('choices of the views measurement', () => {
  it('takes the deep offset asked for, or half of what the person sees', () => {
    expect(deepOffset(100_000, 50_000)).toBe(50_000);
    expect(deepOffset(219, 50_000)).toBe(109);
    expect(deepOffset(0, 50_000)).toBe(0);
  });

  it('chooses the search term nearest the target share, never one that matches nothing', () => {
    const seen = 100_000;
    const pick = nearestShare(
      [
        { term: 'a', total: 0 },
        { term: 'b', total: 3_000 },
        { term: 'c', total: 600 },
      ],
      seen,
      0.01,
    );
    expect(pick?.term).toBe('c');
    expect(nearestShare([{ term: 'a', total: 0 }], seen, 0.01)?.term).toBe('a');
  });

  it('counts each 3- and 4-character fragment once per name', () => {
    const counts = nameFragments(['app-1x2ab', 'app-2x2ab', 'db-x2x2']);
    expect(counts.get('app')).toBe(2);
    expect(counts.get('x2a')).toBe(2);
    expect(counts.get('x2x')).toBe(1); // twice in one name, counted once
    expect(counts.get('x2x2')).toBe(1);
    expect(counts.has('x2')).toBe(false);
  });

  it('writes the request the list UI makes', () => {
    expect(podsPath({ sort: 'age' })).toBe('/api/k8s/local/pods?sort=age&limit=50');
    expect(podsPath({ q: 'x2', sort: 'name', offset: 10, order: 'desc' })).toBe(
      '/api/k8s/local/pods?q=x2&sort=name&order=desc&limit=50&offset=10',
    );
  });

  it('grants the developer two bench namespaces apart', () => {
    expect(developerNamespaces(['bench-00', 'bench-01', 'bench-02', 'bench-03'])).toEqual(['bench-00', 'bench-02']);
    expect(developerNamespaces(['bench-00'])).toEqual(['bench-00']);
  });
});
