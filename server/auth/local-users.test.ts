import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';

import { type PasswordCheck, UsersFileError, dummyHash, parseUsersFile, verifyLocalUser } from './local-users';

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
  // The real comparison, recording which hashes it was given.
  const seen: string[] = [];
  const check: PasswordCheck = (password, h) => {
    seen.push(h);
    return bcrypt.compare(password, h);
  };

  it('returns the user for the right password only', async () => {
    expect(await verifyLocalUser(users, 'alice', 'correct horse', check)).toMatchObject({ name: 'alice' });
    expect(await verifyLocalUser(users, 'alice', 'wrong', check)).toBeNull();
  });

  it("does the same bcrypt work for an unknown user: one compare at the users' cost", async () => {
    seen.length = 0;
    expect(await verifyLocalUser(users, 'mallory', 'correct horse', check)).toBeNull();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^\$2b\$04\$[./A-Za-z0-9]{53}$/);
  });
});

describe('dummyHash', () => {
  it('is a valid bcrypt hash of the most common cost, which no password matches', () => {
    const mixed = new Map(
      parseUsersFile(
        JSON.stringify({
          users: [
            { name: 'a', passwordHash: hash },
            { name: 'b', passwordHash: bcrypt.hashSync('x', 5) },
            { name: 'c', passwordHash: bcrypt.hashSync('y', 5) },
          ],
        }),
      ).map((u) => [u.name, u]),
    );
    const dummy = dummyHash(mixed);
    expect(dummy).toMatch(/^\$2b\$05\$/);
    expect(parseUsersFile(JSON.stringify({ users: [{ name: 'd', passwordHash: dummy }] }))).toHaveLength(1);
    expect(bcrypt.compareSync('', dummy)).toBe(false);
    expect(dummyHash(new Map())).toMatch(/^\$2b\$10\$/);
  });
});
