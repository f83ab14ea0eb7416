'use client';

import Link from 'next/link';

import type { DetailTable, Fact } from '@/lib/k8s/kinds/descriptor';
import { StatusBadge } from '@/components/ui/status-badge';
import { VisibleText } from '@/components/ui/visible-text';

// The plain-data parts of a detail page (facts, tables with bars), rendered for any kind.

export function FactsGrid({ facts }: { facts: readonly Fact[] }) {
  if (!facts.length) return null;
  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3" data-testid="detail-facts">
      {facts.map((f) => (
        <div key={f.label} data-fact={f.label}>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{f.label}</dt>
          <dd
            className={`mt-0.5 break-words ${f.mono ? 'font-mono text-xs' : ''} text-slate-800 dark:text-slate-100`}
            title={f.hint}
          >
            {f.tone ? (
              <StatusBadge tone={f.tone} title={f.hint}>
                <VisibleText text={f.value} />
              </StatusBadge>
            ) : f.href ? (
              <Link href={f.href} prefetch={false} className="text-sky-700 hover:underline dark:text-sky-400">
                <VisibleText text={f.value} />
              </Link>
            ) : (
              <VisibleText text={f.value} />
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Bar({ used, total, label }: { used: number; total: number; label?: string }) {
  const pct = total > 0 ? Math.min(100, (used / total) * 100) : 0;
  const tone = pct >= 90 ? 'bg-red-500' : pct >= 75 ? 'bg-amber-500' : 'bg-emerald-500';
  return (
    <div className="flex items-center gap-2" title={label ?? `${Math.round(pct)}%`}>
      <div
        className="h-2 w-28 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
        role="meter"
        aria-valuenow={Math.round(pct)}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label={label ?? 'used'}
      >
        <div className={`h-full ${tone}`} style={{ width: `${pct}%` }} />
      </div>
      <span className="text-xs tabular-nums text-slate-600 dark:text-slate-300">{Math.round(pct)}%</span>
    </div>
  );
}

export function DetailTableView({ table }: { table: DetailTable }) {
  if (!table.rows.length)
    return (
      <p className="text-sm text-slate-400 dark:text-slate-500">{table.empty ?? `No ${table.title.toLowerCase()}.`}</p>
    );
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid={`detail-table-${table.id}`}>
        <thead className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
          <tr>
            {table.columns.map((c) => (
              <th key={c} className="py-1 pr-4 font-medium">
                {c}
              </th>
            ))}
            {table.bars ? <th className="py-1 font-medium">Used</th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {table.rows.map((row, i) => (
            <tr key={`${i}:${row[0] ?? ''}`}>
              {row.map((cell, j) => (
                <td key={j} className="py-1.5 pr-4 align-top font-mono text-xs text-slate-700 dark:text-slate-200">
                  <VisibleText text={cell} />
                </td>
              ))}
              {table.bars ? <td className="py-1.5">{table.bars[i] ? <Bar {...table.bars[i]} /> : null}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
