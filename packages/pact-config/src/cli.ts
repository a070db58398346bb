#!/usr/bin/env node
// The `pact-config` command: see `pact-config --help`.
import process from 'node:process';
import { main } from './cli/main.js';

try {
  process.exitCode = main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  });
} catch (e) {
  // A bug, not bad input: say so briefly, without a stack unless asked for.
  process.stderr.write(`pact-config: internal error: ${(e as Error).message}\n`);
  if (process.env.PACT_CONFIG_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
  process.exitCode = 70;
}
