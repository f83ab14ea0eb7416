import 'server-only';

import type { Kysely } from 'kysely';

import { changesText } from '@/lib/audit/changes';
import { logger } from '@/server/observability/log';

import type { Database } from './schema';
import type { AuditEntry } from './types';
import { linksFor } from './verify';

const log = logger('audit');

/** A chain link as exported: with the entry's content, enough to re-check it (ADR 0015). */
export interface ExportedLink {
  seq: number;
  prevHash: string;
  hash: string;
}

/** An entry with its chain links (the attempt's, and the outcome's once there is one). */
export type ExportEntry = AuditEntry & { chain?: { attempt?: ExportedLink; outcome?: ExportedLink } };

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
  'chain_seq',
  'chain_prev_hash',
  'chain_hash',
  'outcome_seq',
  'outcome_prev_hash',
  'outcome_hash',
  // Appended last (issue 15 item 5) so readers of the earlier columns by position are unaffected.
  'changes',
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

export function entryToCsv(e: ExportEntry): string {
  const a = e.chain?.attempt;
  const o = e.chain?.outcome;
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
    a?.seq,
    a?.prevHash,
    a?.hash,
    o?.seq,
    o?.prevHash,
    o?.hash,
    changesText(e.changes),
  ]);
}

export function entryToJsonLine(e: ExportEntry): string {
  return `${JSON.stringify(e)}\n`;
}

/** A byte stream of the export; rows are pulled from `entries` as the client reads. */
export function exportStream(format: 'csv' | 'jsonl', entries: AsyncIterable<ExportEntry>): ReadableStream<Uint8Array> {
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
        log.error({ err }, 'export failed mid-stream');
        controller.error(err);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** Adds each entry's chain links, looked up in batches as the entries stream by. */
export async function* withChain(
  db: Kysely<Database>,
  entries: AsyncIterable<AuditEntry>,
  batchSize = 500,
): AsyncGenerator<ExportEntry> {
  let batch: AuditEntry[] = [];
  const flush = async function* () {
    const links = await linksFor(
      db,
      batch.map((e) => e.id),
    );
    for (const e of batch) {
      const chain: NonNullable<ExportEntry['chain']> = {};
      for (const l of links.get(e.id) ?? []) chain[l.event] = { seq: l.seq, prevHash: l.prevHash, hash: l.hash };
      yield { ...e, chain };
    }
    batch = [];
  };
  for await (const entry of entries) {
    batch.push(entry);
    if (batch.length >= batchSize) yield* flush();
  }
  if (batch.length) yield* flush();
}
