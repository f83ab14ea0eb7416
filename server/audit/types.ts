import 'server-only';

// Shapes shared by the audit store, `audited()` and the Activity page. Plain data only.

import type { AuditChanges } from '@/lib/audit/changes';
import type { AuditEntry, AuditResult } from '@/lib/audit/types';

export { AUDIT_RESULTS } from '@/lib/audit/types';
export type { AuditAttempt, AuditEntry, AuditResult } from '@/lib/audit/types';

export interface AuditOutcome {
  result: Exclude<AuditResult, 'pending'>;
  message: string | null;
  /** HTTP status from the API server, when there was one. */
  status: number | null;
  /** The fields the write changed, before → after (lib/audit/changes.ts); only for `ok`. */
  changes?: AuditChanges | null;
}

export interface AuditFilter {
  cluster: string;
  user?: string;
  /** Exact namespace; '' selects cluster-scoped entries. */
  namespace?: string;
  action?: string;
  result?: AuditResult;
  /** Inclusive lower / exclusive upper bound, ISO 8601. */
  from?: string;
  to?: string;
  /**
   * Access control (see ADR 0005): when set, only the person's own entries and entries in these
   * namespaces ('all' = every namespaced entry) are returned. Undefined = an auditor, no restriction.
   */
  visibleTo?: { user: string; namespaces: 'all' | readonly string[] };
}

/** Position in the newest-first order: entries strictly older than this one come next. */
export interface AuditCursor {
  time: string;
  id: string;
}

export interface AuditPageRequest {
  limit: number;
  before?: AuditCursor;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Cursor for the next (older) page, or null at the end. */
  next: AuditCursor | null;
}
