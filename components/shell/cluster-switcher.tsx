'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { routes } from '@/lib/routes';

export interface ClusterChoice {
  name: string;
  reachable: boolean;
}

/** The same page on another cluster: /c/<current>/<rest> → /c/<name>/<rest>. */
export function pathForCluster(pathname: string, current: string, name: string): string {
  const prefix = routes.cluster(current);
  const rest = pathname === prefix || pathname.startsWith(`${prefix}/`) ? pathname.slice(prefix.length) : '';
  return `${routes.cluster(name)}${rest || '/overview'}`;
}

// A disclosure (no client state): works before hydration and with the keyboard.
export function ClusterSwitcher({ current, clusters }: { current: string; clusters: ClusterChoice[] }) {
  const pathname = usePathname();
  return (
    <details className="relative" data-testid="cluster-switcher">
      <summary
        className="cursor-pointer list-none font-semibold text-slate-900 dark:text-slate-100"
        data-testid="cluster-name"
      >
        {current} <span aria-hidden>▾</span>
      </summary>
      <ul className="absolute left-0 z-20 mt-2 min-w-48 rounded border border-slate-200 dark:border-slate-800 bg-white dark:bg-slate-900 py-1 shadow-lg">
        {clusters.map((c) => (
          <li key={c.name}>
            <Link
              href={pathForCluster(pathname, current, c.name)}
              prefetch={false}
              aria-current={c.name === current ? 'page' : undefined}
              className="flex items-center gap-2 px-3 py-1.5 text-sm text-slate-700 dark:text-slate-300 hover:bg-slate-100 dark:hover:bg-slate-800 aria-[current=page]:font-semibold"
            >
              <span aria-hidden className={`h-2 w-2 rounded-full ${c.reachable ? 'bg-emerald-500' : 'bg-red-500'}`} />
              {c.name}
              <span className="sr-only">{c.reachable ? '(connected)' : '(unreachable)'}</span>
            </Link>
          </li>
        ))}
      </ul>
    </details>
  );
}
