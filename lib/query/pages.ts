import type { ListParams } from '@/lib/query/keys';

// The list parameters of pages that prefetch on the server: one constant for the server component
// and the client view, so both name the same query (ADR 0018).

/** The autoscaling screen: every HPA the person may read. */
export const HPA_LIST_PARAMS: ListParams = { limit: 1000 };

/** One HPA's page (the live replica history reads the same list). */
export const hpaDetailParams = (namespace: string, name: string): ListParams => ({ namespaces: [namespace], q: name });
