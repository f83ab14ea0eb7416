import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const alias = {
  '@': root,
  'server-only': fileURLToPath(new URL('./lib/testing/server-only-stub.ts', import.meta.url)),
};

// Two projects: `unit` (pure, fast, beside the code) and `integration` (*.int.test.ts, against the
// real local control plane that `npm run cluster:up` brings up; run one file at a time).
export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['{lib,server,components,local-cluster,bench}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['{app,lib,server,local-cluster,bench,deploy}/**/*.int.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          globalSetup: ['./local-cluster/test/global-setup.ts', './local-cluster/postgres/global-setup.ts'],
        },
      },
    ],
  },
});
