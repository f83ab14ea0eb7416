import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { defineConfig } from '@playwright/test';

import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './e2e/support/chromium';
import { OIDC_CLIENT } from './e2e/support/test-accounts';

// E2E against the production build in Debian's Chromium (never a downloaded browser). The server
// reads the local cluster's kubeconfig through the usual WHEELHOUSE_* variables (server/env.ts);
// their defaults point at ~/.cache/wheelhouse/cluster/kubeconfig, context "dashboard" (the runner
// hands the server a readable copy of it, as a mounted Secret).
// Sign-in: local users from e2e/support/users.yaml (e2e/fixtures.ts signs in as alice or bob) and a
// real OpenID Connect provider on E2E_PORT + 1000 (e2e/support/oidc-server.ts).
const PORT = Number(process.env.E2E_PORT ?? 3100);
const OIDC_PORT = PORT + 1000;
const DIST_DIR = process.env.WHEELHOUSE_DIST_DIR || '.next';
const baseURL = `http://127.0.0.1:${PORT}`;
const oidcIssuer = `http://127.0.0.1:${OIDC_PORT}`;
const usersFile = join(__dirname, 'e2e', 'support', 'users.yaml');

export default defineConfig({
  testDir: 'e2e',
  // Separate output per parallel run (E2E_OUTPUT_DIR), since Playwright empties it at start.
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results',
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: process.env.E2E_REPORT_DIR ?? 'playwright-report' }]],
  use: {
    baseURL,
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_EXECUTABLE,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: [
    {
      command: `exec npx tsx e2e/support/oidc-server.ts ${OIDC_PORT} ${baseURL}`,
      url: `${oidcIssuer}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: !process.env.CI,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      // The production server as the image runs it (e2e/support/standalone-server.ts): `node server.js`
      // from the standalone output, as uid 10001 when run as root, a read-only app tree, a fresh data
      // dir, only the environment a Deployment would set. scripts/test.sh builds first; build here only
      // when no standalone build exists yet.
      command:
        `([ -f ${DIST_DIR}/standalone/server.js ] || npx next build) && exec npx tsx e2e/support/standalone-server.ts ` +
        `--dist-dir ${DIST_DIR} --port ${PORT} --data-dir ${join(tmpdir(), `wheelhouse-e2e-${PORT}`, 'data')} --fresh-data`,
      url: baseURL,
      timeout: 180_000,
      reuseExistingServer: !process.env.CI,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        NEXT_TELEMETRY_DISABLED: '1',
        WHEELHOUSE_CLUSTER_NAME: process.env.WHEELHOUSE_CLUSTER_NAME ?? 'local',
        // The local cluster's Prometheus (contract 1: demo and tests set it).
        WHEELHOUSE_PROMETHEUS_URL: process.env.WHEELHOUSE_PROMETHEUS_URL ?? 'http://127.0.0.1:9090',
        NEXTAUTH_URL: baseURL,
        // Test-only secret (32+ random characters, as production requires); never used outside e2e.
        NEXTAUTH_SECRET: 'e2e-only-k3Rf9wQ2mZx7Lp4Tn8Vb1Hc6Jd0Ys5Ug',
        WHEELHOUSE_USERS_FILE: usersFile,
        WHEELHOUSE_OIDC_ISSUER: oidcIssuer,
        WHEELHOUSE_OIDC_CLIENT_ID: OIDC_CLIENT.id,
        WHEELHOUSE_OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
        WHEELHOUSE_OIDC_NAME: 'Test IdP',
        WHEELHOUSE_GROUP_MAP: 'ops=wheelhouse:operators,devs=wheelhouse:developers',
        // One JSON line per request would bury the test report; warnings and errors still show.
        // (e2e/operations.spec.ts checks the request log on a server of its own.)
        WHEELHOUSE_LOG_LEVEL: process.env.WHEELHOUSE_LOG_LEVEL ?? 'warn',
      },
    },
  ],
});
