import { describe, expect, it } from 'vitest';

import { pathForCluster } from './cluster-switcher';

describe('pathForCluster', () => {
  it('keeps the page when switching clusters', () => {
    expect(pathForCluster('/c/local/workloads/deployments', 'local', 'eu')).toBe('/c/eu/workloads/deployments');
    expect(pathForCluster('/c/local', 'local', 'eu')).toBe('/c/eu/overview');
  });

  it('does not mistake a longer cluster name for the current one', () => {
    expect(pathForCluster('/c/local-2/pods', 'local', 'eu')).toBe('/c/eu/overview');
  });
});
