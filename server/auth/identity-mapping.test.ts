import { describe, expect, it } from 'vitest';

import { mapIdentity } from './identity-mapping';

const oidc = { userPrefix: 'oidc:', groupPrefix: 'oidc:' };

describe('mapIdentity', () => {
  it('prefixes user and groups, sorted and de-duplicated', () => {
    expect(mapIdentity({ user: 'carol', groups: ['team-b', 'team-a', 'team-b'] }, oidc, {})).toEqual({
      ok: true,
      identity: { user: 'oidc:carol', groups: ['oidc:team-a', 'oidc:team-b'] },
    });
  });

  it('maps listed groups verbatim, without prefix', () => {
    const result = mapIdentity({ user: 'carol', groups: ['ops', 'dev'] }, oidc, { ops: 'wheelhouse:operators' });
    expect(result).toEqual({
      ok: true,
      identity: { user: 'oidc:carol', groups: ['oidc:dev', 'wheelhouse:operators'] },
    });
  });

  it('accepts a single-string groups claim and no groups at all', () => {
    expect(mapIdentity({ user: 'c', groups: 'ops' }, oidc, {})).toMatchObject({ identity: { groups: ['oidc:ops'] } });
    expect(mapIdentity({ user: 'c', groups: undefined }, oidc, {})).toMatchObject({ identity: { groups: [] } });
  });

  it('never yields system: names unless the operator mapped them', () => {
    const bare = { userPrefix: '', groupPrefix: '' };
    expect(mapIdentity({ user: 'x', groups: ['system:masters', 'dev'] }, bare, {})).toEqual({
      ok: true,
      identity: { user: 'x', groups: ['dev'] },
    });
    expect(mapIdentity({ user: 'system:admin', groups: [] }, bare, {})).toMatchObject({ ok: false });
    expect(mapIdentity({ user: 'x', groups: ['admins'] }, bare, { admins: 'system:masters' })).toMatchObject({
      identity: { groups: ['system:masters'] },
    });
  });

  it('refuses names that cannot travel in an Impersonate-* header', () => {
    expect(mapIdentity({ user: 'eve\r\nImpersonate-Group: system:masters', groups: [] }, oidc, {})).toMatchObject({
      ok: false,
    });
    expect(mapIdentity({ user: '', groups: [] }, oidc, {})).toMatchObject({ ok: false });
    expect(mapIdentity({ user: 42, groups: [] }, oidc, {})).toMatchObject({ ok: false });
    expect(mapIdentity({ user: 'c', groups: ['ok', 'bad\ngroup'] }, oidc, {})).toMatchObject({
      identity: { groups: ['oidc:ok'] },
    });
  });
});

describe('mapIdentity never yields an empty name (an empty Impersonate-User acts as the dashboard)', () => {
  const bare = { userPrefix: '', groupPrefix: '' };
  it.each([[''], ['   '], ['\t\n'], ['\u200B'], ['\u00A0'], ['\uFEFF'], [undefined], [42]])(
    'refuses the user name %j',
    (user) => {
      expect(mapIdentity({ user, groups: ['dev'] }, bare, {})).toMatchObject({ ok: false });
      expect(mapIdentity({ user, groups: ['dev'] }, oidc, {})).toMatchObject({ ok: false });
    },
  );

  it('drops empty and blank groups, also when the group map points at an empty name', () => {
    const result = mapIdentity({ user: 'x', groups: ['', '  ', 'dev', 'ops', '\u200B'] }, bare, { ops: '', dev: ' ' });
    expect(result).toEqual({ ok: true, identity: { user: 'x', groups: [] } });
  });
});
