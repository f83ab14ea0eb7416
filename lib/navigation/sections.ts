// The dashboard's top-level sections, in sidebar order. Routes are /c/<cluster>/<slug> (STYLE.md rule 9).

export interface DashboardSection {
  slug: string;
  title: string;
  /** One line shown on the section's page until it is built. */
  description: string;
}

export const DASHBOARD_SECTIONS = [
  {
    slug: 'overview',
    title: 'Overview',
    description: 'What needs attention first: stuck rollouts, crash loops, expiring certificates.',
  },
  {
    slug: 'workloads',
    title: 'Workloads',
    description: 'Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and CronJobs: rollouts and history.',
  },
  { slug: 'pods', title: 'Pods', description: 'Pods across namespaces with status, restarts, logs and resource use.' },
  {
    slug: 'autoscaling',
    title: 'Autoscaling',
    description: 'HorizontalPodAutoscalers: targets, current metrics and replica bounds.',
  },
  {
    slug: 'certificates',
    title: 'Certificates',
    description: 'TLS certificates and cert-manager Certificates with days until expiry.',
  },
  { slug: 'nodes', title: 'Nodes', description: 'Nodes with conditions, capacity and allocatable resources.' },
  { slug: 'events', title: 'Events', description: 'Recent Kubernetes events, warnings first.' },
  { slug: 'activity', title: 'Activity', description: 'Changes made through Wheelhouse: who did what, and when.' },
] as const satisfies readonly DashboardSection[];

export type SectionSlug = (typeof DASHBOARD_SECTIONS)[number]['slug'];

export function findSection(slug: string): DashboardSection | undefined {
  return DASHBOARD_SECTIONS.find((section) => section.slug === slug);
}

export function sectionHref(cluster: string, slug: SectionSlug): string {
  return `/c/${encodeURIComponent(cluster)}/${slug}`;
}
