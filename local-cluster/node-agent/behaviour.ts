// What a simulated pod does, read from its `sim.wheelhouse.dev/*` annotations (set in pod
// templates by the demo seed). Anything unparsable falls back to the default, never throws:
// a typo in the seed must not stop the agent.
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
} as const;

export const DEFAULTS = {
  readyAfterMs: 2000,
  cpuMillis: 50,
  memoryBytes: 64 * 2 ** 20,
  /** How long a crash-looping container runs before it exits. */
  crashRunMs: 2000,
  /** Back-off between restarts; kubelet's starts at 10 s (and doubles, which we skip). */
  backoffMs: 10_000,
} as const;

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
}

export interface PodBehaviour {
  containers: ContainerPlan[];
  cpuMillis: number;
  memoryBytes: number;
  cpuRamp: CpuRamp | undefined;
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

  const containers = pod.spec.containers.map((c): ContainerPlan => {
    const image = c.image ?? '';
    const crashes = podCrashes || imageTag(image).includes('crashloop');
    const code = crashes && exitCode === 0 ? 1 : exitCode;
    const runForMs = crashes ? (exitAfterMs ?? DEFAULTS.crashRunMs) : exitAfterMs;
    return {
      name: c.name,
      image,
      runForMs,
      exitCode: code,
      restarts: restartsAfter(pod.spec.restartPolicy, code),
      neverReady: crashes,
      readyAfterMs,
      backoffMs: DEFAULTS.backoffMs,
    };
  });

  return {
    containers,
    cpuMillis: parseCpuMillis(a[ANNOTATION.cpu]) ?? DEFAULTS.cpuMillis,
    memoryBytes: parseBytes(a[ANNOTATION.memory]) ?? DEFAULTS.memoryBytes,
    cpuRamp: parseCpuRamp(a[ANNOTATION.cpuRamp]),
  };
}
