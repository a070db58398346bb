#!/usr/bin/env node
// The bench's correctness check, fast enough for the test suites: every contender, run as its
// own process in the bench's tree, prints the same merged configuration as the floor.
// It also checks that pact-config's loads leave nothing behind for V8's old generation:
// once warm, a scavenge should find next to nothing of a finished load still alive. (A
// generator function made inside the load once made every scavenge promote some 340 KB,
// which grew the young generation to its limit and left the load 1.3x the floor's time.)
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

/** Loads run once warm, and the bytes a scavenge may promote per load before it is a finding. */
const RETAIN_LOADS = 6000;
const RETAIN_LIMIT = 64;

/**
 * Bytes promoted to the old generation per warm load of a contender's sync job, from V8's
 * `--trace-gc-nvp` lines (`gc=s` is a scavenge); `undefined` when no scavenge ran.
 */
const promotedPerLoad = (name) =>
  new Promise((resolve) => {
    const script = `globalThis.pactBenchWorker = true;
const m = await import(${JSON.stringify(join(here, 'contenders', `${name}.mjs`))});
for (let i = 0; i < 3000; i++) m.jobSync();
console.log('-- measure');
for (let i = 0; i < ${RETAIN_LOADS}; i++) m.jobSync();
console.log('-- end');`;
    const child = spawn(process.execPath, ['--trace-gc-nvp', '--input-type=module', '-e', script], {
      cwd: fixture.cwd,
      env: fixture.env,
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('close', (status) => {
      const measured = out.split('-- measure')[1]?.split('-- end')[0] ?? '';
      const scavenges = measured.split('\n').filter((l) => / gc=s /.test(l));
      const promoted = scavenges.reduce(
        (sum, l) => sum + Number(/ promoted=(\d+)/.exec(l)?.[1] ?? NaN),
        0,
      );
      resolve(
        status !== 0 || scavenges.length === 0 || Number.isNaN(promoted)
          ? { status, scavenges: scavenges.length }
          : { status, scavenges: scavenges.length, perLoad: promoted / RETAIN_LOADS },
      );
    });
  });

let failed = 0;
try {
  const [results, retained] = await Promise.all([
    Promise.all(CONTENDERS.map((c) => runOne(c.name))),
    promotedPerLoad('pact-config'),
  ]);
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
  const keeps = retained.perLoad;
  const retainOk = keeps !== undefined && keeps <= RETAIN_LIMIT;
  if (!retainOk) failed++;
  console.log(
    `${retainOk ? 'ok  ' : 'FAIL'} pact-config's warm loads promote ${keeps === undefined ? '(unmeasured)' : keeps.toFixed(1)} bytes each to the old generation (limit ${RETAIN_LIMIT}; ${retained.scavenges} scavenges)`,
  );
  if (keeps === undefined) console.log(`     exit ${retained.status}: no scavenge was traced`);
  console.log(`bench check: ${results.length + 1 - failed} passed, ${failed} failed`);
} finally {
  fixture.remove();
}
process.exitCode = failed ? 1 : 0;
