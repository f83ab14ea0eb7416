import { describe, expect, it } from 'vitest';

import { detectGitOps, gitOpsWarning } from '@/lib/k8s/rollout/gitops';

describe('detectGitOps', () => {
  it('finds Argo CD by tracking-id annotation', () => {
    const m = detectGitOps({}, { 'argocd.argoproj.io/tracking-id': 'shop:apps/Deployment:shop/web' });
    expect(m).toEqual({ tool: 'Argo CD', owner: 'shop', evidence: 'annotation argocd.argoproj.io/tracking-id' });
    expect(gitOpsWarning(m!)).toContain('Argo CD (shop)');
  });

  it('finds Argo CD label tracking only with an Argo CD marker (Helm sets the same label)', () => {
    expect(detectGitOps({ 'app.kubernetes.io/instance': 'shop' }, {})).toBeUndefined();
    expect(
      detectGitOps({ 'app.kubernetes.io/instance': 'shop', 'app.kubernetes.io/managed-by': 'argocd' }, {}),
    ).toMatchObject({ tool: 'Argo CD', owner: 'shop' });
    expect(
      detectGitOps({ 'app.kubernetes.io/instance': 'shop' }, { 'argocd.argoproj.io/sync-wave': '1' }),
    ).toMatchObject({ tool: 'Argo CD' });
  });

  it('finds Flux kustomize and helm controllers by label', () => {
    expect(
      detectGitOps(
        { 'kustomize.toolkit.fluxcd.io/name': 'apps', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system' },
        {},
      ),
    ).toMatchObject({ tool: 'Flux', owner: 'flux-system/apps' });
    expect(detectGitOps({ 'helm.toolkit.fluxcd.io/name': 'podinfo' }, undefined)).toMatchObject({
      tool: 'Flux',
      owner: 'podinfo',
    });
  });

  it('says nothing for a plain object', () => {
    expect(detectGitOps({ app: 'x', 'app.kubernetes.io/managed-by': 'Helm' }, {})).toBeUndefined();
  });
});
