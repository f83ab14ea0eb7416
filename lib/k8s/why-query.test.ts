import { describe, expect, it } from 'vitest';

import { whyQuerySchema } from '@/lib/k8s/why-query';

describe('whyQuerySchema', () => {
  it('takes a query string as the route receives it; empty optional fields are absent', () => {
    const q = whyQuerySchema.parse({
      verb: 'update',
      group: 'apps',
      resource: 'deployments',
      subresource: '',
      namespace: 'shop-frontend',
      name: 'storefront',
    });
    expect(q.subresource).toBeUndefined();
    expect(whyQuerySchema.parse({ verb: 'get', resource: 'pods' }).group).toBe('');
  });

  it('refuses a verb, resource or namespace Kubernetes would not take', () => {
    expect(whyQuerySchema.safeParse({ verb: 'escalate', resource: 'pods' }).success).toBe(false);
    expect(whyQuerySchema.safeParse({ verb: 'get', resource: 'Pods' }).success).toBe(false);
    expect(whyQuerySchema.safeParse({ verb: 'get', resource: 'pods', namespace: '../x' }).success).toBe(false);
    expect(whyQuerySchema.safeParse({ verb: 'get' }).success).toBe(false);
  });
});
