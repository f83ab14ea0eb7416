import { describe, expect, it } from 'vitest';

import { groupReleases, redactValues, revisionFacts, type HelmRevisionRecord } from '@/lib/k8s/helm';

const release = {
  name: 'web',
  namespace: 'shop',
  version: 2,
  info: {
    first_deployed: '2026-01-01T00:00:00Z',
    last_deployed: '2026-01-02T00:00:00Z',
    status: 'failed',
    description: 'Upgrade failed',
    notes: 'Log in with password marker-config at http://web.shop',
  },
  chart: { metadata: { name: 'nginx', version: '1.2.3', appVersion: '1.25' }, values: { secret: 'marker-chart' } },
  config: { password: 'marker-config' },
  manifest: 'kind: Secret\nstringData: {password: marker-manifest}',
};

describe('revisionFacts', () => {
  it('keeps the public facts, the notes with every value hidden, and drops values and manifest', () => {
    const facts = revisionFacts(release, 'sh.helm.release.v1.web.v2');
    expect(facts).toEqual({
      revision: 2,
      status: 'failed',
      chart: 'nginx',
      chartVersion: '1.2.3',
      appVersion: '1.25',
      updated: '2026-01-02T00:00:00Z',
      firstDeployed: '2026-01-01T00:00:00Z',
      description: 'Upgrade failed',
      notes: 'Log in with password [value hidden] at http://web.shop',
      secret: 'sh.helm.release.v1.web.v2',
    });
    expect(JSON.stringify(facts)).not.toContain('marker');
  });

  it('hides every value of 4 characters or more, longest first, nested and in lists', () => {
    const config = { a: { b: ['s3cret-token', 'token'] }, port: 5432, tag: 'v1' };
    expect(redactValues('token s3cret-token on 5432, tag v1', config)).toBe(
      '[value hidden] [value hidden] on [value hidden], tag v1',
    );
    expect(redactValues('x'.repeat(9000), {}).length).toBe(8 * 1024 + 1);
  });

  it('rejects what is not a Helm 3 release', () => {
    expect(revisionFacts({ name: 'x' }, 's')).toBeUndefined();
    expect(revisionFacts('nope', 's')).toBeUndefined();
  });
});

describe('groupReleases', () => {
  const record = (name: string, revision: number, status: string, createdAt: string): HelmRevisionRecord => ({
    namespace: 'shop',
    release: name,
    uid: `${name}-${revision}`,
    resourceVersion: String(revision * 10),
    createdAt,
    facts: {
      ...(revisionFacts({ ...release, name, version: revision }, `s${revision}`) as NonNullable<
        ReturnType<typeof revisionFacts>
      >),
      status,
    },
  });

  it('takes the highest revision as the release and keeps the history newest first', () => {
    const [web, api] = groupReleases([
      record('web', 1, 'superseded', '2026-01-01T00:00:00Z'),
      record('web', 3, 'deployed', '2026-01-03T00:00:00Z'),
      record('api', 1, 'deployed', '2026-02-01T00:00:00Z'),
      record('web', 2, 'failed', '2026-01-02T00:00:00Z'),
    ]);
    expect(web?.metadata).toMatchObject({ name: 'web', namespace: 'shop', uid: 'web-3', resourceVersion: '30' });
    expect(web?.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(web?.release.revision).toBe(3);
    expect(web?.history.map((h) => [h.revision, h.status])).toEqual([
      [3, 'deployed'],
      [2, 'failed'],
      [1, 'superseded'],
    ]);
    expect(api?.history).toHaveLength(1);
  });
});
