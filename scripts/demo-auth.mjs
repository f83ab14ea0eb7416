// Demo sign-in material, generated once and kept under $WHEELHOUSE_HOME/demo-auth (0600 files):
// a NEXTAUTH_SECRET, and local users alice (operators) and bob (developers) with random passwords
// stored as bcrypt hashes in users.yaml. Prints shell `export` lines for scripts/demo.sh to eval.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

import bcrypt from 'bcryptjs';

const home = process.env.WHEELHOUSE_HOME || join(homedir(), '.cache', 'wheelhouse');
const dir = join(home, 'demo-auth');
mkdirSync(dir, { recursive: true, mode: 0o700 });
chmodSync(dir, 0o700);

function secretFile(name, make) {
  const path = join(dir, name);
  if (!existsSync(path)) writeFileSync(path, make(), { mode: 0o600 });
  chmodSync(path, 0o600);
  return readFileSync(path, 'utf8').trim();
}

const secret = secretFile('nextauth-secret', () => randomBytes(32).toString('base64url'));
const people = { alice: ['wheelhouse:operators'], bob: ['wheelhouse:developers'] };
const passwords = JSON.parse(
  secretFile('passwords.json', () =>
    JSON.stringify(Object.fromEntries(Object.keys(people).map((n) => [n, randomBytes(12).toString('base64url')]))),
  ),
);
const usersFile = join(dir, 'users.yaml');
if (!existsSync(usersFile)) {
  const lines = ['# Demo users (scripts/demo-auth.mjs). Passwords: passwords.json beside this file.', 'users:'];
  for (const [name, groups] of Object.entries(people)) {
    lines.push(`  - name: ${name}`, `    passwordHash: '${bcrypt.hashSync(passwords[name], 12)}'`);
    lines.push(`    groups: [${groups.join(', ')}]`);
  }
  writeFileSync(usersFile, `${lines.join('\n')}\n`, { mode: 0o600 });
}
chmodSync(usersFile, 0o600);

const q = (v) => `'${String(v).replace(/'/g, `'\\''`)}'`;
console.log(`export NEXTAUTH_SECRET=${q(secret)}`);
console.log(`export WHEELHOUSE_USERS_FILE=${q(usersFile)}`);
console.log(`export DEMO_ALICE_PASSWORD=${q(passwords.alice)}`);
console.log(`export DEMO_BOB_PASSWORD=${q(passwords.bob)}`);
console.log(`export DEMO_AUTH_DIR=${q(dir)}`);
