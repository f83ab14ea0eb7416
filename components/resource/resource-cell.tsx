import { formatAge } from '@/lib/format/age';
import { shortImageName } from '@/lib/format/image';
import type { BaseSummary, Column } from '@/lib/k8s/kinds/descriptor';
import { revealHidden } from '@/lib/format/visible-text';
import { StatusBadge } from '@/components/ui/status-badge';
import { VisibleText } from '@/components/ui/visible-text';

// One table cell from a descriptor column. Everything is rendered as React text (never HTML), so
// labels, messages and names from the cluster cannot inject markup; invisible and bidirectional
// characters are shown as markers (VisibleText), so an image or message cannot read as something else.

export function ResourceCell<S extends BaseSummary>({ column, row, now }: { column: Column<S>; row: S; now: string }) {
  const value = column.display ? column.display(row, now) : column.value(row);
  switch (column.cell) {
    case 'badge':
      return value === undefined || value === '' ? null : (
        <StatusBadge tone={column.tone?.(row) ?? 'slate'} title={maybeReveal(column.hint?.(row))}>
          <VisibleText text={String(value)} />
        </StatusBadge>
      );
    case 'age':
      return typeof value === 'string' ? (
        <span title={value} className="tabular-nums text-slate-600 dark:text-slate-400">
          {formatAge(value, now)}
        </span>
      ) : (
        <span className="text-slate-400 dark:text-slate-500">—</span>
      );
    case 'images': {
      const list = Array.isArray(value) ? (value as readonly string[]) : [];
      const [firstImage, ...rest] = list;
      return firstImage ? (
        <span
          className="flex min-w-0 items-center gap-1 font-mono text-xs text-slate-600 dark:text-slate-400"
          title={list.map((i) => revealHidden(i)).join('\n')}
        >
          <span className="truncate">
            <VisibleText text={shortImageName(firstImage)} />
          </span>
          {rest.length ? <span className="shrink-0 text-slate-400 dark:text-slate-500">+{rest.length}</span> : null}
        </span>
      ) : null;
    }
    case 'mono':
      return (
        <span className="truncate font-mono text-xs text-slate-700 dark:text-slate-300">
          <VisibleText text={value === undefined ? '' : String(value)} />
        </span>
      );
    case 'number':
      return (
        <span className="whitespace-nowrap tabular-nums text-slate-700 dark:text-slate-300">
          {value === undefined ? '' : String(value)}
        </span>
      );
    default:
      return (
        <span
          className="truncate text-slate-700 dark:text-slate-300"
          title={typeof value === 'string' ? revealHidden(value) : undefined}
        >
          <VisibleText text={value === undefined ? '' : String(value)} />
        </span>
      );
  }
}

const maybeReveal = (text: string | undefined) => (text === undefined ? undefined : revealHidden(text));
