import 'server-only';

import { z } from 'zod';

import { byName, type BaseSummary, type Comparator, type KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import { matches, parseSelector } from '@/lib/k8s/label-selector';
import type { KubeObject } from '@/lib/k8s/object';
import { dnsLabelSchema } from '@/lib/k8s/names';
import { KubeError } from '@/server/k8s/errors';

// Lists served from the shared cache: filter (namespaces, label selector, text), sort, paginate.
// Summaries are memoised per stored object (objects are replaced, never mutated, on every change).

const dnsLabel = dnsLabelSchema;

export const listQuerySchema = z.object({
  namespaces: z.array(dnsLabel).max(200).default([]),
  labelSelector: z.string().max(1024).default(''),
  q: z.string().max(256).default(''),
  sort: z
    .string()
    .regex(/^[a-z]{1,32}$/)
    .optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export type ListQuery = z.infer<typeof listQuerySchema>;

/** Parses URLSearchParams (namespace may repeat or be comma-separated). */
export function parseListQuery(params: URLSearchParams): ReturnType<typeof listQuerySchema.safeParse> {
  const namespaces = params
    .getAll('namespace')
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  return listQuerySchema.safeParse({
    namespaces,
    labelSelector: params.get('labelSelector') ?? undefined,
    q: params.get('q') ?? undefined,
    sort: params.get('sort') ?? undefined,
    order: params.get('order') ?? undefined,
    limit: params.get('limit') ?? undefined,
    offset: params.get('offset') ?? undefined,
  });
}

/** The label selector of a list query as a test of labels; a bad selector is a 400 that says why. */
export function labelMatcher(labelSelector: string): (labels: Record<string, string>) => boolean {
  let selector: ReturnType<typeof parseSelector>;
  try {
    selector = parseSelector(labelSelector);
  } catch (err) {
    throw new KubeError('invalid', `Invalid label selector: ${err instanceof Error ? err.message : String(err)}`, {
      status: 400,
    });
  }
  return (labels) => matches(selector, labels);
}

export interface ListPage<S> {
  items: S[];
  total: number;
  offset: number;
  limit: number;
}

// On globalThis, like the list indexes: one summary per stored object for the whole process, whichever
// bundle asks first.
const MEMO_KEY = Symbol.for('wheelhouse.k8s.summary-memo');
type MemoHolder = typeof globalThis & { [MEMO_KEY]?: WeakMap<object, BaseSummary> };
const memo: WeakMap<object, BaseSummary> = ((globalThis as MemoHolder)[MEMO_KEY] ??= new WeakMap());

export function summaryOf<S extends BaseSummary>(kind: KindDescriptor<S>, obj: KubeObject): S {
  const hit = memo.get(obj);
  if (hit) return hit as S;
  const s = kind.toSummary(obj);
  memo.set(obj, s);
  return s;
}

/**
 * The order a query asks for, as a total order: the descriptor's comparator for `sort` (its default
 * sort when `sort` is unknown), ties broken by namespace and name (unique in a kind), so a page is
 * the same whichever way it is computed (a full sort here, the ordered indexes of ADR 0024) and
 * `desc` is exactly the reverse of `asc`.
 */
export function sortOf<S extends BaseSummary>(
  kind: KindDescriptor<S>,
  query: Pick<ListQuery, 'sort'>,
): {
  key: string;
  compare: Comparator<S>;
} {
  const wanted = query.sort ?? kind.defaultSort;
  const key = kind.sorts[wanted] ? wanted : kind.defaultSort;
  const cmp = kind.sorts[key];
  return { key, compare: cmp ? (a, b) => cmp(a, b) || byName(a, b) : byName };
}

export function selectPage<S extends BaseSummary>(
  kind: KindDescriptor<S>,
  objects: Iterable<KubeObject>,
  query: ListQuery,
  matchLabels: (labels: Record<string, string>) => boolean,
  namespaceAllowed: (ns: string | undefined) => boolean,
): ListPage<S> {
  const wanted = query.namespaces.length ? new Set(query.namespaces) : undefined;
  const text = query.q.toLowerCase();
  const rows: S[] = [];
  for (const obj of objects) {
    const ns = obj.metadata.namespace;
    if (wanted && (!ns || !wanted.has(ns))) continue;
    if (!namespaceAllowed(ns)) continue;
    if (!matchLabels(obj.metadata.labels ?? {})) continue;
    const s = summaryOf(kind, obj);
    if (text && !kind.searchText(s).includes(text)) continue;
    rows.push(s);
  }
  const cmp = sortOf(kind, query).compare;
  rows.sort(query.order === 'desc' ? (a, b) => cmp(b, a) : cmp);
  return {
    items: rows.slice(query.offset, query.offset + query.limit),
    total: rows.length,
    offset: query.offset,
    limit: query.limit,
  };
}
