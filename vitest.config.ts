import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Tests share one built index under a temporary directory; files run one at a time on 2 cores.
    fileParallelism: false,
    globalSetup: ["tests/helpers/global-setup.ts"],
  },
});
