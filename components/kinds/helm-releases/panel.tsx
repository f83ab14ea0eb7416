'use client';

import type { KindPanelProps } from '@/components/kinds/types';
import { usePersonRefresh } from '@/components/kinds/use-person-refresh';

// A Helm release is decoded on the server from its Secrets; its values, manifest and notes never
// leave it (ADR 0019). The page is re-read while open (no stream feed for person-read kinds).

export function HelmReleasePanel({ cluster, kind }: KindPanelProps) {
  usePersonRefresh(cluster, kind);
  return (
    <p className="text-sm text-slate-500 dark:text-slate-400" data-testid="helm-values-note">
      Values, manifests and notes stay on the server: use <code className="font-mono">helm get values</code> with your
      own credentials if you need them.
    </p>
  );
}
