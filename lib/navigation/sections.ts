import { KINDS } from '@/lib/k8s/kinds';
import type { NavGroup } from '@/lib/k8s/kinds/descriptor';

// The sidebar: the dashboard's own sections first, then every registered kind that asks for a place
// (`nav` on its descriptor), grouped. Routes are /c/<cluster>/<slug> (STYLE.md rule 9).

export interface DashboardSection {
  slug: string;
  title: string;
  /** One line describing the section (the command palette shows it). */
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
  { slug: 'events', title: 'Events', description: 'Recent Kubernetes events, warnings first.' },
  { slug: 'activity', title: 'Activity', description: 'Changes made through Wheelhouse: who did what, and when.' },
] as const satisfies readonly DashboardSection[];

export type SectionSlug = (typeof DASHBOARD_SECTIONS)[number]['slug'];

export function findSection(slug: string): DashboardSection | undefined {
  return DASHBOARD_SECTIONS.find((section) => section.slug === slug);
}

const GROUP_TITLES: Record<NavGroup, string> = {
  cluster: 'Cluster',
  workloads: 'Workloads',
  network: 'Network',
  config: 'Configuration',
  storage: 'Storage',
  policy: 'Policy',
  access: 'Access control',
  custom: 'Custom resources',
};

export interface NavItem {
  slug: string;
  title: string;
}

export interface NavGroupItems {
  group: NavGroup;
  title: string;
  items: NavItem[];
}

/** The registry's kinds with a sidebar place, grouped in GROUP_TITLES order, by `nav.order`. */
export function kindNavGroups(): NavGroupItems[] {
  const groups = Object.keys(GROUP_TITLES) as NavGroup[];
  return groups
    .map((group) => ({
      group,
      title: GROUP_TITLES[group],
      items: KINDS.filter((k) => k.nav?.group === group)
        .sort((a, b) => (a.nav?.order ?? 0) - (b.nav?.order ?? 0))
        .map((k) => ({ slug: k.id, title: k.title })),
    }))
    .filter((g) => g.items.length > 0);
}
