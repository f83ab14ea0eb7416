'use client';

import { ConfigUsers } from '@/components/kinds/config-users';
import type { KindPanelProps } from '@/components/kinds/types';
import { usePersonRefresh } from '@/components/kinds/use-person-refresh';

// A Secret's page beyond keys and sizes: who uses it. There is no value to show — the server strips
// them before anything leaves it (ADR 0019) — and the page says so plainly.

export function SecretPanel({ cluster, kind, namespace, name }: KindPanelProps) {
  usePersonRefresh(cluster, kind);
  return (
    <div className="flex flex-col gap-4">
      <p
        className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300"
        data-testid="secret-values-note"
      >
        Values are never shown: Wheelhouse reads this Secret as you and keeps only its keys and their sizes. Use kubectl
        if you need a value.
      </p>
      <ConfigUsers cluster={cluster} kindId={kind} refKind="Secret" namespace={namespace ?? ''} name={name} />
    </div>
  );
}
