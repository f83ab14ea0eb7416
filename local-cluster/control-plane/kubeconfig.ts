// Writes the kubeconfigs: the admin one with a context per user, and one per control-plane component.
import { readFileSync, writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { ENDPOINTS } from '../paths';

const CLUSTER = 'wheelhouse-local';

export function kubeconfigYaml(caFile: string, users: { context: string; token: string }[], current: string): string {
  const ca = readFileSync(caFile).toString('base64');
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: CLUSTER, cluster: { server: ENDPOINTS.apiServer, 'certificate-authority-data': ca } }],
    users: users.map((u) => ({ name: u.context, user: { token: u.token } })),
    contexts: users.map((u) => ({ name: u.context, context: { cluster: CLUSTER, user: u.context } })),
    'current-context': current,
  });
}

export function writeKubeconfig(
  file: string,
  caFile: string,
  users: { context: string; token: string }[],
  current: string,
): void {
  writeFileSync(file, kubeconfigYaml(caFile, users, current), { mode: 0o600 });
}
