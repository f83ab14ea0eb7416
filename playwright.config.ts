import { defineConfig } from '@playwright/test';

// E2E against the production build in Debian's Chromium (never a downloaded browser). The server
// reads the local cluster's kubeconfig through the usual WHEELHOUSE_* variables (server/env.ts);
// their defaults point at ~/.cache/wheelhouse/cluster/kubeconfig, context "dashboard".
const PORT = Number(process.env.E2E_PORT ?? 3100);
const DIST_DIR = process.env.WHEELHOUSE_DIST_DIR || '.next';
const baseURL = `http://127.0.0.1:${PORT}`;

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
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    // scripts/test.sh builds first; build here only when no build exists yet.
    command: `([ -f ${DIST_DIR}/BUILD_ID ] || npx next build) && exec npx next start -H 127.0.0.1 -p ${PORT}`,
    url: baseURL,
    timeout: 180_000,
    reuseExistingServer: !process.env.CI,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      NEXT_TELEMETRY_DISABLED: '1',
      WHEELHOUSE_CLUSTER_NAME: process.env.WHEELHOUSE_CLUSTER_NAME ?? 'local',
    },
  },
});
