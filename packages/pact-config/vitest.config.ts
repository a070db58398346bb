import { defineConfig } from 'vitest/config';

// CI runs every package's tests at once on two cores: TLS handshakes, child processes and
// the hostile corpus need more than vitest's default 5 s per test under that load.
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 300_000 } });
