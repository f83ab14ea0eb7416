import 'server-only';

import { z } from 'zod';

import { logger } from '@/server/observability/log';
import { counter } from '@/server/observability/metrics';

// CSP violation reports (POST /api/csp-report): counted per directive, and a trimmed copy logged. The
// endpoint is public (browsers send reports without credentials), so everything here is cheap and
// bounded: the label is one of a fixed list, the log keeps a few short fields, and at most
// LOG_BUDGET reports are logged per minute (the counter still counts every one).

const DIRECTIVES = new Set([
  'default-src',
  'script-src',
  'script-src-elem',
  'script-src-attr',
  'style-src',
  'style-src-elem',
  'style-src-attr',
  'img-src',
  'font-src',
  'connect-src',
  'media-src',
  'object-src',
  'frame-src',
  'child-src',
  'worker-src',
  'manifest-src',
  'base-uri',
  'form-action',
  'frame-ancestors',
  'require-trusted-types-for',
  'trusted-types',
]);

const LOG_BUDGET = 20;
const MAX_FIELD = 200;

const violations = () =>
  counter({
    name: 'wheelhouse_csp_violations_total',
    help: 'Content-Security-Policy violations reported by browsers, by directive',
    labelNames: ['directive'] as const,
  });

const text = z.string().optional().catch(undefined);

// report-uri: application/csp-report, `{ "csp-report": { … } }` with kebab-case fields.
const legacyReport = z.object({
  'csp-report': z
    .object({
      'effective-directive': text,
      'violated-directive': text,
      'blocked-uri': text,
      'document-uri': text,
      'source-file': text,
      disposition: text,
    })
    .loose(),
});

// report-to: application/reports+json, `[{ type: "csp-violation", body: { … } }]` with camelCase fields.
const reportingApiReports = z.array(
  z
    .object({
      type: z.string(),
      body: z
        .object({
          effectiveDirective: text,
          blockedURL: text,
          documentURL: text,
          sourceFile: text,
          disposition: text,
        })
        .loose()
        .optional(),
    })
    .loose(),
);

export interface Violation {
  directive: string;
  blocked?: string;
  document?: string;
  source?: string;
  disposition?: string;
}

/** The directive as a bounded label: a known directive name, else `other`. */
export function directiveLabel(raw: string | undefined): string {
  const name = raw?.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return DIRECTIVES.has(name) ? name : 'other';
}

const trim = (value: string | undefined) => (value === undefined ? undefined : value.slice(0, MAX_FIELD));

/** Violations in a report body of either format; [] when it is neither. */
export function parseViolations(body: unknown): Violation[] {
  const legacy = legacyReport.safeParse(body);
  if (legacy.success) {
    const r = legacy.data['csp-report'];
    return [
      {
        directive: directiveLabel(r['effective-directive'] ?? r['violated-directive']),
        blocked: trim(r['blocked-uri']),
        document: trim(r['document-uri']),
        source: trim(r['source-file']),
        disposition: trim(r.disposition),
      },
    ];
  }
  const modern = reportingApiReports.safeParse(body);
  if (!modern.success) return [];
  return modern.data
    .filter((r) => r.type === 'csp-violation' && r.body)
    .slice(0, 50)
    .map((r) => ({
      directive: directiveLabel(r.body?.effectiveDirective),
      blocked: trim(r.body?.blockedURL),
      document: trim(r.body?.documentURL),
      source: trim(r.body?.sourceFile),
      disposition: trim(r.body?.disposition),
    }));
}

const KEY = Symbol.for('wheelhouse.http.csp-log-budget');
type Holder = typeof globalThis & { [KEY]?: { minute: number; logged: number } };

function mayLog(now: number): boolean {
  const g = globalThis as Holder;
  const minute = Math.floor(now / 60_000);
  if (g[KEY]?.minute !== minute) g[KEY] = { minute, logged: 0 };
  return g[KEY].logged++ < LOG_BUDGET;
}

/** Counts each violation and logs it (within the budget). */
export function recordViolations(list: readonly Violation[], now = Date.now()): void {
  const log = logger('csp-report');
  for (const v of list) {
    violations().inc({ directive: v.directive });
    if (mayLog(now)) log.warn({ violation: v }, 'CSP violation reported');
  }
}
