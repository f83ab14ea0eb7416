import bcrypt from 'bcryptjs';
import { describe, expect, it, vi } from 'vitest';

import { UsersFileError, parseUsersFile, verifyLocalUser } from './local-users';

const hash = bcrypt.hashSync('correct horse', 4);

describe('parseUsersFile', () => {
  it('reads YAML and JSON', () => {
    const yaml = `users:\n  - name: alice\n    passwordHash: '${hash}'\n    groups: [wheelhouse:operators]\n`;
    expect(parseUsersFile(yaml)).toEqual([{ name: 'alice', passwordHash: hash, groups: ['wheelhouse:operators'] }]);
    const json = JSON.stringify({ users: [{ name: 'bob', passwordHash: hash }] });
    expect(parseUsersFile(json)).toEqual([{ name: 'bob', passwordHash: hash, groups: [] }]);
  });

  it('refuses plain-text passwords, duplicates and junk with a clear message', () => {
    expect(() => parseUsersFile('users: [{name: a, passwordHash: hunter2}]')).toThrow(/bcrypt/);
    const dup = JSON.stringify({
      users: [
        { name: 'a', passwordHash: hash },
        { name: 'a', passwordHash: hash },
      ],
    });
    expect(() => parseUsersFile(dup)).toThrow(/unique/);
    expect(() => parseUsersFile('users: [')).toThrow(UsersFileError);
  });
});

describe('verifyLocalUser', () => {
  const users = new Map(
    parseUsersFile(JSON.stringify({ users: [{ name: 'alice', passwordHash: hash }] })).map((u) => [u.name, u]),
  );

  it('returns the user for the right password only', async () => {
    expect(await verifyLocalUser(users, 'alice', 'correct horse')).toMatchObject({ name: 'alice' });
    expect(await verifyLocalUser(users, 'alice', 'wrong')).toBeNull();
  });

  it('does the same bcrypt work for an unknown user', async () => {
    // Spy without replacing behaviour: an unknown user must still cost one real bcrypt compare.
    const spy = vi.spyOn(bcrypt, 'compare');
    try {
      expect(await verifyLocalUser(users, 'mallory', 'correct horse')).toBeNull();
      expect(spy).toHaveBeenCalledTimes(1);
      expect(spy.mock.calls[0]?.[1]).toMatch(/^\$2[aby]\$04\$/);
    } finally {
      spy.mockRestore();
    }
  });
});
