import type { ReactNode } from 'react';

import type { KubeErrorSummary } from '@/lib/k8s/dto';

const HINTS: Partial<Record<KubeErrorSummary['kind'], ReactNode>> = {
  unreachable: (
    <>
      Is the cluster running? Start the local one with <code className="font-mono">npm run cluster:up</code>.
    </>
  ),
  timeout: 'The API server is slow or unreachable; try again in a moment.',
  config: 'Check WHEELHOUSE_KUBECONFIG and WHEELHOUSE_CONTEXT in the server environment.',
  tls: "The kubeconfig's certificate authority does not match the API server; was the cluster recreated?",
  unauthorized: "The dashboard's credentials were rejected; was the cluster recreated with new tokens?",
  forbidden: 'The identity used for this request lacks RBAC permission for it.',
};

export function ErrorPanel({ title, error }: { title: string; error: KubeErrorSummary }) {
  const hint = HINTS[error.kind];
  return (
    <div
      role="alert"
      className="rounded-lg border border-red-200 dark:border-red-900 bg-red-50 dark:bg-red-950/40 px-4 py-3"
      data-testid="error-panel"
    >
      <p className="text-sm font-semibold text-red-800 dark:text-red-200">{title}</p>
      <p className="mt-1 text-sm break-words text-red-700 dark:text-red-300">{error.message}</p>
      {hint ? <p className="mt-2 text-xs text-red-600 dark:text-red-400">{hint}</p> : null}
    </div>
  );
}
