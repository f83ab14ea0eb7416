export default function OverviewLoading() {
  return (
    <div className="mx-auto flex max-w-7xl animate-pulse flex-col gap-6" aria-busy="true" aria-label="Loading overview">
      <div className="h-7 w-40 rounded bg-slate-200 dark:bg-slate-700" />
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-20 rounded-lg bg-slate-200 dark:bg-slate-700" />
        ))}
      </div>
      <div className="h-40 rounded-lg bg-slate-200 dark:bg-slate-700" />
      <div className="h-72 rounded-lg bg-slate-200 dark:bg-slate-700" />
    </div>
  );
}
