import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

// The production build the deploy tests run (the standalone output). scripts/test.sh builds before
// the integration tests; run alone, a test builds it once here (WHEELHOUSE_DIST_DIR, default .next).
export async function ensureStandaloneBuild(): Promise<string> {
  const distDir = process.env.WHEELHOUSE_DIST_DIR || '.next';
  const root = resolve(__dirname, '..');
  if (!existsSync(join(root, distDir, 'standalone', 'server.js'))) {
    execFileSync('npx', ['next', 'build'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, WHEELHOUSE_DIST_DIR: distDir },
    });
  }
  return distDir;
}
