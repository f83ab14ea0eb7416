// Where the machine's CPU went during a window: each process's CPU time (from /proc/<pid>/stat), the
// share of the window in which some runnable task waited for a CPU (/proc/pressure/cpu, "some"), and how
// long the server's main thread itself waited in the run queue (/proc/<pid>/schedstat). At 100k pods the
// cluster's own processes share the same two cores as Wheelhouse; an open-loop tail with the server's
// profile mostly idle is a wait for a CPU, and this says how long and who held it. Linux only; a value
// the kernel does not offer is left out.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { clusterPaths } from '../local-cluster/paths';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ; 100 on Linux). */
const TICKS_PER_S = 100;

export interface CpuSample {
  at: number;
  /** CPU seconds per process name. */
  cpuS: Record<string, number>;
  pressureSomeUs?: number;
  /** The server's main thread: ns on a CPU and ns waiting in the run queue. */
  serverSched?: { runNs: number; waitNs: number };
}

export interface CpuShare {
  seconds: number;
  /** Cores used per process over the window (1 = one core all the time), highest first. */
  cores: { name: string; cores: number }[];
  /** Share of the window in which at least one runnable task waited for a CPU. */
  pressureSomePercent?: number;
  /** The server's main thread: time on a CPU and time runnable but waiting for one, in ms. */
  serverRunMs?: number;
  serverWaitMs?: number;
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** utime + stime of a process, in seconds (fields 14 and 15 of /proc/<pid>/stat, after the comm field). */
export function cpuSecondsOf(stat: string): number | undefined {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? (utime + stime) / TICKS_PER_S : undefined;
}

/** `total=` of the "some" line of /proc/pressure/cpu, in µs. */
export function pressureSomeUs(text: string): number | undefined {
  const m = /^some .*total=(\d+)/m.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** The local cluster's processes by name (its pid files), plus the given ones. */
export function benchProcesses(extra: Record<string, number>): Record<string, number> {
  const dir = clusterPaths().pids;
  const pids: Record<string, number> = {};
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.pid'));
  } catch {
    files = [];
  }
  for (const f of files) {
    const pid = Number((read(join(dir, f)) ?? '').split('\n')[0]);
    if (pid > 0) pids[f.slice(0, -'.pid'.length)] = pid;
  }
  return { ...pids, ...extra };
}

export function sampleCpu(pids: Record<string, number>, serverPid?: number): CpuSample {
  const cpuS: Record<string, number> = {};
  for (const [name, pid] of Object.entries(pids)) {
    const s = read(`/proc/${pid}/stat`);
    const v = s === undefined ? undefined : cpuSecondsOf(s);
    if (v !== undefined) cpuS[name] = v;
  }
  const pressure = read('/proc/pressure/cpu');
  const sched = serverPid ? read(`/proc/${serverPid}/schedstat`)?.trim().split(' ').map(Number) : undefined;
  return {
    at: performance.now(),
    cpuS,
    ...(pressure && pressureSomeUs(pressure) !== undefined ? { pressureSomeUs: pressureSomeUs(pressure) } : {}),
    ...(sched && sched.length >= 2 ? { serverSched: { runNs: sched[0] ?? 0, waitNs: sched[1] ?? 0 } } : {}),
  };
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function cpuShare(a: CpuSample, b: CpuSample): CpuShare {
  const seconds = (b.at - a.at) / 1000;
  const cores = Object.keys(b.cpuS)
    .filter((name) => a.cpuS[name] !== undefined)
    .map((name) => ({ name, cores: round(((b.cpuS[name] ?? 0) - (a.cpuS[name] ?? 0)) / seconds) }))
    .sort((x, y) => y.cores - x.cores);
  const share: CpuShare = { seconds: round(seconds, 1), cores };
  if (a.pressureSomeUs !== undefined && b.pressureSomeUs !== undefined)
    share.pressureSomePercent = round(((b.pressureSomeUs - a.pressureSomeUs) / 1e6 / seconds) * 100, 1);
  if (a.serverSched && b.serverSched) {
    share.serverRunMs = round((b.serverSched.runNs - a.serverSched.runNs) / 1e6, 0);
    share.serverWaitMs = round((b.serverSched.waitNs - a.serverSched.waitNs) / 1e6, 0);
  }
  return share;
}

/** One line for the log and the report. */
export function cpuShareLine(s: CpuShare): string {
  const cores = s.cores
    .filter((c) => c.cores >= 0.01)
    .map((c) => `${c.name} ${c.cores}`)
    .join(', ');
  const parts = [`cores used over ${s.seconds} s: ${cores}`];
  if (s.pressureSomePercent !== undefined)
    parts.push(`some task waited for a CPU ${s.pressureSomePercent}% of the time`);
  if (s.serverWaitMs !== undefined)
    parts.push(`the server's main thread ran ${s.serverRunMs} ms and waited ${s.serverWaitMs} ms for a CPU`);
  return parts.join('; ');
}
