interface Stat {
  label: string;
  value: string;
  /** Highlights a value that needs attention. */
  alert?: boolean;
}

export function StatTiles({ stats }: { stats: Stat[] }) {
  return (
    <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
      {stats.map((stat) => (
        <div
          key={stat.label}
          className="rounded-lg border border-slate-200 dark:border-slate-800 bg-white dark:bg-slate-900 px-4 py-3 shadow-sm"
        >
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
            {stat.label}
          </dt>
          <dd
            className={`mt-1 text-2xl font-semibold ${stat.alert ? 'text-red-600 dark:text-red-400' : 'text-slate-900 dark:text-slate-100'}`}
          >
            {stat.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
