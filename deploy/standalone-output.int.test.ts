import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { prepareStandalone } from '../e2e/support/standalone-server';

import { ensureStandaloneBuild } from './standalone-build';

// Issue 10 §1: the standalone output is what the image ships. It holds no dev dependency (per the
// lock file's own `dev` flags), no image optimizer, no checkout sources; its native better-sqlite3 loads.

const ROOT = resolve(__dirname, '..');
let app: string;

/** Top-level package names in a node_modules directory (scoped ones as @scope/name). */
function packages(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => !n.startsWith('.'))
    .flatMap((n) => (n.startsWith('@') ? readdirSync(join(dir, n)).map((m) => `${n}/${m}`) : [n]));
}

beforeAll(async () => {
  app = await prepareStandalone(await ensureStandaloneBuild());
}, 600_000);

describe('the standalone output', () => {
  it('has no dev dependency', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean }>;
    };
    const shipped = packages(join(app, 'node_modules'));
    expect(shipped.length).toBeGreaterThan(10);
    const dev = shipped.filter((name) => lock.packages[`node_modules/${name}`]?.dev === true);
    expect(dev).toEqual([]);
    for (const name of ['next', 'react', 'better-sqlite3', '@kubernetes/client-node', 'pg'])
      expect(shipped).toContain(name);
    for (const name of ['sharp', '@img/sharp-linux-x64', 'typescript', 'vitest', '@playwright/test', 'eslint']) {
      expect(shipped).not.toContain(name);
    }
  });

  it('holds only server.js, package.json, node_modules, the build and public/', () => {
    const top = readdirSync(app).filter((n) => n !== '.prepared');
    const distDir = process.env.WHEELHOUSE_DIST_DIR || '.next';
    expect(top.sort()).toEqual([distDir, 'node_modules', 'package.json', 'public', 'server.js'].sort());
    expect(existsSync(join(app, distDir, 'static'))).toBe(true);
    expect(existsSync(join(app, 'public', 'favicon.ico'))).toBe(true);
  });

  it('loads the native better-sqlite3 it ships', () => {
    const out = execFileSync(
      process.execPath,
      ['-e', "const db = require('better-sqlite3')(':memory:'); console.log(db.prepare('select 41 + 1 as n').get().n)"],
      { cwd: app, encoding: 'utf8' },
    );
    expect(out.trim()).toBe('42');
  });
});
