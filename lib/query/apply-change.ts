import type { BaseSummary, KindDescriptor } from '@/lib/k8s/kinds/descriptor';
import { kindById } from '@/lib/k8s/kinds';
import { matches, parseSelector } from '@/lib/k8s/label-selector';
import type { ListParams } from '@/lib/query/keys';
import type { ResourceListResponse } from '@/lib/k8s/list-response';

// Applies one live change to one cached list page, the way the server would have answered had it been
// asked again: replace by uid, remove on delete, insert on the first page when the item passes the
// page's filters. Later pages are only patched in place; their offsets would shift, and the next
// fetch fixes that.

export interface LiveChange {
  cluster: string;
  kind: string;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  summary: BaseSummary;
}

/** `kind`: the change's descriptor when the registry does not hold it (a custom kind, ADR 0020). */
export function applyChange(
  page: ResourceListResponse | undefined,
  params: ListParams,
  change: LiveChange,
  kind: KindDescriptor | undefined = kindById(change.kind),
): ResourceListResponse | undefined {
  if (!page) return page;
  const index = page.items.findIndex((s) => s.uid === change.summary.uid);
  const wanted = change.type !== 'DELETED' && passesFilters(change, params, kind);
  if (index >= 0) {
    const items = [...page.items];
    if (!wanted) {
      items.splice(index, 1);
      return { ...page, items, total: Math.max(0, page.total - 1) };
    }
    items[index] = change.summary;
    return { ...page, items: sorted(items, kind, params) };
  }
  // Not on this page. Unless this page is the whole list, the object sits on another page: counted in
  // `total` already when it changed, one fewer when it was deleted (its last state passed the filters).
  const wholeList = page.offset === 0 && page.total <= page.items.length;
  if (change.type === 'DELETED') {
    return !wholeList && passesFilters(change, params, kind) ? { ...page, total: Math.max(0, page.total - 1) } : page;
  }
  if (!wanted || page.offset > 0) return page;
  // ADDED is new to the list; MODIFIED is new only when the whole list is here (it began to match the
  // filters). Otherwise it enters this page only if its sort key moved it here (the next fetch drops it
  // from its old page).
  const isNew = change.type === 'ADDED' || wholeList;
  const items = sorted([...page.items, change.summary], kind, params).slice(0, page.limit);
  if (!isNew && !items.includes(change.summary)) return page;
  return { ...page, items, total: page.total + (isNew ? 1 : 0) };
}

function passesFilters(change: LiveChange, params: ListParams, kind: KindDescriptor | undefined): boolean {
  const s = change.summary;
  if (params.namespaces?.length && !(s.namespace && params.namespaces.includes(s.namespace))) return false;
  try {
    if (!matches(parseSelector(params.labelSelector), s.labels)) return false;
  } catch {
    return false;
  }
  const q = params.q?.toLowerCase();
  return !q || (kind ? kind.searchText(s).includes(q) : s.name.toLowerCase().includes(q));
}

function sorted(items: BaseSummary[], kind: KindDescriptor | undefined, params: ListParams): BaseSummary[] {
  const cmp = kind && (kind.sorts[params.sort ?? kind.defaultSort] ?? kind.sorts[kind.defaultSort]);
  if (!cmp) return items;
  return items.sort(params.order === 'desc' ? (a, b) => cmp(b, a) : cmp);
}
