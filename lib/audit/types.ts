// The audit log's plain data, shared by the server (server/audit) and the Activity components.
// Pure types and constants only.

import type { AuditChanges } from './changes';

// 'refused': the change was declined as things stand (a paused Deployment, a revision that is gone, the
// template already current), not for bad input ('invalid') and not for want of permission ('denied').
export const AUDIT_RESULTS = ['pending', 'ok', 'denied', 'conflict', 'refused', 'invalid', 'failed'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

export interface AuditAttempt {
  requestId: string;
  user: string;
  groups: string[];
  cluster: string;
  kind: string;
  namespace: string | null;
  name: string;
  /** 'scale' | 'rollback' | 'restart' | 'pause' | 'resume' | 'abort' | 'hpa-edit' | 'elevate' | … */
  action: string;
  /** e.g. { replicas: { from: 3, to: 5 } }, { revision: { from: 4, to: 2 } } */
  params: Record<string, unknown>;
  resourceVersion?: string;
  reason?: string;
}

export interface AuditEntry extends AuditAttempt {
  id: string;
  /** When the attempt was recorded (ISO 8601, UTC). */
  time: string;
  /** When the outcome was recorded; null while pending. */
  finishedAt: string | null;
  result: AuditResult;
  message: string | null;
  status: number | null;
  /** What the write changed (spec fields before → after), recorded with an ok outcome; null otherwise. */
  changes: AuditChanges | null;
}
