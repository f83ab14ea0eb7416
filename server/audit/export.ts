import 'server-only';

import type { AuditEntry } from './types';

// Export of the audit log as CSV (RFC 4180) or JSON lines, streamed row by row.
// CSV opened in a spreadsheet is code: a cell starting with = + - @ (or tab / carriage return,
// which some spreadsheets skip before looking) is prefixed with a single quote so it is shown as
// text and never evaluated (OWASP "CSV Injection"). User names, reasons and messages are all
// attacker-influenced text.

export const CSV_COLUMNS = [
  'time',
  'finished_at',
  'user',
  'groups',
  'cluster',
  'kind',
  'namespace',
  'name',
  'action',
  'params',
  'resource_version',
  'reason',
  'result',
  'status',
  'message',
  'request_id',
  'id',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: formula-neutralised, then quoted when it holds a comma, quote or line break. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function csvHeader(): string {
  return csvRow(CSV_COLUMNS);
}

export function entryToCsv(e: AuditEntry): string {
  return csvRow([
    e.time,
    e.finishedAt,
    e.user,
    e.groups.join(' '),
    e.cluster,
    e.kind,
    e.namespace,
    e.name,
    e.action,
    JSON.stringify(e.params),
    e.resourceVersion,
    e.reason,
    e.result,
    e.status,
    e.message,
    e.requestId,
    e.id,
  ]);
}

export function entryToJsonLine(e: AuditEntry): string {
  return `${JSON.stringify(e)}\n`;
}

/** A byte stream of the export; rows are pulled from `entries` as the client reads. */
export function exportStream(format: 'csv' | 'jsonl', entries: AsyncIterable<AuditEntry>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = entries[Symbol.asyncIterator]();
  let headerSent = format !== 'csv';
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvHeader()));
        return;
      }
      try {
        const next = await iterator.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(format === 'csv' ? entryToCsv(next.value) : entryToJsonLine(next.value)));
      } catch (err) {
        console.error('[audit] export failed mid-stream', err);
        controller.error(err);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
