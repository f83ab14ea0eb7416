// What a simulated pod does, read from its `sim.wheelhouse.dev/*` annotations (set in pod
// templates by the demo seed). Anything unparsable falls back to the default, never throws:
// a typo in the seed must not stop the agent.
import { hash32 } from './hash';
import { parseBytes, parseCpuMillis, parseDurationMs } from './quantity';
import type { RawPod } from './types';

export const ANNOTATION = {
  readyAfter: 'sim.wheelhouse.dev/ready-after',
  crashLoop: 'sim.wheelhouse.dev/crash-loop',
  exitAfter: 'sim.wheelhouse.dev/exit-after',
  exitCode: 'sim.wheelhouse.dev/exit-code',
  cpu: 'sim.wheelhouse.dev/cpu',
  memory: 'sim.wheelhouse.dev/memory',
  cpuRamp: 'sim.wheelhouse.dev/cpu-ramp',
  imagePull: 'sim.wheelhouse.dev/image-pull',
  oomAfter: 'sim.wheelhouse.dev/oom-after',
  initExitCode: 'sim.wheelhouse.dev/init-exit-code',
} as const;

export const DEFAULTS = {
  readyAfterMs: 2000,
  cpuMillis: 50,
  memoryBytes: 64 * 2 ** 20,
  /** How long a crash-looping container runs before it exits. */
  crashRunMs: 2000,
  /** kubelet's first back-off between restarts (it doubles from there: timeline.ts). */
  backoffMs: 10_000,
  /** How long an image pull attempt shows ErrImagePull before kubelet backs off (ImagePullBackOff). */
  pullAttemptMs: 2000,
  /**
   * How long an exited container shows its termination (OOMKilled, Error) before kubelet's next sync
   * reports the back-off: kubelet keeps the terminated state until its reason cache holds the
   * CrashLoopBackOff error (kubelet_pods.go convertToAPIContainerStatuses).
   */
  exitedMs: 3000,
  /** How long a failing init container runs before it exits. */
  initRunMs: 2000,
} as const;

/** Kubelet's reason for a container killed by the kernel's OOM killer (exit code 128 + SIGKILL). */
export const OOM_KILLED = { reason: 'OOMKilled', exitCode: 137 } as const;

export interface CpuRamp {
  targetMillis: number;
  durationMs: number;
}

/** One container's life: runs `runForMs` (forever when undefined), then exits; maybe restarts. */
export interface ContainerPlan {
  name: string;
  image: string;
  runForMs: number | undefined;
  exitCode: number;
  restarts: boolean;
  neverReady: boolean;
  readyAfterMs: number;
  backoffMs: number;
  /** `state.terminated.reason` of an exit; default Completed for 0, Error otherwise. */
  exitReason?: string;
  /** How long an exit shows as terminated before the back-off (0: straight to CrashLoopBackOff). */
  exitedMs?: number;
  /**
   * The container never starts: its image cannot be pulled (ErrImagePull ⇄ ImagePullBackOff), or a
   * failing init container keeps it waiting (PodInitializing).
   */
  neverStarts?: 'ImagePull' | 'PodInitializing';
  /**
   * Seeds the pod worker's sync jitter (`syncJitterMs` in timeline.ts), the same for every container
   * of a pod (`podSyncSeed`). None: restarts and pulls at exactly the back-off, for tests that pin
   * kubelet's arithmetic; the agent always sets it.
   */
  syncSeed?: number;
}

/** The seed of a pod's sync jitter: kubelet has one pod worker per pod uid. */
export function podSyncSeed(uid: string): number {
  return hash32(uid);
}

/** The first init container's failure: it exits non-zero and restarts per restartPolicy. */
export interface InitFailure {
  exitCode: number;
  restarts: boolean;
}

export interface PodBehaviour {
  containers: ContainerPlan[];
  cpuMillis: number;
  memoryBytes: number;
  cpuRamp: CpuRamp | undefined;
  initFailure?: InitFailure;
}

/** "800m/300s" → ramp to 800 millicores over 300 s. */
export function parseCpuRamp(text: string | undefined): CpuRamp | undefined {
  if (!text) return undefined;
  const [cpu, duration] = text.split('/');
  const targetMillis = parseCpuMillis(cpu);
  const durationMs = parseDurationMs(duration);
  if (targetMillis === undefined || durationMs === undefined) return undefined;
  return { targetMillis, durationMs };
}

function imageTag(image: string): string {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? image.slice(colon + 1) : '';
}

/** kubelet restarts an exited container per restartPolicy (default Always). */
function restartsAfter(policy: RawPod['spec']['restartPolicy'], exitCode: number): boolean {
  if (policy === 'Never') return false;
  if (policy === 'OnFailure') return exitCode !== 0;
  return true;
}

export function podBehaviour(pod: RawPod): PodBehaviour {
  const a = pod.metadata.annotations ?? {};
  const readyAfterMs = parseDurationMs(a[ANNOTATION.readyAfter]) ?? DEFAULTS.readyAfterMs;
  const exitAfterMs = parseDurationMs(a[ANNOTATION.exitAfter]);
  const exitCodeRaw = Number.parseInt(a[ANNOTATION.exitCode] ?? '', 10);
  const exitCode = Number.isFinite(exitCodeRaw) ? exitCodeRaw : 0;
  const podCrashes = a[ANNOTATION.crashLoop] === 'true';
  const podPullFails = a[ANNOTATION.imagePull] === 'fail';
  const oomAfterMs = parseDurationMs(a[ANNOTATION.oomAfter]);
  const initCode = Number.parseInt(a[ANNOTATION.initExitCode] ?? '', 10);
  const initFailure: InitFailure | undefined =
    pod.spec.initContainers?.length && Number.isFinite(initCode) && initCode !== 0
      ? { exitCode: initCode, restarts: pod.spec.restartPolicy !== 'Never' }
      : undefined;

  const syncSeed = podSyncSeed(pod.metadata.uid);
  const containers = pod.spec.containers.map((c): ContainerPlan => {
    const image = c.image ?? '';
    const tag = imageTag(image);
    const crashes = podCrashes || tag.includes('crashloop');
    const plan: ContainerPlan = {
      name: c.name,
      image,
      runForMs: crashes ? (exitAfterMs ?? DEFAULTS.crashRunMs) : exitAfterMs,
      exitCode: crashes && exitCode === 0 ? 1 : exitCode,
      restarts: false,
      neverReady: crashes,
      readyAfterMs,
      backoffMs: DEFAULTS.backoffMs,
      syncSeed,
    };
    if (oomAfterMs !== undefined) {
      // Killed at the limit after a while, whatever else the pod says; it was serving until then.
      plan.runForMs = oomAfterMs;
      plan.exitCode = OOM_KILLED.exitCode;
      plan.exitReason = OOM_KILLED.reason;
      plan.exitedMs = DEFAULTS.exitedMs;
    }
    plan.restarts = restartsAfter(pod.spec.restartPolicy, plan.exitCode);
    if (initFailure) plan.neverStarts = 'PodInitializing';
    else if (podPullFails || tag.includes('pullfail')) plan.neverStarts = 'ImagePull';
    return plan;
  });

  return {
    containers,
    cpuMillis: parseCpuMillis(a[ANNOTATION.cpu]) ?? DEFAULTS.cpuMillis,
    memoryBytes: parseBytes(a[ANNOTATION.memory]) ?? DEFAULTS.memoryBytes,
    cpuRamp: parseCpuRamp(a[ANNOTATION.cpuRamp]),
    ...(initFailure ? { initFailure } : {}),
  };
}
