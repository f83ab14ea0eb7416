'use client';

import { useQueries } from '@tanstack/react-query';
import { Command } from 'cmdk';
import { useEffect, useState } from 'react';

import type { BaseSummary } from '@/lib/k8s/kinds/descriptor';
import { DASHBOARD_SECTIONS, kindNavGroups } from '@/lib/navigation/sections';
import { routes } from '@/lib/routes';
import { resourceListOptions } from '@/lib/query/options';
import { GO_SHORTCUTS } from '@/components/command-palette/shortcuts';

// The palette's dialog (cmdk and Radix's dialog): loaded the first time someone opens the palette
// (components/command-palette/command-palette.tsx), never before a page's first paint (ADR 0018).
// Results come from the per-user list API (the shared cache, filtered by the person's RBAC), a few per kind.

const SEARCH_KINDS = [
  { id: 'deployments', label: 'Deployment' },
  { id: 'statefulsets', label: 'StatefulSet' },
  { id: 'daemonsets', label: 'DaemonSet' },
  { id: 'cronjobs', label: 'CronJob' },
  { id: 'jobs', label: 'Job' },
  { id: 'pods', label: 'Pod' },
] as const;

/** The sections and every kind with a sidebar place. */
const PLACES: readonly { slug: string; title: string }[] = [
  ...DASHBOARD_SECTIONS,
  ...kindNavGroups().flatMap((g) => g.items),
];

function hrefFor(cluster: string, kind: string, s: BaseSummary): string {
  return routes.object(cluster, kind, s.namespace, s.name);
}

interface CommandPaletteDialogProps {
  cluster: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Closes the palette and goes there. */
  go: (href: string) => void;
}

export function CommandPaletteDialog({
  cluster,
  open,
  onOpenChange: setOpen,
  go: navigate,
}: CommandPaletteDialogProps) {
  const [text, setText] = useState('');
  const [q, setQ] = useState('');

  useEffect(() => {
    const t = setTimeout(() => setQ(text.trim().toLowerCase()), 150);
    return () => clearTimeout(t);
  }, [text]);

  const results = useQueries({
    queries: SEARCH_KINDS.map((k) => ({
      ...resourceListOptions(cluster, k.id, { q, limit: 8 }),
      enabled: open && q.length > 0,
    })),
  });

  const go = (href: string) => {
    setText('');
    navigate(href);
  };

  return (
    <Command.Dialog
      open={open}
      onOpenChange={setOpen}
      label="Jump to"
      shouldFilter={false}
      overlayClassName="fixed inset-0 z-40 bg-slate-900/40 dark:bg-black/60"
      contentClassName="fixed top-24 left-1/2 z-50 w-[40rem] max-w-[90vw] -translate-x-1/2 overflow-hidden rounded-lg bg-white dark:bg-slate-900 shadow-2xl ring-1 ring-slate-200 dark:ring-slate-700"
    >
      <Command.Input
        value={text}
        onValueChange={setText}
        placeholder="Jump to a workload, pod or section…"
        className="w-full border-b border-slate-200 dark:border-slate-800 px-4 py-3 text-sm outline-none"
      />
      <Command.List className="max-h-96 overflow-y-auto p-2 text-sm">
        <Command.Empty className="px-3 py-2 text-slate-500 dark:text-slate-400">
          {q ? 'No matches you may see.' : 'Type a name.'}
        </Command.Empty>
        {SEARCH_KINDS.map((k, i) => {
          const items = results[i]?.data?.items ?? [];
          if (!q || !items.length) return null;
          return (
            <Command.Group key={k.id} heading={`${k.label}s`} className="text-xs text-slate-500 dark:text-slate-400">
              {items.map((s) => (
                <Command.Item
                  key={s.uid}
                  value={`${k.id}/${s.namespace}/${s.name}`}
                  onSelect={() => go(hrefFor(cluster, k.id, s))}
                  className="flex cursor-pointer items-center justify-between rounded px-3 py-1.5 text-sm text-slate-800 dark:text-slate-200 data-[selected=true]:bg-sky-50"
                >
                  <span className="font-mono">{s.name}</span>
                  <span className="text-xs text-slate-500 dark:text-slate-400">
                    {k.label} · {s.namespace}
                  </span>
                </Command.Item>
              ))}
            </Command.Group>
          );
        })}
        <Command.Group heading="Sections" className="text-xs text-slate-500 dark:text-slate-400">
          {PLACES.filter((s) => !q || s.title.toLowerCase().includes(q)).map((s) => {
            const key = Object.entries(GO_SHORTCUTS).find(([, v]) => v.slug === s.slug)?.[0];
            return (
              <Command.Item
                key={s.slug}
                value={`section/${s.slug}`}
                onSelect={() => go(routes.section(cluster, s.slug))}
                className="flex cursor-pointer items-center justify-between rounded px-3 py-1.5 text-sm text-slate-800 dark:text-slate-200 data-[selected=true]:bg-sky-50"
              >
                {s.title}
                {key ? (
                  <kbd className="rounded bg-slate-100 dark:bg-slate-800 px-1.5 font-mono text-xs text-slate-500 dark:text-slate-400">
                    g {key}
                  </kbd>
                ) : null}
              </Command.Item>
            );
          })}
        </Command.Group>
      </Command.List>
    </Command.Dialog>
  );
}
