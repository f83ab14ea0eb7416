import { describe, expect, it } from 'vitest';

import { kubeConfig } from '@/local-cluster/test/kube';
import { kubeJson, kubeStream } from '@/server/k8s/transport';

// An empty Impersonate-User header is no impersonation at all: the API server then acts as the
// dashboard's own identity (CVE-2018-18264's class of bug). The transport must refuse to send such a
// request, whatever a caller passes. Against the real API server, as the dashboard identity.

const dashboard = kubeConfig('dashboard');
// The dashboard may list namespaces cluster-wide; an impersonated nobody may not.
const request = { path: '/api/v1/namespaces', timeoutMs: 5_000 };

describe('impersonation with an empty identity', () => {
  it.each([
    ['an empty user', { user: '', groups: ['wheelhouse:operators'] }],
    ['a blank user', { user: '  \t', groups: [] }],
    ['an empty group', { user: 'bob', groups: ['wheelhouse:developers', ''] }],
  ])('refuses %s before anything is sent', async (_what, impersonate) => {
    await expect(kubeJson(dashboard, { ...request, impersonate })).rejects.toThrow(/impersonat/i);
    await expect(kubeStream(dashboard, { ...request, impersonate })).rejects.toThrow(/impersonat/i);
  });

  it('still sends a real person, and their RBAC decides', async () => {
    await expect(
      kubeJson(dashboard, { ...request, impersonate: { user: 'nobody-h4', groups: [] } }),
    ).rejects.toMatchObject({
      statusCode: 403,
    });
    const list = await kubeJson<{ items: unknown[] }>(dashboard, request);
    expect(list.items.length).toBeGreaterThan(0);
  });
});
