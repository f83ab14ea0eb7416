'use client';

import type { KindPanelProps } from '@/components/kinds/types';
import { usePersonRefresh } from '@/components/kinds/use-person-refresh';
import { Section } from '@/components/resource/section';
import { VisibleText } from '@/components/ui/visible-text';
import type { HelmReleaseObject } from '@/lib/k8s/helm';

// A Helm release is decoded on the server from its Secrets; its values and manifest never leave it,
// and its notes arrive with every value of the release hidden (ADR 0019). The page is re-read while
// open (no stream feed for person-read kinds).

export function HelmReleasePanel({ cluster, kind, object }: KindPanelProps) {
  usePersonRefresh(cluster, kind);
  const notes = (object as Partial<HelmReleaseObject>).release?.notes ?? '';
  return (
    <>
      <Section title="Notes" testId="helm-notes" meta="as the chart rendered them; values hidden">
        {notes ? (
          <pre className="max-h-80 overflow-auto whitespace-pre-wrap font-mono text-xs text-slate-700 dark:text-slate-300">
            <VisibleText text={notes} keepLineBreaks />
          </pre>
        ) : (
          <p className="text-sm text-slate-400 dark:text-slate-500">This release has no notes.</p>
        )}
      </Section>
      <p className="text-sm text-slate-500 dark:text-slate-400" data-testid="helm-values-note">
        Values and manifests stay on the server: use <code className="font-mono">helm get values</code> with your own
        credentials if you need them.
      </p>
    </>
  );
}
