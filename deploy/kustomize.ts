import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

import { parseAllDocuments } from 'yaml';

import { clusterPaths } from '../local-cluster/paths';

// Test helpers for deploy/: render an overlay with `kubectl kustomize` (kustomize v4+ is needed for
// components and `labels`; Debian's kubectl 1.20 bundles v2 — see docs/operations.md) and run kubectl
// against the local cluster. Renders for tests go through a throwaway kustomization that points at the
// real overlay, so the manifests under test are exactly the ones shipped.

export const DEPLOY_DIR = resolve(__dirname);

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

export function kubectl(args: string[], input?: string): { status: number; stdout: string; stderr: string } {
  const r = spawnSync('kubectl', args, {
    input,
    encoding: 'utf8',
    env: { ...process.env, KUBECONFIG: clusterPaths().kubeconfig },
    timeout: 120_000,
  });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function parseObjects(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null);
}

/** `kubectl kustomize <dir>`: the shipped overlay as an operator would render it. */
export function render(dir: string): KubeObject[] {
  const version = execFileSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  const major = Number(/Kustomize Version: v(\d+)/.exec(version)?.[1] ?? 0);
  if (major < 4) {
    throw new Error(`deploy/ needs kubectl with Kustomize v4+ (components, labels); this kubectl has:\n${version}`);
  }
  return parseObjects(execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' }));
}

export interface TestRender {
  /** Directory of the throwaway kustomization (for `kubectl apply -k`). */
  dir: string;
  objects: KubeObject[];
  cleanup(): void;
}

/**
 * An overlay re-rooted for a test: every object in `namespace`, cluster-scoped names prefixed (so a
 * real install is never touched), ServiceAccount subjects of the bindings following both.
 */
export function renderForTest(
  overlay: string,
  opts: { namespace: string; namePrefix: string; components?: string[] },
): TestRender {
  const dir = mkdtempSync(join(tmpdir(), 'wheelhouse-kustomize-'));
  const rel = (p: string) => relative(dir, join(DEPLOY_DIR, p));
  const components = (opts.components ?? []).map((c) => `  - ${rel(`components/${c}`)}`).join('\n');
  writeFileSync(
    join(dir, 'kustomization.yaml'),
    [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      `namePrefix: ${opts.namePrefix}`,
      'resources:',
      `  - ${rel(overlay)}`,
      ...(components ? ['components:', components] : []),
      // The plain `namespace:` field leaves ClusterRoleBinding subjects in the old namespace; this
      // transformer moves them too.
      'transformers:',
      '  - |-',
      '    apiVersion: builtin',
      '    kind: NamespaceTransformer',
      '    metadata:',
      '      name: test-namespace',
      `      namespace: ${opts.namespace}`,
      '    setRoleBindingSubjects: allServiceAccounts',
      '',
    ].join('\n'),
  );
  return { dir, objects: render(dir), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function find(objects: KubeObject[], kind: string, name?: string): KubeObject {
  const o = objects.find((x) => x.kind === kind && (name === undefined || x.metadata.name === name));
  if (!o) throw new Error(`no ${kind}${name ? ` ${name}` : ''} in the rendered manifests`);
  return o;
}
