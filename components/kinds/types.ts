import type { BaseSummary } from '@/lib/k8s/kinds/descriptor';
import type { KubeObject } from '@/lib/k8s/object';

/** What the ResourceDetail shell hands a kind's own panel (components/kinds/<kind>/panel.tsx). */
export interface KindPanelProps {
  cluster: string;
  kind: string;
  /** Undefined for cluster-scoped kinds. */
  namespace?: string;
  name: string;
  /** The object as the object API answered it (never Secret data). */
  object: KubeObject;
  /** The live summary (patched by the stream). */
  summary: BaseSummary;
}
