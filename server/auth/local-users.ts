import 'server-only';

import { readFileSync, statSync } from 'node:fs';

import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

// Local accounts from a file (WHEELHOUSE_USERS_FILE, YAML or JSON — YAML is a superset of JSON):
//   users:
//     - name: alice
//       passwordHash: $2b$12$…        # bcrypt (htpasswd -bnBC 12 "" pw | tr -d ':\n', or bcryptjs)
//       groups: [wheelhouse:operators]
// Re-read when the file changes, so adding a person needs no restart.

const bcryptHash = z.string().regex(/^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/, 'must be a bcrypt hash ($2a$/$2b$/$2y$)');

const userSchema = z.object({
  name: z.string().min(1).max(253),
  passwordHash: bcryptHash,
  groups: z.array(z.string().min(1).max(253)).max(200).default([]),
});

export const usersFileSchema = z
  .object({ users: z.array(userSchema).max(10_000) })
  .refine((f) => new Set(f.users.map((u) => u.name)).size === f.users.length, 'user names must be unique');

export type LocalUser = z.infer<typeof userSchema>;

export class UsersFileError extends Error {
  override name = 'UsersFileError';
}

export function parseUsersFile(text: string, source = 'users file'): LocalUser[] {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    throw new UsersFileError(`${source}: not valid YAML/JSON (${(err as Error).message})`);
  }
  const result = usersFileSchema.safeParse(data);
  if (!result.success) throw new UsersFileError(`${source}: ${z.prettifyError(result.error)}`);
  return result.data.users;
}

interface Loaded {
  path: string;
  mtimeMs: number;
  size: number;
  users: Map<string, LocalUser>;
}

let loaded: Loaded | undefined;

export function loadUsers(path: string): Map<string, LocalUser> {
  const stat = statSync(path);
  if (loaded && loaded.path === path && loaded.mtimeMs === stat.mtimeMs && loaded.size === stat.size) {
    return loaded.users;
  }
  const users = parseUsersFile(readFileSync(path, 'utf8'), path);
  loaded = { path, mtimeMs: stat.mtimeMs, size: stat.size, users: new Map(users.map((u) => [u.name, u])) };
  return loaded.users;
}

/** Checks a password against a bcrypt hash (the worker pool in production, password-verifier.ts). */
export type PasswordCheck = (password: string, hash: string) => Promise<boolean>;

/**
 * Compared against when the user does not exist, so an unknown name costs the same bcrypt work as a
 * wrong password and response times do not reveal which names exist. bcrypt's work depends only on
 * the cost in the hash string, so a fixed, well-formed hash of the users' usual cost does it: no
 * hashing at start-up, and no password can match it (it is not the hash of anything).
 */
export function dummyHash(users: Map<string, LocalUser>): string {
  return `$2b$${String(usualCost(users)).padStart(2, '0')}$${'Wheelhouse.no.such.user.dummy.hash.'.padEnd(53, '0')}`;
}

/** The most common cost among the users (10 with none): what an unknown name must cost too. */
function usualCost(users: Map<string, LocalUser>): number {
  const counts = new Map<number, number>();
  for (const user of users.values()) {
    const cost = Number(user.passwordHash.slice(4, 6));
    if (Number.isInteger(cost)) counts.set(cost, (counts.get(cost) ?? 0) + 1);
  }
  let best = 10;
  let most = 0;
  for (const [cost, count] of counts) {
    if (count > most) [best, most] = [cost, count];
  }
  return best;
}

/** The user when name and password match; null otherwise, after the same work either way. */
export async function verifyLocalUser(
  users: Map<string, LocalUser>,
  name: string,
  password: string,
  check: PasswordCheck,
): Promise<LocalUser | null> {
  const user = users.get(name);
  const ok = await check(password, user?.passwordHash ?? dummyHash(users));
  return user && ok ? user : null;
}
