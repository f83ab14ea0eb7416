// Two-key "go to" shortcuts (g then a letter), as in GitHub and Gmail.
export const GO_SHORTCUTS: Record<string, { slug: string; title: string }> = {
  o: { slug: 'overview', title: 'Overview' },
  w: { slug: 'workloads', title: 'Workloads' },
  p: { slug: 'pods', title: 'Pods' },
  e: { slug: 'events', title: 'Events' },
  a: { slug: 'autoscaling', title: 'Autoscaling' },
  c: { slug: 'certificates', title: 'Certificates' },
  n: { slug: 'nodes', title: 'Nodes' },
};

/** Typing in a field never triggers shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as { tagName?: string; isContentEditable?: boolean } | null;
  if (!el?.tagName) return false;
  return el.isContentEditable === true || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}
