import { z } from 'zod';

// Every view of the Pods list over HTTP (bench/measure-views.ts), as an operator (all namespaces) and
// as a developer (a few namespaces): the record's shape, the issue's targets on it (issue 14, target 1)
// and the rows docs/benchmarks.md shows.

const nullableNumber = z.number().nullable();

/** Open loop: `users` people, a request every `meanIntervalS` s each (Poisson); latency from the scheduled send. */
export const openLoopSchema = z.object({
  users: z.number(),
  meanIntervalS: z.number(),
  seconds: z.number(),
  requests: z.number(),
  requestsPerSecond: z.number(),
  non2xx: z.number(),
  errors: z.number(),
  p50: nullableNumber,
  p95: nullableNumber,
  p99: nullableNumber,
  max: nullableNumber,
});

/** Closed loop (autocannon): `connections` back to back, each sending its next request on the answer. */
export const closedLoopSchema = z.object({
  connections: z.number(),
  seconds: z.number(),
  requests: z.number(),
  requestsPerSecond: z.number(),
  p50: z.number(),
  p99: z.number(),
  max: z.number(),
  non2xx: z.number(),
  errors: z.number(),
});

export const VIEWS = ['first-page', 'deep-page', 'search', 'namespace'] as const;
export type View = (typeof VIEWS)[number];

export const viewRequestSchema = z.object({
  view: z.enum(VIEWS),
  /** What was asked, in words ("first page, all namespaces, by age"). */
  label: z.string(),
  /** The request (the first one for a rotating namespace). */
  path: z.string(),
  sort: z.string(),
  order: z.enum(['asc', 'desc']),
  offset: z.number(),
  q: z.string().optional(),
  /** `total` the server reported for the request (the first namespace's for a rotating one). */
  total: nullableNumber,
  items: z.number(),
  /** The single request made before the runs (its first use may build the sort key's order: ADR 0024). */
  firstMs: z.number(),
  open: openLoopSchema,
  closed: closedLoopSchema,
});

/** What deciding the developer's namespaces cost (server/k8s/access.ts): SubjectAccessReviews sent. */
export const accessCostSchema = z.object({
  /** The person's first list request, with a cold access cache, and the one after it. */
  firstRequestMs: z.number(),
  secondRequestMs: z.number(),
  /** SubjectAccessReviews the server sent (`wheelhouse_access_reviews_total{result="api_call"}`); null without the metrics token. */
  reviewsFirstRequest: nullableNumber,
  reviewsDuringRuns: nullableNumber,
  /** Reviews refused by the per-user budget (HTTP 429) during the runs. */
  deniedBudgetDuringRuns: nullableNumber,
  runsSeconds: z.number(),
});

export const viewsPersonSchema = z.object({
  who: z.string(),
  user: z.string(),
  /** Pods the person sees in all namespaces (the server's `total`). */
  seen: z.number(),
  /** The bench namespaces the single-namespace view rotated over. */
  namespaces: z.array(z.string()),
  access: accessCostSchema,
  requests: z.array(viewRequestSchema),
});

export const viewsRunSchema = z.object({
  /** The text searched, chosen to match about `searchTarget` of the operator's pods, and one that matches nothing. */
  searchTerm: z.string(),
  searchNone: z.string(),
  searchTarget: z.number(),
  persons: z.array(viewsPersonSchema),
});

export type OpenLoop = z.infer<typeof openLoopSchema>;
export type ClosedLoop = z.infer<typeof closedLoopSchema>;
export type ViewRequest = z.infer<typeof viewRequestSchema>;
export type ViewsPerson = z.infer<typeof viewsPersonSchema>;
export type ViewsRun = z.infer<typeof viewsRunSchema>;

/** The issue's goals per view (target 1). */
export const VIEW_GOALS = {
  'first-page': { openP99Ms: 50, closedMinRps: 1000 },
  'deep-page': { openP99Ms: 50, closedMinRps: 1000 },
  search: { openP99Ms: 200 },
  namespace: { closedMinRps: 1500, closedP99Ms: 100 },
} as const satisfies Record<View, { openP99Ms?: number; closedMinRps?: number; closedP99Ms?: number }>;

const clean = (r: ViewRequest) => r.open.non2xx + r.open.errors + r.closed.non2xx + r.closed.errors === 0;

/** Does one request meet its view's goals (and answer every request with a 2xx)? */
export function requestMet(r: ViewRequest): boolean {
  const g: { openP99Ms?: number; closedMinRps?: number; closedP99Ms?: number } = VIEW_GOALS[r.view];
  if (!clean(r)) return false;
  if (g.openP99Ms !== undefined && (r.open.p99 === null || r.open.p99 > g.openP99Ms)) return false;
  if (g.closedMinRps !== undefined && r.closed.requestsPerSecond < g.closedMinRps) return false;
  if (g.closedP99Ms !== undefined && r.closed.p99 > g.closedP99Ms) return false;
  return true;
}

