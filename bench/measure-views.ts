import autocannon from 'autocannon';

import { signInWithPassword } from '../e2e/support/sign-in-http';
import { LOCAL_USERS } from '../e2e/support/test-accounts';
import { podsKind } from '../lib/k8s/kinds/pods';
import { closedLoopFigures, warmPath } from './measure-warm';
import { openLoop } from './measure-users';
import { sleep } from './pool';
import { sampleValue, scrapeMetrics } from './server-metrics';
import type { ClosedLoop, OpenLoop, View, ViewRequest, ViewsPerson, ViewsRun } from './views-result';

// Every view of the Pods list over HTTP (issue 14, target 1), as an operator (alice: every namespace)
// and as a developer (bob: the namespaces bench/developer-access.ts granted, plus the demo's shop-*):
// the first page of all namespaces in every sort column, a deep page, a text search (a term matching
// about 1% of the pods, and one matching nothing) and one namespace's first page. Each request type
// runs twice: 50 users in an open loop (bench/measure-users.ts: latency from the scheduled send) and
// 50 connections back to back (autocannon: the saturation point). For the developer, the cost of
// deciding which namespaces they may read: the SubjectAccessReviews the server sent
// (`/api/metrics`, when the caller has the metrics token).

type Log = (msg: string) => void;

export const PODS_PATH = '/api/k8s/local/pods';
export const PAGE = 50;
/** Matches no pod: its total is the cost of testing every pod in scope. */
export const SEARCH_NONE = 'no-such-pod-zq';
/** The term searched when the list is empty (nothing to choose from). */
export const SEARCH_CANDIDATES = ['x2'];

export interface ViewsOptions {
  /** Open loop: people, and the mean seconds between one person's requests. */
  users: number;
  meanIntervalS: number;
  /** Closed loop: connections back to back. */
  connections: number;
  /** Length of each run (open and closed, per request type and person). */
  seconds: number;
  /** The deep page's offset (halved to what the person sees when they see fewer). */
  deepOffset: number;
  /** The share of the operator's pods the search term should match. */
  searchTarget: number;
  /** A fixed search term instead of choosing one. */
  searchTerm?: string;
}

export const VIEWS_DEFAULTS: ViewsOptions = {
  users: 50,
  meanIntervalS: 0.5,
  connections: 50,
  seconds: 8,
  deepOffset: 50_000,
  searchTarget: 0.01,
};

/** The bench namespaces each person's single-namespace view rotates over (the developer's: those granted). */
export interface ViewsNamespaces {
  operator: readonly string[];
  developer: readonly string[];
}

export function podsPath(p: { sort?: string; order?: 'asc' | 'desc'; offset?: number; q?: string }): string {
  const qs = new URLSearchParams();
  if (p.q) qs.set('q', p.q);
  if (p.sort) qs.set('sort', p.sort);
  if (p.order === 'desc') qs.set('order', 'desc');
  qs.set('limit', String(PAGE));
  if (p.offset) qs.set('offset', String(p.offset));
  return `${PODS_PATH}?${qs}`;
}

/** The deep page's offset: `wanted`, or half of what the person sees when that is less (0 for nobody). */
export function deepOffset(seen: number, wanted: number): number {
  return seen > wanted ? wanted : Math.floor(seen / 2);
}

/**
 * The candidate whose share of `seen` is nearest `target` (by ratio, so 0.5% and 2% are equally far
 * from 1%); candidates that match nothing are never chosen while one matches something.
 */
export function nearestShare(totals: readonly { term: string; total: number }[], seen: number, target: number) {
  let best: { term: string; total: number } | undefined;
  let bestDistance = Infinity;
  for (const t of totals) {
    const distance = t.total > 0 && seen > 0 ? Math.abs(Math.log(t.total / seen / target)) : Infinity;
    if (!best || distance < bestDistance) [best, bestDistance] = [t, distance];
  }
  return best;
}

interface Page {
  total: number;
  items: unknown[];
}

