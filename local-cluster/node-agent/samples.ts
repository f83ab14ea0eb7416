// Point-in-time usage of the containers that are running now, from the same pure timeline the
// status comes from, so metrics agree with what the API shows (no usage while crash-looping).
import type { PodRecord } from './pod-record';
import { profileFor } from './pod-record';
import { containerAt } from './timeline';
import { cpuMillisAt, cpuSecondsBetween, memoryBytesAt } from './usage';

export interface ContainerSample {
  name: string;
  image: string;
  restartCount: number;
  cpuMillis: number;
  memoryBytes: number;
  /** CPU seconds of the current run (cAdvisor's counter restarts with the container). */
  cpuSecondsTotal: number;
}

export function samplePod(rec: PodRecord, startMs: number, now: number): ContainerSample[] {
  const out: ContainerSample[] = [];
  const t = (now - startMs) / 1000;
  for (const plan of rec.behaviour.containers) {
    const { moment } = containerAt(plan, startMs, now);
    if (moment.kind !== 'running') continue;
    const profile = profileFor(rec, plan.name);
    const runStart = (moment.run.startedAt - startMs) / 1000;
    out.push({
      name: plan.name,
      image: plan.image,
      restartCount: moment.run.index,
      cpuMillis: cpuMillisAt(profile, t),
      memoryBytes: memoryBytesAt(profile, t),
      cpuSecondsTotal: cpuSecondsBetween(profile, runStart, t),
    });
  }
  return out;
}
