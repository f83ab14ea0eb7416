import { describe, expect, it } from 'vitest';

import { isKindId, kindById, KINDS } from '@/lib/k8s/kinds';
import { kindSection, routes } from '@/lib/routes';

describe('the kind registry', () => {
  it('keys every descriptor by its own id, once', () => {
    const ids = KINDS.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const k of KINDS) {
      expect(kindById(k.id)).toBe(k);
      expect(isKindId(k.id)).toBe(true);
    }
    expect(isKindId('backups.demo.wheelhouse.dev')).toBe(false);
    expect(kindById('__proto__')).toBeUndefined();
  });

  it('gives every kind in the sidebar a list page and, with a detail, object pages', () => {
    for (const k of KINDS.filter((x) => x.nav)) {
      expect(kindSection(k.id), k.id).toBe(k.id);
      expect(routes.kindList('local', k.id)).toBe(`/c/local/${k.id}`);
      if (k.detail) {
        const href = routes.object('local', k.id, k.namespaced ? 'ns' : undefined, 'a:b');
        expect(href).toBe(k.namespaced ? `/c/local/${k.id}/ns/a%3Ab` : `/c/local/${k.id}/a%3Ab`);
      }
    }
  });
});
