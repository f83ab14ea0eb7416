// The node-drain scenario of issue 15 ("drain a node with a PDB that blocks one eviction until another
// pod is ready elsewhere"), shared by the integration test and the e2e test. On two throwaway nodes
// (extra-nodes.ts) — the real nodes are never drained:
//   - <prefix>1 schedulable, <prefix>2 cordoned while the Deployment starts, so both replicas land on 1;
//   - Deployment `web` (2 replicas, Ready 8 s after start) tolerates their taint and may run only there;
//   - PDB `web` (policy/v1beta1, minAvailable 1): with 2 healthy pods, one disruption is allowed.
// Then <prefix>2 is uncordoned: draining <prefix>1 evicts the first pod at once; the second is refused
// (429) until the first one's replacement is Ready on <prefix>2.
import { clients, createNamespace, deleteNamespace, deployment, mergePatch, waitFor } from './kube';
import { startExtraNodes, type ExtraNodes } from './extra-nodes';

export interface DrainScenario {
  namespace: string;
  nodes: ExtraNodes;
  /** The node to drain and the one the replacements go to. */
  source: string;
  target: string;
  podsOn(node: string): Promise<{ name: string; ready: boolean }[]>;
  cleanup(): Promise<void>;
}

export async function setUpDrainScenario(prefix: string, ports: [number, number, number]): Promise<DrainScenario> {
  const admin = clients('admin');
  const nodes = await startExtraNodes({ prefix, count: 2, cordoned: [2], ports });
  const [source, target] = nodes.names as [string, string];
  let namespace = '';
  const cleanup = async () => {
    if (namespace) await deleteNamespace(admin, namespace, true).catch(() => undefined);
    await nodes.stop();
  };
  try {
    namespace = await createNamespace(admin, 'drain');
    const web = deployment('web', { replicas: 2, annotations: { 'sim.wheelhouse.dev/ready-after': '8s' } });
    web.spec!.template.spec!.tolerations = [nodes.toleration];
    web.spec!.template.spec!.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: nodes.names }] },
          ],
        },
      },
    };
    await admin.apps.createNamespacedDeployment({ namespace, body: web });
    await admin.custom.createNamespacedCustomObject({
      group: 'policy',
      version: 'v1beta1',
      namespace,
      plural: 'poddisruptionbudgets',
      body: {
        apiVersion: 'policy/v1beta1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'web' },
        spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
      },
    });
    const podsOn = async (node: string) => {
      const list = await admin.core.listNamespacedPod({ namespace, fieldSelector: `spec.nodeName=${node}` });
      return list.items
        .filter((p) => !p.metadata?.deletionTimestamp)
        .map((p) => ({
          name: p.metadata!.name!,
          ready: p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true,
        }));
    };
    await waitFor(
      async () => (await podsOn(source)).filter((p) => p.ready).length === 2,
      90_000,
      `2 Ready web pods on ${source}`,
      1000,
    );
    await waitFor(
      async () => {
        const pdb = (await admin.custom.getNamespacedCustomObject({
          group: 'policy',
          version: 'v1beta1',
          namespace,
          plural: 'poddisruptionbudgets',
          name: 'web',
        })) as { status?: { disruptionsAllowed?: number } };
        return pdb.status?.disruptionsAllowed === 1;
      },
      60_000,
      'PDB web to allow 1 disruption',
      1000,
    );
    await admin.core.patchNode({ name: target, body: { spec: { unschedulable: null } } }, mergePatch);
    return { namespace, nodes, source, target, podsOn, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
