// Run by Deno with only --allow-read: runtimeHost() must name the missing permissions
// as diagnostics, never throw NotCapable.
import { runtimeHost } from '../../packages/env/dist/index.js';

const { host, diagnostics } = runtimeHost();
process.stdout.write(
  `${JSON.stringify({ env: Object.keys(host.env).length, home: host.home ?? null, cwd: host.cwd ?? null, diagnostics })}\n`,
);
