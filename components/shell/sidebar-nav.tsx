'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

import { DASHBOARD_SECTIONS, sectionHref } from '@/lib/navigation/sections';

// Client leaf only because the active item follows the current path.
export function SidebarNav({ cluster }: { cluster: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Sections" className="flex flex-col gap-0.5 px-3">
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
    </nav>
  );
}
