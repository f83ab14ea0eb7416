import { describe, expect, it } from 'vitest';

import { shortImageName } from './image';

describe('shortImageName', () => {
  it.each([
    ['nginx', 'nginx'],
    ['nginx:1.27', 'nginx:1.27'],
    ['grafana/grafana:10.0.1', 'grafana:10.0.1'],
    ['registry.example.test/shop/payments:2.1.0-crashloop', 'payments:2.1.0-crashloop'],
    // A registry port is not a tag.
    ['localhost:5000/app', 'app'],
    ['localhost:5000/team/app:v2', 'app:v2'],
    [
      'quay.io/org/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      'app@sha256:0123456789ab',
    ],
    ['app:v1@sha256:0123456789abcdef0123', 'app:v1@sha256:0123456789ab'],
  ])('%s → %s', (image, expected) => {
    expect(shortImageName(image)).toBe(expected);
  });
});
