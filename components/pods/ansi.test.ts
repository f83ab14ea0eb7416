import { describe, expect, it } from 'vitest';

import { visibleControls } from '@/components/pods/ansi';

describe('visibleControls', () => {
  it('shows ESC and other control characters instead of interpreting them', () => {
    expect(visibleControls('\u001b[31mERROR\u001b[0m')).toBe('␛[31mERROR␛[0m');
    expect(visibleControls('a\u0007b\tc')).toBe('a\\x07b\tc');
    expect(visibleControls('<script>')).toBe('<script>');
  });
});
