// A Deployment whose revision 1 read configuration that has moved on since (issue 15, rollback
// completeness), shared by the integration test and the e2e: revision 1 reads ConfigMap app-config
// (envFrom) and old-config (a volume), and optionally Secret app-secret (env); revision 2 changes the
// image and drops the volume; then app-config is edited as `kubectl edit` would (its own field
// manager, so the change has a time of its own) and old-config is deleted.
import { deployment, waitFor, type Clients } from './kube';

export async function createRollbackScenario(
  admin: Clients,
  ns: string,
  opts: { secretValue?: string } = {},
): Promise<void> {
  const revisions = async () => (await admin.apps.listNamespacedReplicaSet({ namespace: ns })).items.length;
  await admin.core.createNamespacedConfigMap({
    namespace: ns,
    body: { metadata: { name: 'app-config' }, data: { MODE: 'a' } },
  });
  await admin.core.createNamespacedConfigMap({
    namespace: ns,
    body: { metadata: { name: 'old-config' }, data: { X: '1' } },
  });
  if (opts.secretValue) {
    await admin.core.createNamespacedSecret({
      namespace: ns,
      body: { metadata: { name: 'app-secret' }, stringData: { password: opts.secretValue } },
    });
  }
  const d = deployment('web', { image: 'shop/web:1.0', replicas: 1 });
  const c = d.spec!.template.spec!.containers[0]!;
  c.envFrom = [{ configMapRef: { name: 'app-config' } }];
  if (opts.secretValue) {
    c.env = [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'app-secret', key: 'password' } } }];
  }
  d.spec!.template.spec!.volumes = [{ name: 'old', configMap: { name: 'old-config' } }];
  await admin.apps.createNamespacedDeployment({ namespace: ns, body: d });
  await waitFor(async () => (await revisions()) === 1, 30_000, 'revision 1');
  await new Promise((r) => setTimeout(r, 1100)); // managedFields times have one-second resolution
  await admin.apps.patchNamespacedDeployment({
    name: 'web',
    namespace: ns,
    body: [
      { op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'shop/web:2.0' },
      { op: 'remove', path: '/spec/template/spec/volumes' },
    ],
  });
  await waitFor(async () => (await revisions()) === 2, 30_000, 'revision 2');
  await new Promise((r) => setTimeout(r, 1100));
  await admin.core.patchNamespacedConfigMap({
    name: 'app-config',
    namespace: ns,
    fieldManager: 'kubectl-edit',
    body: [{ op: 'replace', path: '/data/MODE', value: 'b' }],
  });
  await admin.core.deleteNamespacedConfigMap({ name: 'old-config', namespace: ns });
}
