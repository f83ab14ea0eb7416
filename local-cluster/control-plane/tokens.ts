// The static token file: who exists in the local cluster. Tokens are random and kept across restarts.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface LocalUser {
  /** kubeconfig context name and the key for the token */
  id: string;
  user: string;
  groups: string[];
}

export const LOCAL_USERS: LocalUser[] = [
  { id: 'admin', user: 'wheelhouse-admin', groups: ['system:masters'] },
  { id: 'alice', user: 'alice', groups: ['wheelhouse:operators'] },
  { id: 'bob', user: 'bob', groups: ['wheelhouse:developers'] },
  { id: 'dashboard', user: 'wheelhouse-dashboard', groups: [] },
  { id: 'controller-manager', user: 'system:kube-controller-manager', groups: [] },
  { id: 'scheduler', user: 'system:kube-scheduler', groups: [] },
];

/** Reads (or creates) the token file; returns id → token. */
export function ensureTokens(file: string): Map<string, string> {
  const existing = new Map<string, string>();
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const [token, user] = line.split(',');
      const u = LOCAL_USERS.find((x) => x.user === user);
      if (token && u) existing.set(u.id, token);
    }
  }
  const lines: string[] = [];
  for (const u of LOCAL_USERS) {
    const token = existing.get(u.id) ?? randomBytes(24).toString('hex');
    existing.set(u.id, token);
    const groups = u.groups.length ? `,"${u.groups.join(',')}"` : '';
    lines.push(`${token},${u.user},${u.user}${groups}`);
  }
  writeFileSync(file, lines.join('\n') + '\n', { mode: 0o600 });
  return existing;
}