function goalText(view: View): string {
  const g: { openP99Ms?: number; closedMinRps?: number; closedP99Ms?: number } = VIEW_GOALS[view];
  const parts: string[] = [];
  if (g.openP99Ms !== undefined) parts.push(`p99 ≤ ${g.openP99Ms} ms, 50 users (open loop)`);
  if (g.closedMinRps !== undefined) {
    const p99 = g.closedP99Ms !== undefined ? `, p99 ≤ ${g.closedP99Ms} ms` : '';
    parts.push(`≥ ${g.closedMinRps.toLocaleString('en')} req/s with 50 connections${p99}`);
  }
  return parts.join('; ');
}

const VIEW_NAMES: Record<View, string> = {
  'first-page': 'Pods, all namespaces: first page, every sort column',
  'deep-page': 'Pods, all namespaces: deep page',
  search: 'Pods, all namespaces: text search',
  namespace: "Pods, one namespace's first page",
};

const ms = (v: number | null) => (v === null ? 'n/a' : `${v} ms`);

/** The worst of a view's requests, in words: the highest open p99, the lowest closed rate and its p99. */
function worstText(rs: readonly ViewRequest[]): string {
  const byP99 = [...rs].sort((a, b) => (b.open.p99 ?? Infinity) - (a.open.p99 ?? Infinity))[0]!;
  const byRps = [...rs].sort((a, b) => a.closed.requestsPerSecond - b.closed.requestsPerSecond)[0]!;
  const failures = rs.reduce((n, r) => n + r.open.non2xx + r.open.errors + r.closed.non2xx + r.closed.errors, 0);
  const tag = (r: ViewRequest) => (rs.length > 1 ? ` (${r.q !== undefined ? `"${r.q}"` : r.sort})` : '');
  return (
    `open p99 ${ms(byP99.open.p99)}${tag(byP99)}; ` +
    `${byRps.closed.requestsPerSecond} req/s, p99 ${byRps.closed.p99} ms${tag(byRps)}` +
    (failures ? `; ${failures} failed` : '')
  );
}

export function viewsTargets(run: ViewsRun | undefined) {
  return (run?.persons ?? []).flatMap((p) =>
    VIEWS.flatMap((view) => {
      const rs = p.requests.filter((r) => r.view === view);
      if (!rs.length) return [];
      const offset = view === 'deep-page' ? ` (offset ${rs[0]!.offset.toLocaleString('en')})` : '';
      return [
        {
          id: `views-${view}-${p.user}`,
          name: `${VIEW_NAMES[view]}${offset}, ${p.who}`,
          target: goalText(view),
          value: `worst: ${worstText(rs)}`,
          met: rs.every(requestMet),
        },
      ];
    }),
  );
}

/** Measurement rows for docs/benchmarks.md (bench/report.ts): one per request, then the access cost. */
export function viewsRows(run: ViewsRun | undefined): string[][] {
  return (run?.persons ?? []).flatMap((p) => [
    ...p.requests.map((r) => [
      `\`${r.path}\`, ${p.who}: ${r.label}`,
      `open (${r.open.users} users, ${r.open.seconds} s): p50 ${ms(r.open.p50)}, p95 ${ms(r.open.p95)}, ` +
        `p99 ${ms(r.open.p99)} at ${r.open.requestsPerSecond} req/s; closed (${r.closed.connections} connections, ` +
        `${r.closed.seconds} s): ${r.closed.requestsPerSecond} req/s, p50 ${r.closed.p50} ms, p99 ${r.closed.p99} ms; ` +
        `total ${r.total ?? 'n/a'}, first request ${r.firstMs} ms; ` +
        `${r.open.non2xx + r.closed.non2xx} non-2xx, ${r.open.errors + r.closed.errors} errors`,
    ]),
    [`access lookup, ${p.who} (sees ${p.seen.toLocaleString('en')} pods)`, accessText(p.access)],
  ]);
}

function accessText(a: ViewsPerson['access']): string {
  const n = (v: number | null) => (v === null ? 'n/a' : String(v));
  return (
    `first request ${a.firstRequestMs} ms (cold access cache, ${n(a.reviewsFirstRequest)} SubjectAccessReviews), ` +
    `second ${a.secondRequestMs} ms; ${n(a.reviewsDuringRuns)} reviews and ${n(a.deniedBudgetDuringRuns)} ` +
    `budget refusals over the ${a.runsSeconds} s of runs`
  );
}
