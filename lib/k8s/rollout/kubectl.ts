// The kubectl command that does what a Wheelhouse action does (issue 15, item 6): shown in every action
// dialog, ready to copy, so an operator can check the change or repeat it from a terminal. Pure.
//
// Words follow kubectl's own commands: `kubectl scale`, `kubectl rollout undo|restart|pause|resume`,
// `kubectl patch hpa`, `kubectl cordon|uncordon|drain`. Abort is Wheelhouse's own (roll back to the last
// good revision, then pause), so it is the two commands kubectl needs for it.

export type KubectlAction =
  | { action: 'scale'; replicas: number }
  | { action: 'rollback'; toRevision: number }
  | { action: 'restart' }
  | { action: 'pause' }
  | { action: 'resume' }
  | { action: 'abort'; toRevision: number }
  | { action: 'hpa-edit'; minReplicas: number; maxReplicas: number }
  | { action: 'cordon' }
  | { action: 'uncordon' }
  | { action: 'drain' };

export interface KubectlTarget {
  /** The Kubernetes kind, e.g. "Deployment", "HorizontalPodAutoscaler", "Node". */
  kind: string;
  namespace?: string;
  name: string;
}

/** A word safe to paste into a POSIX shell: quoted unless it is plainly safe. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function ref(t: KubectlTarget): string {
  return `${t.kind.toLowerCase()}/${t.name}`;
}

function ns(t: KubectlTarget): string[] {
  return t.namespace ? ['-n', t.namespace] : [];
}

function line(words: string[]): string {
  return words.map(shellWord).join(' ');
}

/** One shell line (several joined with &&), as a person would type it. */
export function kubectlCommand(t: KubectlTarget, a: KubectlAction): string {
  switch (a.action) {
    case 'scale':
      return line(['kubectl', 'scale', ref(t), ...ns(t), `--replicas=${a.replicas}`]);
    case 'rollback':
      return line(['kubectl', 'rollout', 'undo', ref(t), ...ns(t), `--to-revision=${a.toRevision}`]);
    case 'restart':
    case 'pause':
    case 'resume':
      return line(['kubectl', 'rollout', a.action, ref(t), ...ns(t)]);
    case 'abort':
      return [
        line(['kubectl', 'rollout', 'undo', ref(t), ...ns(t), `--to-revision=${a.toRevision}`]),
        line(['kubectl', 'rollout', 'pause', ref(t), ...ns(t)]),
      ].join(' && ');
    case 'hpa-edit':
      return line([
        'kubectl',
        'patch',
        `horizontalpodautoscaler/${t.name}`,
        ...ns(t),
        '--type=merge',
        '-p',
        JSON.stringify({ spec: { minReplicas: a.minReplicas, maxReplicas: a.maxReplicas } }),
      ]);
    case 'cordon':
    case 'uncordon':
      return line(['kubectl', a.action, t.name]);
    case 'drain':
      return line(['kubectl', 'drain', t.name, '--ignore-daemonsets', '--delete-emptydir-data']);
  }
}
