// Is this object managed by a GitOps controller that will undo a manual change at its next sync?
// Argo CD: the tracking-id annotation (annotation tracking) or the `app.kubernetes.io/instance`
// label (its default label tracking) — the label alone is also set by Helm, so we only claim Argo CD
// when another Argo CD marker is present or the object says it is managed by Argo CD.
// https://argo-cd.readthedocs.io/en/stable/user-guide/resource_tracking/
// Flux: kustomize-controller and helm-controller label what they apply:
// https://fluxcd.io/flux/components/kustomize/kustomizations/ (kustomize.toolkit.fluxcd.io/name, /namespace)

export interface GitOpsManager {
  tool: 'Argo CD' | 'Flux';
  /** The application/kustomization/release that owns it, when known. */
  owner?: string;
  /** The label or annotation that gave it away. */
  evidence: string;
}

const ARGO_TRACKING_ID = 'argocd.argoproj.io/tracking-id';
const ARGO_INSTANCE = 'argocd.argoproj.io/instance';
const INSTANCE_LABEL = 'app.kubernetes.io/instance';
const MANAGED_BY = 'app.kubernetes.io/managed-by';

export function detectGitOps(
  labels: Record<string, string> | undefined,
  annotations: Record<string, string> | undefined,
): GitOpsManager | undefined {
  const l = labels ?? {};
  const a = annotations ?? {};
  const tracking = a[ARGO_TRACKING_ID];
  if (tracking) return { tool: 'Argo CD', owner: tracking.split(':')[0], evidence: `annotation ${ARGO_TRACKING_ID}` };
  if (l[ARGO_INSTANCE]) return { tool: 'Argo CD', owner: l[ARGO_INSTANCE], evidence: `label ${ARGO_INSTANCE}` };
  const argoMarked =
    /argo/i.test(l[MANAGED_BY] ?? '') || Object.keys(a).some((k) => k.startsWith('argocd.argoproj.io/'));
  if (l[INSTANCE_LABEL] && argoMarked) {
    return { tool: 'Argo CD', owner: l[INSTANCE_LABEL], evidence: `label ${INSTANCE_LABEL}` };
  }
  for (const prefix of ['kustomize.toolkit.fluxcd.io/', 'helm.toolkit.fluxcd.io/']) {
    const key = Object.keys(l).find((k) => k.startsWith(prefix));
    if (key) {
      const name = l[`${prefix}name`];
      const ns = l[`${prefix}namespace`];
      return { tool: 'Flux', owner: name ? (ns ? `${ns}/${name}` : name) : undefined, evidence: `label ${key}` };
    }
  }
  return undefined;
}

/** The sentence shown before confirming a change. */
export function gitOpsWarning(m: GitOpsManager): string {
  const who = m.owner ? `${m.tool} (${m.owner})` : m.tool;
  return `Managed by ${who}, found by ${m.evidence}: its next sync will undo a manual change. Change it in Git instead, or suspend syncing first.`;
}
