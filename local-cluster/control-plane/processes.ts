// Starts and stops the cluster's processes, each detached with a pid file and a log file, so that
// `cluster:down` stops exactly what `cluster:up` started and nothing else.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface ProcessDirs {
  pids: string;
  logs: string;
}

function pidFile(dirs: ProcessDirs, name: string): string {
  return join(dirs.pids, `${name}.pid`);
}

/** The pid recorded for `name` if that process is alive and still runs the command we started. */
export function runningPid(dirs: ProcessDirs, name: string): number | undefined {
  const file = pidFile(dirs, name);
  if (!existsSync(file)) return undefined;
  const [pidText, marker] = readFileSync(file, 'utf8').split('\n');
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    // Guard against pid reuse: the recorded marker must appear in the live command line.
    return marker && cmdline.includes(marker) ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function startProcess(dirs: ProcessDirs, spec: ProcessSpec): number {
  const existing = runningPid(dirs, spec.name);
  if (existing) return existing;
  mkdirSync(dirs.pids, { recursive: true });
  mkdirSync(dirs.logs, { recursive: true });
  const log = openSync(join(dirs.logs, `${spec.name}.log`), 'a');
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    detached: true,
    stdio: ['ignore', log, log],
  });
  if (!child.pid) throw new Error(`could not start ${spec.name} (${spec.command})`);
  child.unref();
  const marker = spec.args.find((a) => a.endsWith('.ts')) ?? spec.command;
  writeFileSync(pidFile(dirs, spec.name), `${child.pid}\n${marker}\n`);
  return child.pid;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function stopProcess(dirs: ProcessDirs, name: string, graceMs = 10_000): Promise<boolean> {
  const pid = runningPid(dirs, name);
  rmSync(pidFile(dirs, name), { force: true });
  if (!pid) return false;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  return true;
}

export function logPath(dirs: ProcessDirs, name: string): string {
  return join(dirs.logs, `${name}.log`);
}

export function tailLog(dirs: ProcessDirs, name: string, lines = 20): string {
  const file = logPath(dirs, name);
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}
