// The words kubectl prints for storage objects (kubernetes/kubernetes pkg/printers/internalversion/
// printers.go printPersistentVolume, printPersistentVolumeClaim, printStorageClass, v1.31; access
// modes from pkg/apis/core/helper GetAccessModesAsString; the default class from
// pkg/apis/storage/util IsDefaultAnnotation).

/** kubectl's abbreviations, in kubectl's order (each printed once, whatever order the object lists). */
const ACCESS_MODES: readonly [mode: string, short: string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** "RWO,RWX"; "" without modes (kubectl prints an empty cell). */
export function accessModesText(modes: readonly string[] | undefined): string {
  const have = new Set(modes ?? []);
  return ACCESS_MODES.filter(([mode]) => have.has(mode))
    .map(([, short]) => short)
    .join(',');
}

/** In words for a detail page: "ReadWriteOnce (RWO): one node mounts it read-write". */
export function accessModeWords(mode: string): string {
  switch (mode) {
    case 'ReadWriteOnce':
      return 'RWO: read-write by one node';
    case 'ReadOnlyMany':
      return 'ROX: read-only by many nodes';
    case 'ReadWriteMany':
      return 'RWX: read-write by many nodes';
    case 'ReadWriteOncePod':
      return 'RWOP: read-write by one pod';
    default:
      return mode;
  }
}

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
const BETA_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';

/** IsDefaultAnnotation: either annotation set to exactly "true". */
export function isDefaultClass(annotations: Record<string, string> | undefined): boolean {
  return annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true' || annotations?.[BETA_DEFAULT_CLASS_ANNOTATION] === 'true';
}

const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** GetPersistentVolumeClaimClass / GetPersistentVolumeClass: the beta annotation wins, then the field. */
export function storageClassOf(
  annotations: Record<string, string> | undefined,
  storageClassName: string | undefined,
): string {
  return annotations?.[BETA_CLASS_ANNOTATION] ?? storageClassName ?? '';
}

/** STATUS: the phase, or "Terminating" once deletion has started (as kubectl prints both). */
export function storagePhase(phase: string | undefined, deletionTimestamp: string | undefined): string {
  return deletionTimestamp ? 'Terminating' : (phase ?? 'Pending');
}

/** Bound/Available are fine; Pending/Released wait on someone; Failed/Lost are broken. */
export function storagePhaseTone(phase: string): 'green' | 'blue' | 'amber' | 'red' | 'slate' {
  switch (phase) {
    case 'Bound':
      return 'green';
    case 'Available':
      return 'blue';
    case 'Pending':
    case 'Released':
    case 'Terminating':
      return 'amber';
    case 'Failed':
    case 'Lost':
      return 'red';
    default:
      return 'slate';
  }
}

export interface PendingClaim {
  storageClass: string;
  request: string;
  accessModes: readonly string[];
  volumeName?: string;
  /** `volume.kubernetes.io/selected-node`: the scheduler picked a node for a WaitForFirstConsumer claim. */
  selectedNode?: string;
}

/**
 * Why a claim is still Pending, in words for an operator. The PV controller binds a claim to an
 * Available volume of the same class with at least the requested size and every requested access
 * mode; failing that, the class's provisioner must make one (none does for kubernetes.io/no-provisioner).
 */
export function pendingClaimReason(c: PendingClaim): string {
  if (c.volumeName)
    return `Waiting for volume ${c.volumeName}, which the claim names: it does not exist or is bound to another claim.`;
  const modes = accessModesText(c.accessModes) || 'any access mode';
  const cls = c.storageClass ? `class ${c.storageClass}` : 'no class';
  const want = `${cls}, at least ${c.request || 'the requested size'}, ${modes}`;
  if (c.selectedNode)
    return `No volume bound yet: node ${c.selectedNode} was picked for it; waiting for the provisioner to make a volume (${want}).`;
  return (
    `No PersistentVolume matches (${want}) and no provisioner has made one. Create a matching volume or use a ` +
    'class with a provisioner. (A class that binds WaitForFirstConsumer also waits for a pod to use the claim.)'
  );
}