async function getPage(baseUrl: string, headers: Record<string, string>, path: string): Promise<Page & { ms: number }> {
  const started = performance.now();
  const res = await fetch(`${baseUrl}${path}`, { headers });
  const text = await res.text();
  const ms = Math.round((performance.now() - started) * 10) / 10;
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${text.slice(0, 200)}`);
  const body = JSON.parse(text) as Page;
  return { total: body.total, items: body.items, ms };
}

/**
 * Fragments (3 or 4 characters) of pod names, by how many of the `names` contain each: the candidates
 * for a search term, whatever the naming (Deployments' random suffixes or a seeder's sequential names).
 */
export function nameFragments(names: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of names) {
    const seen = new Set<string>();
    for (const len of [3, 4]) for (let i = 0; i + len <= name.length; i++) seen.add(name.slice(i, i + len));
    for (const f of seen) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  return counts;
}

/**
 * A term matching about `target` of the `seen` pods: fragments of the names on 10 pages spread over
 * the list, the few whose share of that sample is nearest the target, then the nearest by the totals
 * the server reports for them (one request each, limit 1).
 */
async function chooseSearchTerm(
  baseUrl: string,
  headers: Record<string, string>,
  seen: number,
  target: number,
): Promise<{ term: string; total: number }> {
  const names: string[] = [];
  for (let k = 0; k < 10; k++) {
    const offset = Math.floor((k * seen) / 10);
    const page = await getPage(baseUrl, headers, `${PODS_PATH}?sort=name&limit=100&offset=${offset}`);
    for (const item of page.items) names.push((item as { name: string }).name);
  }
  const estimated = [...nameFragments(names)].map(([term, n]) => ({
    term,
    total: Math.round((n / names.length) * seen),
  }));
  const shortlist: { term: string; total: number }[] = [];
  for (let i = 0; i < 5 && estimated.length; i++) {
    const best = nearestShare(estimated, seen, target);
    if (!best) break;
    shortlist.push(best);
    estimated.splice(estimated.indexOf(best), 1);
  }
  const totals: { term: string; total: number }[] = [];
  for (const { term } of shortlist) {
    const { total } = await getPage(baseUrl, headers, `${PODS_PATH}?q=${encodeURIComponent(term)}&limit=1`);
    totals.push({ term, total });
  }
  return nearestShare(totals, seen, target) ?? { term: SEARCH_CANDIDATES[0]!, total: 0 };
}

async function closedLoop(
  baseUrl: string,
  headers: Record<string, string>,
  pathFor: () => string,
  o: ViewsOptions,
): Promise<ClosedLoop> {
  const r = await autocannon({
    url: baseUrl,
    connections: o.connections,
    duration: o.seconds,
    headers,
    timeout: 10,
    requests: [{ setupRequest: (req) => ({ ...req, path: pathFor() }) }],
  });
  return {
    connections: o.connections,
    seconds: o.seconds,
    ...closedLoopFigures(r),
  };
}

async function openRun(
  baseUrl: string,
  headers: Record<string, string>,
  pathFor: (i: number) => string,
  o: ViewsOptions,
): Promise<OpenLoop> {
  const r = await openLoop(baseUrl, headers, pathFor, o);
  const n = (v: number) => (Number.isFinite(v) ? v : null);
  return {
    users: o.users,
    meanIntervalS: o.meanIntervalS,
    seconds: o.seconds,
    requests: r.requests,
    requestsPerSecond: r.requestsPerSecond,
    non2xx: r.non2xx,
    errors: r.errors,
    p50: n(r.latency.p50),
    p95: n(r.latency.p95),
    p99: n(r.latency.p99),
    max: n(r.latency.max),
  };
}

interface Spec {
  view: View;
  label: string;
  sort: string;
  order: 'asc' | 'desc';
  offset: number;
  q?: string;
  /** The i-th request's path (a rotating namespace); the same path when absent. */
  rotate?: (i: number) => string;
}

async function measureRequest(
  baseUrl: string,
  headers: Record<string, string>,
  spec: Spec,
  o: ViewsOptions,
  log: Log,
): Promise<ViewRequest> {
  const fixed = podsPath(spec);
  const pathFor = spec.rotate ?? (() => fixed);
  const path = pathFor(0);
  const first = await getPage(baseUrl, headers, path);
  const open = await openRun(baseUrl, headers, pathFor, o);
  await sleep(500); // let the open loop's stragglers finish before saturating
  let n = 0;
  const closed = await closedLoop(baseUrl, headers, () => pathFor(n++), o);
  log(
    `  ${spec.label}: total ${first.total}, first ${first.ms} ms; open p50 ${open.p50} / p99 ${open.p99} ms at ` +
      `${open.requestsPerSecond} req/s; closed ${closed.requestsPerSecond} req/s, p99 ${closed.p99} ms` +
      (open.non2xx + open.errors + closed.non2xx + closed.errors
        ? `; ${open.non2xx + closed.non2xx} non-2xx, ${open.errors + closed.errors} errors`
        : ''),
  );
  const { rotate: _rotate, ...rest } = spec;
  return { ...rest, path, total: first.total, items: first.items.length, firstMs: Math.round(first.ms), open, closed };
}

async function accessReviews(baseUrl: string, token: string | undefined) {
  if (!token) return { apiCalls: null, deniedBudget: null };
  const text = await scrapeMetrics(baseUrl, token);
  const metric = 'wheelhouse_access_reviews_total';
  return {
    apiCalls: sampleValue(text, metric, 'result="api_call"') ?? 0,
    deniedBudget: sampleValue(text, metric, 'result="denied_budget"') ?? 0,
  };
}

const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);

async function measurePerson(
  baseUrl: string,
  person: { user: 'alice' | 'bob'; who: string; namespaces: readonly string[] },
  search: { term: string } | undefined,
  o: ViewsOptions,
  log: Log,
  metricsToken: string | undefined,
): Promise<{ person: ViewsPerson; search: { term: string; total: number } | undefined }> {
  const headers = { cookie: await signInWithPassword(baseUrl, person.user, LOCAL_USERS[person.user].password) };
  log(`views as ${person.who}`);
  // The access cache is cold for this person: the first request decides their namespaces.
  const before = await accessReviews(baseUrl, metricsToken);
  const first = await getPage(baseUrl, headers, podsPath({}));
  const afterFirst = await accessReviews(baseUrl, metricsToken);
  const second = await getPage(baseUrl, headers, podsPath({}));
  const seen = first.total;
  const chosen = search ?? (await chooseSearchTerm(baseUrl, headers, seen, o.searchTarget));
  const started = performance.now();
  const specs: Spec[] = [
    ...Object.keys(podsKind.sorts).map((sort) => ({
      view: 'first-page' as const,
      label: `first page, all namespaces, by ${sort}`,
      sort,
      order: 'asc' as const,
      offset: 0,
    })),
    {
      view: 'deep-page',
      label: 'deep page, all namespaces, by name',
      sort: 'name',
      order: 'asc',
      offset: deepOffset(seen, o.deepOffset),
    },
    ...[chosen.term, SEARCH_NONE].map((q) => ({
      view: 'search' as const,
      label: `text search "${q}", all namespaces, by name`,
      sort: 'name',
      order: 'asc' as const,
      offset: 0,
      q,
    })),
    {
      view: 'namespace',
      label: `one namespace's first page, newest first (rotating over ${person.namespaces.length})`,
      sort: 'age',
      order: 'desc',
      offset: 0,
      rotate: (i) => warmPath(person.namespaces[i % person.namespaces.length] ?? 'default'),
    },
  ];
  const requests: ViewRequest[] = [];
  for (const spec of specs) requests.push(await measureRequest(baseUrl, headers, spec, o, log));
  const afterRuns = await accessReviews(baseUrl, metricsToken);
  const searchTotal = requests.find((r) => r.q === chosen.term)?.total ?? 0;
  return {
    person: {
      who: person.who,
      user: person.user,
      seen,
      namespaces: [...person.namespaces],
      access: {
        firstRequestMs: Math.round(first.ms),
        secondRequestMs: Math.round(second.ms),
        reviewsFirstRequest: diff(before.apiCalls, afterFirst.apiCalls),
        reviewsDuringRuns: diff(afterFirst.apiCalls, afterRuns.apiCalls),
        deniedBudgetDuringRuns: diff(afterFirst.deniedBudget, afterRuns.deniedBudget),
        runsSeconds: Math.round((performance.now() - started) / 1000),
      },
      requests,
    },
    search: { term: chosen.term, total: searchTotal },
  };
}

