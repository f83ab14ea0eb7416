'use client';

// Last-resort boundary for unexpected failures; expected Kubernetes errors are rendered by the pages
// themselves from KubeErrorSummary values. The message is not shown: in production Next replaces it
// with a generic text anyway, and server internals must not leak to the browser.
export default function ClusterError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div
      role="alert"
      className="mx-auto max-w-xl rounded-lg border border-red-200 dark:border-red-900 bg-red-50 dark:bg-red-950/40 px-4 py-3"
    >
      <p className="text-sm font-semibold text-red-800 dark:text-red-200">
        Something went wrong while rendering this page.
      </p>
      {error.digest ? (
        <p className="mt-1 font-mono text-xs text-red-600 dark:text-red-400">Reference: {error.digest}</p>
      ) : null}
      <button
        type="button"
        onClick={reset}
        className="mt-3 rounded-md bg-white dark:bg-slate-900 px-3 py-1.5 text-sm font-medium text-red-700 dark:text-red-300 ring-1 ring-red-200 dark:ring-red-800 hover:bg-red-100 dark:hover:bg-red-950/70"
      >
        Try again
      </button>
    </div>
  );
}
