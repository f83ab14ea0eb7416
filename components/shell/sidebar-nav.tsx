'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

import { DASHBOARD_SECTIONS, kindNavGroups } from '@/lib/navigation/sections';
import { routes } from '@/lib/routes';
import { CommandPalette } from '@/components/command-palette/command-palette';

// Client leaf because the active item follows the current path; it also mounts the command palette
// (⌘K / Ctrl-K, and the `g <key>` shortcuts), which every page of the cluster shares. The kinds'
// entries come from the registry (lib/navigation/sections.ts): a kind with `nav` is listed, no other.

const GROUPS = kindNavGroups();

function NavLink({ href, title, active }: { href: string; title: string; active: boolean }) {
  return (
    <Link
      href={href}
      // Every section renders from live cluster reads; prefetching all of them on each page view
      // would multiply API server load for pages nobody opened.
      prefetch={false}
      aria-current={active ? 'page' : undefined}
      className={
        active
          ? 'rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-white'
          : 'rounded-md px-3 py-1.5 text-sm text-slate-400 hover:bg-slate-800/60 hover:text-slate-100'
      }
    >
      {title}
    </Link>
  );
}

export function SidebarNav({ cluster }: { cluster: string }) {
  const pathname = usePathname();
  const isActive = (href: string) => pathname === href || pathname.startsWith(`${href}/`);
  return (
    <nav aria-label="Sections" className="flex flex-col gap-0.5 px-3">
      <CommandPalette cluster={cluster} />
      {DASHBOARD_SECTIONS.map((section) => {
        const href = routes.section(cluster, section.slug);
        return <NavLink key={section.slug} href={href} title={section.title} active={isActive(href)} />;
      })}
      {GROUPS.map((g) => (
        <div key={g.group} className="mt-3 flex flex-col gap-0.5" role="group" aria-labelledby={`nav-${g.group}`}>
          <p
            id={`nav-${g.group}`}
            className="px-3 pb-0.5 text-[11px] font-semibold uppercase tracking-wider text-slate-500"
          >
            {g.title}
          </p>
          {g.items.map((item) => {
            const href = routes.section(cluster, item.slug);
            return <NavLink key={item.slug} href={href} title={item.title} active={isActive(href)} />;
          })}
        </div>
      ))}
      <p className="mt-4 px-3 text-xs text-slate-500">
        <kbd className="rounded bg-slate-800 px-1 font-mono text-slate-300">Ctrl K</kbd> jump to…
      </p>
    </nav>
  );
}
