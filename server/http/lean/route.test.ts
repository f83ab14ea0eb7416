import { readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { leanListRequest, SIBLING_ROUTES } from './route';

const plain = { host: 'localhost', cookie: 'a=b', accept: '*/*' };

describe('leanListRequest', () => {
  it('takes plain GETs of /api/k8s/<cluster>/<kind> with their query', () => {
    const r = leanListRequest('GET', '/api/k8s/local/pods?namespace=a,b&sort=age&order=desc&limit=50', plain);
    expect(r?.cluster).toBe('local');
    expect(r?.kind).toBe('pods');
    expect(r?.searchParams.get('namespace')).toBe('a,b');
    expect(r?.searchParams.get('limit')).toBe('50');
    expect(leanListRequest('GET', '/api/k8s/prod-eu/certificates.cert-manager.io', plain)?.kind).toBe(
      'certificates.cert-manager.io',
    );
  });

  it('reads the query as the route handler does (URL parsing, first of duplicates kept by get)', () => {
    const r = leanListRequest('GET', '/api/k8s/local/pods?q=a b&q=c&x=%E2%9C%93', plain);
    expect(r?.searchParams.get('q')).toBe('a b');
    expect(r?.searchParams.get('x')).toBe('✓');
    expect(r?.searchParams.toString()).toBe(
      new URL('http://h/api/k8s/local/pods?q=a b&q=c&x=%E2%9C%93').searchParams.toString(),
    );
  });

  it('passes on everything else to Next.js', () => {
    for (const [method, url] of [
      ['HEAD', '/api/k8s/local/pods'],
      ['POST', '/api/k8s/local/pods'],
      ['GET', '/api/k8s/local/pods/'],
      ['GET', '/api/k8s/local/pods/default/web-1'],
      ['GET', '/api/k8s/local'],
      ['GET', '/api/k8s/local/Pods'],
      ['GET', '/API/k8s/local/pods'],
      ['GET', '/api/k8s/local/p%6Fds'],
      ['GET', '/api/k8s/local/..'],
      ['GET', '/api/k8s/local/a..b'],
      ['GET', '/api/k8s/local/.pods'],
      ['GET', '//api/k8s/local/pods'],
      ['GET', '/api/k8s/local/attention'],
      ['GET', '/api/k8s/local/_kinds'],
      ['GET', '/api/k8s/local/why?x=1'],
      ['GET', '/c/local/pods'],
    ] as const) {
      expect(leanListRequest(method, url, plain), `${method} ${url}`).toBeNull();
    }
  });

  it('passes on requests that ask Next.js for more than a route answer', () => {
    for (const header of ['rsc', 'next-router-prefetch', 'next-action', 'x-middleware-subrequest', 'x-nextjs-data']) {
      expect(leanListRequest('GET', '/api/k8s/local/pods', { ...plain, [header]: '1' }), header).toBeNull();
    }
  });

  it('knows every static route beside [kind] (a new one must be added to SIBLING_ROUTES)', () => {
    const dir = resolve(__dirname, '..', '..', '..', 'app', 'api', 'k8s', '[cluster]');
    const folders = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('['))
      .map((d) => decodeURIComponent(d.name));
    expect(folders.length).toBeGreaterThan(3);
    expect([...SIBLING_ROUTES].sort()).toEqual(folders.sort());
    expect(existsSync(join(dir, '[kind]', 'route.ts'))).toBe(true);
  });
});
