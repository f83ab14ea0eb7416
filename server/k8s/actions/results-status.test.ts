import { describe, expect, it } from 'vitest';

import { HttpStatusError } from '@/server/k8s/transport';
import { toKubeError } from '@/server/k8s/errors';

import { errorResult, resultResponse } from './results';

// An action the API server refuses says so with a 4xx, never as "the dashboard failed" (502/500).

const fromApi = (code: number, message: string) =>
  toKubeError(new HttpStatusError(code, JSON.stringify({ kind: 'Status', message, code })), { cluster: 'local' });

describe('action failures from the API server', () => {
  it('a 400 is the request being invalid (422), with the reason', async () => {
    const result = errorResult(fromApi(400, 'spec.replicas: Invalid value'), 'Deployment shop/web');
    expect(result).toMatchObject({ ok: false, code: 'invalid' });
    const res = resultResponse(result);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { message: string }).message).toContain('spec.replicas: Invalid value');
  });

  it("the API server's throttling is a 429, not a failure of the dashboard", () => {
    const result = errorResult(fromApi(429, 'too many requests'), 'Deployment shop/web');
    expect(result).toMatchObject({ ok: false, code: 'rate-limited' });
    expect(resultResponse(result).status).toBe(429);
  });
});
