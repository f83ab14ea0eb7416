'use client';

import { useQuery } from '@tanstack/react-query';
import Link, { useLinkStatus } from 'next/link';
import { usePathname } from 'next/navigation';

import { DASHBOARD_SECTIONS, kindNavGroups } from '@/lib/navigation/sections';
import { customKindsOptions } from '@/lib/query/custom-kinds';
import { routes } from '@/lib/routes';
import { CommandPalette } from '@/components/command-palette/command-palette';

// Client leaf because the active item follows the current path; it also mounts the command palette
// (⌘K / Ctrl-K, and the `g <key>` shortcuts), which every page of the cluster shares. The kinds'
// entries come from the registry (lib/navigation/sections.ts): a kind with `nav` is listed, no other.

const GROUPS = kindNavGroups();

/**
 * While a click's page is on its way. Pages whose rows are prefetched have no loading.tsx (it would
 * keep their rows out of the first paint, ADR 0018), so the link itself shows that the click was taken.
 */
function PendingMark() {
  const { pending } = useLinkStatus();
  if (!pending) return null;
  return (
    <span
      aria-hidden
      data-testid="nav-pending"
      className="ml-2 inline-block h-1.5 w-1.5 animate-pulse rounded-full bg-sky-400 align-middle"
    />
  );
}

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
      <PendingMark />
    </Link>
  );
}

function NavGroupList({
  id,
  title,
  items,
  isActive,
}: {
  id: string;
  title: string;
  items: { href: string; title: string }[];
  isActive: (href: string) => boolean;
}) {
  return (
    <div className="mt-3 flex flex-col gap-0.5" role="group" aria-labelledby={`nav-${id}`}>
      <p id={`nav-${id}`} className="px-3 pb-0.5 text-[11px] font-semibold uppercase tracking-wider text-slate-500">
        {title}
      </p>
      {items.map((item) => (
        <NavLink key={item.href} href={item.href} title={item.title} active={isActive(item.href)} />
      ))}
    </div>
  );
}

/**
 * The cluster's custom kinds (CRDs) the person may list, asked of the server (ADR 0020): they differ
 * per cluster and per person, so unlike the built-in groups they are not known at build time.
 */
function CustomKindsNav({ cluster, isActive }: { cluster: string; isActive: (href: string) => boolean }) {
  const { data } = useQuery(customKindsOptions(cluster));
  if (!data?.length) return null;
  const items = data.map((k) => ({ href: routes.kindList(cluster, k.id), title: k.title }));
  return <NavGroupList id="custom-kinds" title="Custom resources" items={items} isActive={isActive} />;
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
        <NavGroupList
          key={g.group}
          id={g.group}
          title={g.title}
          items={g.items.map((item) => ({ href: routes.section(cluster, item.slug), title: item.title }))}
          isActive={isActive}
        />
      ))}
      <CustomKindsNav cluster={cluster} isActive={isActive} />
      <p className="mt-4 px-3 text-xs text-slate-500">
        <kbd className="rounded bg-slate-800 px-1 font-mono text-slate-300">Ctrl K</kbd> jump to…
      </p>
    </nav>
  );
}
