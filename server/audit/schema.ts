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

export interface Database {
  audit_log: AuditLogTable;
  elevation: ElevationTable;
}
