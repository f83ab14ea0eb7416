import { Writable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { createLogger } from '@/server/observability/log';
import { redactString } from '@/server/observability/redact';

// Feeds credentials into the real logger (pino + our hooks) in every shape they reach a log line in,
// and reads back what would be written to stdout.

const JWT = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJhbGljZSIsImdyb3VwcyI6WyJvcHMiXX0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const SECRETS = ['s3cr3t-pass', 'sk-live-123456', 'tok-abcdef-987', 'cookie-value-42', JWT, 'dXNlcjpwYXNzd29yZA=='];

function capture(): {
  lines: () => Record<string, unknown>[];
  raw: () => string;
  log: ReturnType<typeof createLogger>;
} {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const log = createLogger(stream, 'debug');
  return {
    log,
    raw: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

function expectNoSecret(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('log redaction', () => {
  it('redacts secret-named fields at any depth, headers included', () => {
    const out = capture();
    out.log.info(
      {
        password: 's3cr3t-pass',
        req: { headers: { authorization: 'Bearer tok-abcdef-987', cookie: 'next-auth.session-token=cookie-value-42' } },
        provider: { config: { oidc: { clientSecret: 'sk-live-123456', issuer: 'https://idp.example' } } },
        list: [{ deep: { deeper: { apiKey: 'sk-live-123456', kubeToken: JWT } } }],
        headers: new Headers({ Authorization: 'Basic dXNlcjpwYXNzd29yZA==', Accept: 'application/json' }),
      },
      'signing in',
    );
    expectNoSecret(out.raw());
    const [line] = out.lines();
    expect(line).toMatchObject({
      msg: 'signing in',
      password: '[redacted]',
      req: { headers: { authorization: '[redacted]', cookie: '[redacted]' } },
      provider: { config: { oidc: { clientSecret: '[redacted]', issuer: 'https://idp.example' } } },
      list: [{ deep: { deeper: { apiKey: '[redacted]', kubeToken: '[redacted]' } } }],
      headers: { authorization: '[redacted]', accept: 'application/json' },
    });
  });

  it('scrubs tokens, cookies and passwords inside strings, messages and errors (and their causes)', () => {
    const out = capture();
    const cause = new Error(`upstream said: {"password":"s3cr3t-pass"} for https://bob:s3cr3t-pass@idp.example/`);
    const err = Object.assign(new Error(`request failed with Authorization: Bearer ${JWT}`, { cause }), {
      code: 'E_AUTH',
    });
    out.log.error(err);
    out.log.warn({ err, detail: `Cookie: next-auth.session-token=cookie-value-42; theme=dark` }, 'callback failed');
    out.log.info(`redirect to /cb?code=abc&client_secret=sk-live-123456&token=tok-abcdef-987`);
    expectNoSecret(out.raw());
    const [first, second, third] = out.lines();
    expect(first).toMatchObject({ level: 'error', err: { type: 'Error', code: 'E_AUTH' } });
    expect(String(first?.msg)).toContain('Bearer [redacted]');
    expect(JSON.stringify(first?.err)).toContain('"password\\":\\"[redacted]\\"');
    expect(JSON.stringify(first?.err)).toContain('bob:[redacted]@idp.example');
    expect(second).toMatchObject({ msg: 'callback failed', detail: expect.stringContaining('theme=dark') });
    expect(String(third?.msg)).toContain('client_secret=[redacted]&token=[redacted]');
  });

  it('keeps ordinary facts intact', () => {
    const out = capture();
    out.log.info({ cluster: 'local', kind: 'pods', secretName: 'tls-web', tokenCount: 3, durationMs: 12.5 }, 'listed');
    expect(out.lines()[0]).toMatchObject({
      cluster: 'local',
      kind: 'pods',
      secretName: 'tls-web',
      tokenCount: 3,
      durationMs: 12.5,
    });
  });

  it('scans long and hostile strings in linear time', () => {
    const hostile = `${'password'.repeat(50_000)}=${'a'.repeat(50_000)}`;
    const started = performance.now();
    const out = redactString(hostile);
    expect(out.length).toBeLessThan(9_000);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
