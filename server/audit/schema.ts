import 'server-only';

// Table shapes for Kysely. Both dialects store the same column types: text for times (ISO 8601 UTC,
// which sorts chronologically as text) and text for JSON, so one set of queries serves SQLite and
// PostgreSQL alike (ADR 0005).

export interface AuditLogTable {
  id: string;
  time: string;
  finished_at: string | null;
  request_id: string;
  user_name: string;
  /** JSON array of strings */
  groups: string;
  cluster: string;
  kind: string;
  namespace: string | null;
  name: string;
  action: string;
  /** JSON object */
  params: string;
  resource_version: string | null;
  reason: string | null;
  result: string;
  message: string | null;
  status: number | null;
  /** JSON: the fields the write changed, before → after (migration 0006); null for older rows and failures. */
  changes: string | null;
}

export interface ElevationTable {
  id: string;
  user_name: string;
  cluster: string;
  reason: string;
  started_at: string;
  expires_at: string;
  ended_at: string | null;
}

/** Revoked sessions (ADR 0011); rows are pruned once the session would have expired anyway. */
export interface SessionRevocationTable {
  sid: string;
  revoked_at: string;
  expires_at: string;
}

/** One row per (user, action request id): the claim that de-duplicates writes across replicas. */
export interface ActionRequestTable {
  user_name: string;
  request_id: string;
  body_hash: string;
  created_at: string;
  finished_at: string | null;
  /** JSON of the answer given to the first request; null while it runs. */
  answer: string | null;
}

/** The audit log's hash chain (ADR 0015). */
export interface AuditChainTable {
  seq: number;
  entry_id: string;
  /** 'attempt' | 'outcome' */
  event: string;
  prev_hash: string;
  hash: string;
}

export interface Database {
  audit_log: AuditLogTable;
  elevation: ElevationTable;
  session_revocation: SessionRevocationTable;
  action_request: ActionRequestTable;
  audit_chain: AuditChainTable;
}
