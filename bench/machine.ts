import { execFileSync } from 'node:child_process';
import { cpus, hostname, loadavg, release, totalmem, type } from 'node:os';

import { K8S_VERSION } from '../local-cluster/paths';
import { REPO_ROOT } from './server';

// What the numbers were measured on; recorded with every run.

function commit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return 'unknown';
  }
}

export function machineInfo() {
  const cpu = cpus();
  return {
    hostname: hostname(),
    os: `${type()} ${release()}`,
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cpus: cpu.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    kubernetes: K8S_VERSION,
    wheelhouseCommit: commit(),
  };
}
