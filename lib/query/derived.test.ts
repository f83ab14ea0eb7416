import { describe, expect, it } from 'vitest';

import { certificateHealthOptions, certificateLiveKinds } from '@/lib/query/certificates';
import { derivedFrom, liveKindsOf } from '@/lib/query/derived';

describe('derived queries', () => {
  it('name the cluster:kind pairs they are built from', () => {
    expect(liveKindsOf(derivedFrom('local', ['ingresses', 'certificates']))).toEqual([
      'local:ingresses',
      'local:certificates',
    ]);
    expect(liveKindsOf(undefined)).toEqual([]);
    expect(liveKindsOf({ liveKinds: 'local:pods' })).toEqual([]);
  });

  it('the certificates screen refetches on changes of every kind it joins, subscribing only to served ones', () => {
    expect(liveKindsOf(certificateHealthOptions('local').meta)).toEqual([
      'local:ingresses',
      'local:certificates',
      'local:certificaterequests',
      'local:orders',
      'local:challenges',
    ]);
    expect(certificateLiveKinds({ certManager: false, acme: false })).toEqual(['ingresses']);
    expect(certificateLiveKinds({ certManager: true, acme: false })).toEqual([
      'ingresses',
      'certificates',
      'certificaterequests',
    ]);
  });
});
