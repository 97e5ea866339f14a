import { defineConfig } from 'vitest/config';

// Browser tests: start bazaar-node --dev, serve the built app and drive it with headless
// Chromium. One file at a time (each starts its own node); a debug node takes up to a minute to
// start and the recommendation attestation a few blocks more, hence the long timeouts.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 300_000
  }
});
