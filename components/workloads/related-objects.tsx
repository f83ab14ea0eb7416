'use client';

import { toneOf } from '@/lib/k8s/kinds/workload-fields';
import { useResourceList } from '@/components/resource/use-resource-list';
import { StatusBadge } from '@/components/ui/status-badge';
import { VisibleText } from '@/components/ui/visible-text';

// HPA targeting the workload, Services selecting its pods, Ingresses routing to those Services —
// all from the per-user list API of the workload's namespace.

export function RelatedObjects({
  cluster,
  namespace,
  kind,
  name,
  podLabels,
}: {
  cluster: string;
  namespace: string;
  kind: string;
  name: string;
  podLabels: Record<string, string>;
}) {
  const scope = { namespaces: [namespace], limit: 1000 };
  const hpas = useResourceList(cluster, 'horizontalpodautoscalers', scope).data?.items ?? [];
  const services = useResourceList(cluster, 'services', scope).data?.items ?? [];
  const ingresses = useResourceList(cluster, 'ingresses', scope).data?.items ?? [];
  const hpa = hpas.filter((h) => h.target.kind === kind && h.target.name === name);
  const selecting = services.filter(
    (s) =>
      Object.keys(s.selector).length > 0 &&
      Object.entries(s.selector).every(([key, value]) => podLabels[key] === value),
  );
  const names = new Set(selecting.map((s) => s.name));
  const routing = ingresses.filter((i) => i.backends.some((b) => names.has(b)));
  return (
    <dl className="grid gap-4 text-sm md:grid-cols-3" data-testid="related-objects">
      <div>
        <dt className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
          HorizontalPodAutoscaler
        </dt>
        {hpa.length ? (
          hpa.map((h) => (
            <dd key={h.uid} className="flex flex-wrap items-center gap-2" data-testid="related-hpa">
              <span className="font-mono text-xs">{h.name}</span>
              <StatusBadge tone={toneOf(h.status)} title={h.statusMessage}>
                {h.status}
              </StatusBadge>
              <span className="text-xs text-slate-600 dark:text-slate-400">
                {h.currentReplicas} replicas ({h.minReplicas}–{h.maxReplicas}) {h.targets.join(', ')}
              </span>
            </dd>
          ))
        ) : (
          <dd className="text-slate-400 dark:text-slate-500">None</dd>
        )}
      </div>
      <div>
        <dt className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
          Services
        </dt>
        {selecting.length ? (
          selecting.map((s) => (
            <dd key={s.uid} className="font-mono text-xs" data-testid="related-service">
              {s.name}{' '}
              <span className="text-slate-500 dark:text-slate-400">
                {s.type} {s.clusterIP} {s.ports}
              </span>
            </dd>
          ))
        ) : (
          <dd className="text-slate-400 dark:text-slate-500">None</dd>
        )}
      </div>
      <div>
        <dt className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
          Ingresses
        </dt>
        {routing.length ? (
          routing.map((i) => (
            <dd key={i.uid} className="font-mono text-xs" data-testid="related-ingress">
              {i.name}{' '}
              <span className="text-slate-500 dark:text-slate-400">
                <VisibleText text={i.hosts.join(', ')} />
              </span>
            </dd>
          ))
        ) : (
          <dd className="text-slate-400 dark:text-slate-500">None</dd>
        )}
      </div>
    </dl>
  );
}
