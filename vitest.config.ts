import { defineConfig } from 'vitest/config';

// One vitest project per test speed, so the fast ones can run alone. `npm test` runs them all.
export default defineConfig({
  test: {
    // Lambda runs Node 22; this machine's Node 20 would make the AWS SDK print a notice on every run.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // One DynamoDB Local for the whole run; each file makes its own table.
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Each file starts the local runtime (DynamoDB Local and the HTTP server) on free ports.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