/**
 * Signs in as alice (operator) and bob (developer) and measures every view of the Pods list for each.
 * `metricsToken` (the server's WHEELHOUSE_METRICS_TOKEN) lets it count the SubjectAccessReviews sent.
 * The search term is chosen once, on the operator's pods, and used for both.
 */
export async function measureViews(
  baseUrl: string,
  namespaces: ViewsNamespaces,
  options: Partial<ViewsOptions>,
  log: Log,
  metricsToken?: string,
): Promise<ViewsRun> {
  const o: ViewsOptions = { ...VIEWS_DEFAULTS, ...options };
  const alice = await measurePerson(
    baseUrl,
    { user: 'alice', who: 'operator (alice, all namespaces)', namespaces: namespaces.operator },
    o.searchTerm ? { term: o.searchTerm } : undefined,
    o,
    log,
    metricsToken,
  );
  const term = alice.search?.term ?? o.searchTerm ?? SEARCH_CANDIDATES[0]!;
  const bob = await measurePerson(
    baseUrl,
    {
      user: 'bob',
      who: `developer (bob, ${namespaces.developer.length} bench namespaces + shop-*)`,
      namespaces: namespaces.developer,
    },
    { term },
    o,
    log,
    metricsToken,
  );
  return {
    searchTerm: term,
    searchNone: SEARCH_NONE,
    searchTarget: o.searchTarget,
    persons: [alice.person, bob.person],
  };
}
