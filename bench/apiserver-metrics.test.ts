import { describe, expect, it } from 'vitest';

import {
  diffCounts,
  openWatches,
  parseSamples,
  requestCounts,
  requestKey,
  total,
  totalForVerb,
} from './apiserver-metrics';

const BEFORE = `# HELP apiserver_request_total [STABLE] Counter of apiserver requests
# TYPE apiserver_request_total counter
apiserver_request_total{code="200",component="apiserver",contentType="application/json",dry_run="",group="",resource="pods",scope="cluster",subresource="",verb="LIST",version="v1"} 1
apiserver_request_total{code="200",component="apiserver",contentType="application/vnd.kubernetes.protobuf",dry_run="",group="",resource="pods",scope="cluster",subresource="",verb="LIST",version="v1"} 3
apiserver_request_total{code="200",component="apiserver",contentType="application/json",dry_run="",group="",resource="pods",scope="resource",subresource="status",verb="PATCH",version="v1"} 48
apiserver_request_total{code="201",component="apiserver",contentType="application/json",dry_run="",group="authorization.k8s.io",resource="subjectaccessreviews",scope="cluster",subresource="",verb="POST",version="v1"} 2
apiserver_longrunning_gauge{component="apiserver",group="",resource="pods",scope="cluster",subresource="",verb="WATCH",version="v1"} 4
apiserver_longrunning_gauge{component="apiserver",group="",resource="pods",scope="namespace",subresource="",verb="WATCH",version="v1"} 1
apiserver_longrunning_gauge{component="apiserver",group="",resource="pods",scope="resource",subresource="log",verb="GET",version="v1"} 2
apiserver_request_duration_seconds_bucket{verb="LIST",le="0.1"} 9
`;

const AFTER = BEFORE.replace('verb="LIST",version="v1"} 3', 'verb="LIST",version="v1"} 5')
  .replace('verb="POST",version="v1"} 2', 'verb="POST",version="v1"} 7')
  .concat(
    'apiserver_request_total{code="200",component="apiserver",contentType="application/json",dry_run="",group="apps",resource="deployments",scope="namespace",subresource="",verb="WATCH",version="v1"} 1\n',
  );

describe('parseSamples', () => {
  it('reads names, labels and values of the wanted families only', () => {
    const s = parseSamples(BEFORE, new Set(['apiserver_longrunning_gauge']));
    expect(s).toHaveLength(3);
    expect(s[0]).toMatchObject({ name: 'apiserver_longrunning_gauge', value: 4 });
    expect(s[0]?.labels).toMatchObject({ resource: 'pods', verb: 'WATCH', scope: 'cluster', group: '' });
  });

  it('unescapes label values', () => {
    const [s] = parseSamples('m{a="x\\"y"} 2\n', new Set(['m']));
    expect(s?.labels.a).toBe('x"y');
  });
});

describe('request counts', () => {
  it('sums over codes, scopes and content types per verb and resource', () => {
    expect(requestCounts(BEFORE)).toEqual({
      'LIST pods': 4,
      'PATCH pods/status': 48,
      'POST subjectaccessreviews': 2,
    });
  });

  it('diffs two scrapes, keeping only what changed', () => {
    const d = diffCounts(requestCounts(BEFORE), requestCounts(AFTER));
    expect(d).toEqual({ 'LIST pods': 2, 'POST subjectaccessreviews': 5, 'WATCH deployments': 1 });
    expect(total(d)).toBe(8);
    expect(totalForVerb(d, 'LIST')).toBe(2);
    expect(totalForVerb(d, 'GET')).toBe(0);
  });

  it('names requests without a resource', () => {
    expect(requestKey({ verb: 'GET', resource: '' })).toBe('GET (none)');
  });
});

describe('openWatches', () => {
  it('counts open WATCH requests per resource, ignoring other long-running requests', () => {
    expect(openWatches(BEFORE)).toEqual({ pods: 5 });
  });
});
