'use client';

import { useId, useState } from 'react';

import type { AuditChanges } from '@/lib/audit/changes';
import type { AuditEntry } from '@/lib/audit/types';

import { paramsSummary } from './params-summary';
import { ResultBadge } from './result-badge';
import { Timestamp } from '@/components/ui/timestamp';
import { VisibleText } from '@/components/ui/visible-text';

// One audit entry, and — when the write recorded what it changed (issue 15 item 5) — a row below it
// that expands to the changed spec fields, before and after. Open rows stay open while the page polls
// (rows are keyed by entry id).

const COLUMNS = 7;

function fieldsLabel(changes: AuditChanges): string {
  const n = changes.fields.length + changes.omitted;
  return `${n} field${n === 1 ? '' : 's'} changed`;
}

export function ActivityRow({ entry: e }: { entry: AuditEntry }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const changes = e.changes && e.changes.fields.length + e.changes.omitted > 0 ? e.changes : null;
  return (
    <>
      <tr data-testid="activity-row" data-request-id={e.requestId} className="align-top">
        <td className="px-3 py-2 whitespace-nowrap text-slate-600 dark:text-slate-400">
          <Timestamp iso={e.time} precision="second" />
        </td>
        <td className="px-3 py-2 whitespace-nowrap" title={e.groups.join(', ')}>
          {e.user}
        </td>
        <td className="px-3 py-2 font-medium whitespace-nowrap">{e.action}</td>
        <td className="px-3 py-2">
          <span className="text-slate-500 dark:text-slate-400">{e.kind}</span>{' '}
          <span className="font-mono text-xs">
            {e.namespace ? `${e.namespace}/` : ''}
            {e.name}
          </span>
          {e.resourceVersion ? (
            <span className="block text-xs text-slate-400 dark:text-slate-500">rv {e.resourceVersion}</span>
          ) : null}
        </td>
        <td className="px-3 py-2 whitespace-nowrap">
          {paramsSummary(e.params) || '–'}
          {changes ? (
            <button
              type="button"
              aria-expanded={open}
              aria-controls={panelId}
              onClick={() => setOpen((o) => !o)}
              className="mt-1 block text-xs text-sky-700 hover:underline dark:text-sky-400"
            >
              {open ? '▾' : '▸'} Before / after: {fieldsLabel(changes)}
            </button>
          ) : null}
        </td>
        <td className="px-3 py-2">
          <ResultBadge result={e.result} />
        </td>
        <td className="max-w-md px-3 py-2 break-words">
          {e.reason ? (
            <span className="block text-slate-800 dark:text-slate-200">
              “<VisibleText text={e.reason} />”
            </span>
          ) : null}
          {e.message ? (
            <span className="block text-xs text-slate-500 dark:text-slate-400">
              <VisibleText text={e.message} />
            </span>
          ) : null}
        </td>
      </tr>
      {changes && open ? (
        <tr id={panelId} data-testid="activity-changes" data-request-id={e.requestId}>
          <td colSpan={COLUMNS} className="bg-slate-50 px-3 py-2 dark:bg-slate-800/40">
            <ChangesTable changes={changes} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function ChangesTable({ changes }: { changes: AuditChanges }) {
  return (
    <>
      <table className="w-full text-xs" aria-label="Changed fields">
        <thead className="text-left text-slate-500 dark:text-slate-400">
          <tr>
            <th className="py-1 pr-4 font-medium">Field</th>
            <th className="py-1 pr-4 font-medium">Before</th>
            <th className="py-1 font-medium">After</th>
          </tr>
        </thead>
        <tbody className="font-mono">
          {changes.fields.map((f) => (
            <tr key={f.path} data-testid="changed-field" className="align-top">
              <td className="py-1 pr-4 break-all text-slate-700 dark:text-slate-300">{f.path}</td>
              <td className="py-1 pr-4 break-all text-rose-800 dark:text-rose-300">
                <Value value={f.before} />
              </td>
              <td className="py-1 break-all text-emerald-800 dark:text-emerald-300">
                <Value value={f.after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {changes.omitted > 0 ? (
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          … and {changes.omitted} more changed field{changes.omitted === 1 ? '' : 's'}, not recorded (the log keeps at
          most {changes.fields.length}).
        </p>
      ) : null}
    </>
  );
}

function Value({ value }: { value: string | null }) {
  if (value === null) return <span className="font-sans text-slate-400 italic dark:text-slate-500">(not set)</span>;
  return <VisibleText text={value} />;
}
