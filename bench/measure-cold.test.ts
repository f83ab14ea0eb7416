import { describe, expect, it } from 'vitest';

import { continueToken } from './measure-cold';

describe('continueToken', () => {
  it('finds the token in the list metadata', () => {
    const body =
      '{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"12","continue":"eyJ2Ijoi"},"items":[';
    expect(continueToken(body)).toBe('eyJ2Ijoi');
  });

  it('is empty on the last page', () => {
    expect(continueToken('{"kind":"PodList","metadata":{"resourceVersion":"12"},"items":[]}')).toBe('');
  });
});
