'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

import { DASHBOARD_SECTIONS, sectionHref } from '@/lib/navigation/sections';
import { CommandPalette } from '@/components/command-palette/command-palette';

// Client leaf because the active item follows the current path; it also mounts the command palette
// (⌘K / Ctrl-K, and the `g <key>` shortcuts), which every page of the cluster shares.
export function SidebarNav({ cluster }: { cluster: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Sections" className="flex flex-col gap-0.5 px-3">
      <CommandPalette cluster={cluster} />
      {DASHBOARD_SECTIONS.map((section) => {
        const href = sectionHref(cluster, section.slug);
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={section.slug}
            href={href}
            // Every section renders from live cluster reads; prefetching all of them on each page view
            // would multiply API server load for pages nobody opened.
            prefetch={false}
            aria-current={active ? 'page' : undefined}
            className={
              active
                ? 'rounded-md bg-slate-800 px-3 py-2 text-sm font-medium text-white'
                : 'rounded-md px-3 py-2 text-sm text-slate-400 hover:bg-slate-800/60 hover:text-slate-100'
            }
          >
            {section.title}
          </Link>
        );
      })}
      <p className="mt-4 px-3 text-xs text-slate-500">
        <kbd className="rounded bg-slate-800 px-1 font-mono text-slate-300">Ctrl K</kbd> jump to…
      </p>
    </nav>
  );
}
