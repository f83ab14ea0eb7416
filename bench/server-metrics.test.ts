import { describe, expect, it } from 'vitest';

import { sampleValue, trimMetrics } from './server-metrics';

// A shortened scrape as prom-client writes it (HELP/TYPE lines, histograms, labels with brackets).
const SCRAPE = `# HELP process_resident_memory_bytes Resident memory size in bytes.
# TYPE process_resident_memory_bytes gauge
process_resident_memory_bytes 512000000
# HELP nodejs_heap_size_total_bytes Process heap size from Node.js in bytes.
# TYPE nodejs_heap_size_total_bytes gauge
nodejs_heap_size_total_bytes 200000000
# HELP wheelhouse_http_request_duration_seconds Time until the response ended.
# TYPE wheelhouse_http_request_duration_seconds histogram
wheelhouse_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/k8s/[cluster]/[kind]",status="200"} 900
wheelhouse_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/api/k8s/[cluster]/[kind]",status="200"} 1000
wheelhouse_http_request_duration_seconds_sum{method="GET",route="/api/k8s/[cluster]/[kind]",status="200"} 4.5
wheelhouse_http_request_duration_seconds_count{method="GET",route="/api/k8s/[cluster]/[kind]",status="200"} 1000
wheelhouse_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/api/k8s/[cluster]/[kind]",status="404"} 1
wheelhouse_http_request_duration_seconds_count{method="GET",route="/api/k8s/[cluster]/[kind]",status="404"} 1
wheelhouse_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/sign-in",status="200"} 3
wheelhouse_http_request_duration_seconds_count{method="GET",route="/sign-in",status="200"} 3
# HELP wheelhouse_k8s_cache_objects Objects held in the shared cache.
# TYPE wheelhouse_k8s_cache_objects gauge
wheelhouse_k8s_cache_objects{cluster="local",kind="pods"} 10032
wheelhouse_k8s_cache_state{cluster="local",kind="pods",state="syncing"} 0
wheelhouse_k8s_cache_state{cluster="local",kind="pods",state="ready"} 1
wheelhouse_k8s_reflector_relists_total{cluster="local",kind="pods"} 0
wheelhouse_k8s_watch_restarts_total{cluster="local",kind="pods",reason="renewal"} 2
wheelhouse_k8s_watch_events_total{cluster="local",kind="pods",type="MODIFIED"} 2000
wheelhouse_access_reviews_total{result="hit"} 12000
wheelhouse_streams_open 0
wheelhouse_signin_total{result="success"} 1
wheelhouse_audit_pending_rows 0
`;

describe('trimMetrics', () => {
  const excerpt = trimMetrics(SCRAPE).split('\n');

  it('keeps the listed series and the list route histogram in a fixed order, without HELP/TYPE lines', () => {
    expect(excerpt).toEqual([
      'wheelhouse_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/k8s/[cluster]/[kind]",status="200"} 900',
      'wheelhouse_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/api/k8s/[cluster]/[kind]",status="200"} 1000',
      'wheelhouse_http_request_duration_seconds_sum{method="GET",route="/api/k8s/[cluster]/[kind]",status="200"} 4.5',
      'wheelhouse_http_request_duration_seconds_count{method="GET",route="/api/k8s/[cluster]/[kind]",status="200"} 1000',
      'wheelhouse_http_request_duration_seconds_count{method="GET",route="/api/k8s/[cluster]/[kind]",status="404"} 1',
      'wheelhouse_k8s_cache_objects{cluster="local",kind="pods"} 10032',
      'wheelhouse_k8s_cache_state{cluster="local",kind="pods",state="ready"} 1',
      'wheelhouse_k8s_reflector_relists_total{cluster="local",kind="pods"} 0',
      'wheelhouse_k8s_watch_restarts_total{cluster="local",kind="pods",reason="renewal"} 2',
      'wheelhouse_access_reviews_total{result="hit"} 12000',
      'wheelhouse_streams_open 0',
      'wheelhouse_signin_total{result="success"} 1',
      'wheelhouse_audit_pending_rows 0',
      'process_resident_memory_bytes 512000000',
    ]);
  });

  it('leaves out other routes, non-2xx buckets, Node heap series, watch events and states not current', () => {
    const joined = excerpt.join('\n');
    expect(joined).not.toMatch(/_bucket.*status="404"/);
    expect(joined).not.toContain('/sign-in');
    expect(joined).not.toContain('nodejs_heap');
    expect(joined).not.toContain('watch_events');
    expect(joined).not.toContain('state="syncing"');
  });

  it('is empty for an empty scrape', () => {
    expect(trimMetrics('')).toBe('');
  });
});

describe('sampleValue', () => {
  it('reads a sample by name and label fragment', () => {
    expect(sampleValue(SCRAPE, 'process_resident_memory_bytes')).toBe(512_000_000);
    expect(sampleValue(SCRAPE, 'wheelhouse_http_request_duration_seconds_count', 'route="/sign-in"')).toBe(3);
    expect(sampleValue(SCRAPE, 'wheelhouse_k8s_cache_objects', 'kind="pods"')).toBe(10032);
  });

  it('is undefined when the series is absent', () => {
    expect(sampleValue(SCRAPE, 'wheelhouse_sessions_revoked_total')).toBeUndefined();
  });
});
