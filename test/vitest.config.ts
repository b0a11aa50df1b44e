import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// Unit tests are pure and fast; the site tests share one fixture build (global setup) and a real browser; the dev
// tests drive `astro dev` on generated content folders in a real browser.
export default defineConfig({
  test: {
    root,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        // Real builds of small content folders: what the build does with a given input.
        // Groups run one after another: builds, the shared site and dev servers would otherwise compete for two cores.
        test: { name: 'build', include: ['test/build/**/*.test.ts'], environment: 'node', testTimeout: 300_000, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
      {
        extends: true,
        test: {
          name: 'site',
          include: ['test/site/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/site/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 600_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
      {
        extends: true,
        test: {
          name: 'dev',
          include: ['test/dev/**/*.test.ts'],
          environment: 'node',
          // A dev server per file, one at a time: each keeps two cores busy, and dev servers of one project share
          // its .astro/ folder. Last (group 3), so no build competes with the live reloads.
          fileParallelism: false,
          sequence: { groupOrder: 3 },
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
