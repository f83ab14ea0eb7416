import { ApiException, FetchError } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';

import { HttpStatusError } from '@/server/k8s/transport';

import { kubeErrorResponse } from './responses';

// Every failure of a request to the API server becomes an answer whose status says whose problem it
// is: the client's mistake is a 4xx carrying the API server's (sanitized) reason, never a 500.

function status(code: number, message = 'details', reason = 'Whatever') {
  return new HttpStatusError(code, JSON.stringify({ kind: 'Status', status: 'Failure', message, reason, code }));
}

async function answer(err: unknown) {
  const res = kubeErrorResponse(err, 'local');
  const body = (await res.json()) as { error: { kind: string; message: string } };
  return { status: res.status, ...body.error, headers: res.headers };
}

describe('kubeErrorResponse', () => {
  it.each([
    [400, 400, 'invalid'],
    [401, 502, 'unauthorized'],
    [403, 403, 'forbidden'],
    [404, 404, 'not-found'],
    [405, 405, 'invalid'],
    [409, 409, 'conflict'],
    [410, 410, 'gone'],
    [413, 413, 'invalid'],
    [415, 415, 'invalid'],
    [422, 422, 'invalid'],
    [429, 429, 'too-many-requests'],
    [418, 400, 'invalid'],
    [500, 502, 'server-error'],
    [503, 503, 'server-error'],
    [504, 504, 'server-error'],
  ])('maps an API server %d to %d (%s)', async (upstream, expected, kind) => {
    const a = await answer(status(upstream));
    expect(a.status).toBe(expected);
    expect(a.kind).toBe(kind);
    expect(a.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it("carries the API server's reason for a 400 (a container that does not exist)", async () => {
    const a = await answer(status(400, 'container nope is not valid for pod inventory-1', 'BadRequest'));
    expect(a).toMatchObject({
      status: 400,
      kind: 'invalid',
      message:
        'The API server of cluster local refused the request (400): container nope is not valid for pod inventory-1',
    });
  });

  it('works the same for client-node ApiException', async () => {
    const err = new ApiException(400, 'Bad Request', JSON.stringify({ message: 'bad field selector' }), {});
    expect((await answer(err)).status).toBe(400);
  });

  it("keeps the API server's internal detail of a 5xx (node addresses) out of the answer", async () => {
    const a = await answer(
      status(500, 'Get "https://10.0.0.5:10250/containerLogs/a/b/c": dial tcp 10.0.0.5:10250: connect: refused'),
    );
    expect(a).toMatchObject({ status: 502, kind: 'server-error' });
    expect(a.message).not.toContain('10.0.0.5');
  });

  it('maps timeouts to 504 and refused connections to 502', async () => {
    const timeout = Object.assign(new Error('request timed out after 100 ms'), { name: 'RequestTimeoutError' });
    expect((await answer(timeout)).status).toBe(504);
    const refused = new FetchError('request failed', 'system', { code: 'ECONNREFUSED' } as NodeJS.ErrnoException);
    expect(await answer(refused)).toMatchObject({ status: 502, kind: 'unreachable' });
  });

  it('makes control and bidirectional characters in the reason visible and bounds its length', async () => {
    const a = await answer(status(400, `pod "x\u202Egnp.exe" line1\nline2\u0000 ${'y'.repeat(2000)}`));
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(a.message).not.toMatch(/[\u0000-\u001f\u202a-\u202e]/);
    expect(a.message).toContain('⟨U+202E⟩');
    expect(a.message.length).toBeLessThan(600);
  });

  it('tells nothing internal for failures of the dashboard itself: no file paths, no stack', async () => {
    const enoent = Object.assign(new Error("ENOENT: no such file or directory, open '/home/wh/.kube/config'"), {
      code: 'ENOENT',
      path: '/home/wh/.kube/config',
    });
    const unknown = new Error("Cannot find module '/work/main/node_modules/x/index.js'");
    for (const err of [enoent, unknown]) {
      const a = await answer(err);
      expect(a.status).toBe(500);
      expect(a.message).not.toMatch(/\/home|\/work|node_modules|ENOENT/);
      expect(a.message).toMatch(/cluster local/);
    }
  });
});
