#!/usr/bin/env node
// The bench's correctness check, fast enough for the test suites: every contender, run as its
// own process in the bench's tree, prints the same merged configuration as the floor.
// Closes with "bench check: N passed, N failed". Usage: node tools/bench/check.mjs
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENDERS, canonical, makeFixture } from './fixture.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = makeFixture();
const runOne = (name) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [join(here, 'contenders', `${name}.mjs`)], {
      cwd: fixture.cwd,
      env: fixture.env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (status) => resolve({ name, status, stdout, stderr }));
  });

let failed = 0;
try {
  const results = await Promise.all(CONTENDERS.map((c) => runOne(c.name)));
  const shape = (r) => {
    try {
      return canonical(JSON.parse(r.stdout));
    } catch {
      return undefined;
    }
  };
  const floor = shape(results.find((r) => r.name === 'floor'));
  const local = JSON.parse(floor ?? '{}');
  // The floor itself must have merged both files: a value from each, the local one winning.
  const floorOk =
    local.ruby?.timeout === 60 && local.ruby?.colour === true && local.js?.consumer?.retries === 5;
  for (const r of results) {
    const ok = r.status === 0 && floorOk && shape(r) === floor;
    if (!ok) failed++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${r.name} prints the merged configuration`);
    if (!ok) console.log(`     exit ${r.status}: ${(r.stderr || r.stdout).split('\n')[0]}`);
  }
  console.log(`bench check: ${results.length - failed} passed, ${failed} failed`);
} finally {
  fixture.remove();
}
process.exitCode = failed ? 1 : 0;
