import { describe, expect, it } from 'vitest';

import { base64Bytes, configMapKeys, formatSize, stripSecret, utf8Bytes } from '@/lib/k8s/config-data';
import { LAST_APPLIED } from '@/lib/k8s/object';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('sizes', () => {
  it('counts UTF-8 bytes and decoded base64 bytes', () => {
    expect(utf8Bytes('abc')).toBe(3);
    expect(utf8Bytes('é€😀')).toBe(Buffer.byteLength('é€😀'));
    for (const s of ['', 'a', 'ab', 'abc', 'abcd', 'ünïcödé 😀'])
      expect(base64Bytes(b64(s))).toBe(Buffer.byteLength(s));
    expect(formatSize(12)).toBe('12 B');
    expect(formatSize(1536)).toBe('1.5 KiB');
    expect(formatSize(3 * 1024 * 1024)).toBe('3.0 MiB');
  });

  it('lists a ConfigMap\u2019s data then binaryData keys with sizes', () => {
    const obj = {
      metadata: { name: 'c', uid: 'u', resourceVersion: '1' },
      data: { b: 'xy', a: 'hello' },
      binaryData: { 'logo.png': b64('\x00\x01\x02') },
    };
    expect(configMapKeys(obj)).toEqual([
      { key: 'a', bytes: 5 },
      { key: 'b', bytes: 2 },
      { key: 'logo.png', bytes: 3, binary: true },
    ]);
  });
});

describe('stripSecret', () => {
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: {
      name: 's',
      namespace: 'n',
      uid: 'u',
      resourceVersion: '1',
      annotations: { [LAST_APPLIED]: '{"stringData":{"password":"hunter2-marker"}}', team: 'shop' },
      managedFields: [{ manager: 'kubectl' }],
    },
    data: { password: b64('hunter2-marker'), empty: '' },
    stringData: { extra: 'hunter2-marker-too' },
  };

  it('keeps keys and byte lengths, and no trace of a value', () => {
    const out = stripSecret(secret);
    expect(out.dataBytes).toEqual({ password: 14, empty: 0, extra: 18 });
    expect(out).not.toHaveProperty('data');
    expect(out).not.toHaveProperty('stringData');
    expect(out.metadata.annotations).toEqual({ team: 'shop' });
    const text = JSON.stringify(out);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain(b64('hunter2-marker'));
    expect(text).not.toContain('managedFields');
  });

  it('drops annotations left empty by removing last-applied', () => {
    const applied = { ...secret, metadata: { ...secret.metadata, annotations: { [LAST_APPLIED]: '{}' } } };
    expect(stripSecret(applied).metadata).not.toHaveProperty('annotations');
  });

  it('is idempotent', () => {
    const once = stripSecret(secret);
    expect(stripSecret(once)).toEqual(once);
  });
});
