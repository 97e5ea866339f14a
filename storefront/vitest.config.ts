import { defineConfig } from 'vitest/config';

// Unit tests: pure modules (sealing, decoding, formatting, errors, filters), no node, no browser.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node'
  }
});
