// Rollback completeness against the real local cluster: a Deployment whose revision 1 read a ConfigMap
// that has changed since, a ConfigMap deleted since, and a Secret; checked as alice (operators: view,
// may not get Secrets) and as admin. Metadata only: no Secret value in any answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { clients, createNamespace, deleteNamespace } from '@/local-cluster/test/kube';
import { createRollbackScenario } from '@/local-cluster/test/rollback-scenario';
import { rollbackCheck } from '@/server/k8s/actions/rollback-check';
import { userKube } from '@/server/k8s/actions/user-kube';
import { KubeError } from '@/server/k8s/errors';

const admin = clients('admin');
const alice = { user: 'alice', groups: ['wheelhouse:operators'] };
const root = { user: 'admin', groups: ['system:masters'] };
const SECRET_VALUE = 'rollback-check-secret-value-q8z';
let ns = '';

beforeAll(async () => {
  ns = await createNamespace(admin, 'rollback-check');
  await createRollbackScenario(admin, ns, { secretValue: SECRET_VALUE });
}, 90_000);

afterAll(async () => {
  if (ns) await deleteNamespace(admin, ns);
});

describe('rollback completeness', () => {
  // On 1.20 an unchanged object cannot be told from one edited in place by its own manager (managedFields
  // times move on value-only edits since 1.25), so the Secret reads "unknown", never a false "unchanged".
  it('as admin: the changed ConfigMap, the missing one, the Secret it cannot vouch for, and the image', async () => {
    const r = await rollbackCheck(userKube({ name: 'local' }, root), 'deployments', ns, 'web', 1);
    const byName = Object.fromEntries(r.items.map((i) => [i.name, i.verdict]));
    expect(byName).toEqual({ 'app-config': 'changed', 'app-secret': 'unknown', 'old-config': 'missing' });
    expect(r.blocking).toBe(true);
    expect(r.images).toEqual([{ container: 'app', now: 'shop/web:2.0', target: 'shop/web:1.0' }]);
    expect(JSON.stringify(r)).not.toContain(SECRET_VALUE);
    expect(JSON.stringify(r)).not.toContain(Buffer.from(SECRET_VALUE).toString('base64'));
  });

  it('as alice, who may not get Secrets: says so instead of guessing', async () => {
    const r = await rollbackCheck(userKube({ name: 'local' }, alice), 'deployments', ns, 'web', 1);
    expect(r.items.find((i) => i.name === 'app-secret')?.verdict).toBe('forbidden');
    expect(r.items.find((i) => i.name === 'app-config')?.verdict).toBe('changed');
  });

  it('a revision that is not in the history is a 404', async () => {
    const err = await rollbackCheck(userKube({ name: 'local' }, root), 'deployments', ns, 'web', 9).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(KubeError);
    expect((err as KubeError).status).toBe(404);
  });
});
