#!/usr/bin/env node
// Steady counts of one warm sync job per contender, from valgrind's callgrind with its cache
// and branch simulation: instructions, L1 instruction and data misses, mispredicted branches,
// and those weighed into cycles. Timings on a shared machine move by a tenth from run to run;
// these counts by a few percent (when V8 happens to optimize a function), so they are what
// to judge a change by: run both builds, and trust a difference of more than about 3%.
//
// Usage: node tools/bench/cycles.mjs [contender…]   (default: floor pact-config; after `pnpm build`)
// Needs valgrind (`apt-get install valgrind`). About five minutes a contender; two at a time.
//
// Each contender runs once under callgrind: WARM calls, then CALLS calls between two calls
// that mark the window (os.uptime() zeroes the counters, os.loadavg() writes them out; no
// contender calls either), so the counts are those of CALLS warm calls and nothing else.
// (Counting two processes, WARM and WARM + CALLS calls, and taking the difference, once
// put a change at 16% fewer cycles where this way gives 2%: the two processes had done
// different one-off work, a compile or a collection, inside their warm-up.) WARM is large:
// a function the load calls once (such as locateDataHome) is optimized only after some
// 6,000 loads, and a compile inside the counted calls adds thousands of instructions to each.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeFixture } from './fixture.mjs';

const WARM = 12000;
const CALLS = 4000;
/** Rough cycle weights: an instruction, a mispredicted branch, an L1 miss (instruction or data read), a data write miss. */
const WEIGHT = { Ir: 0.4, Bcm: 15, Bim: 15, I1mr: 10, D1mr: 10, D1mw: 5 };

const here = dirname(fileURLToPath(import.meta.url));
const names = process.argv.slice(2);
if (names.length === 0) names.push('floor', 'pact-config');
if (spawnSync('valgrind', ['--version']).status !== 0) {
  console.error('cycles.mjs needs valgrind: apt-get install valgrind');
  process.exit(2);
}

const fixture = makeFixture();
const out = mkdtempSync(join(tmpdir(), 'pact-cycles-'));

/** Callgrind's counts of CALLS warm calls of a contender's sync job, per call. */
function perCall(name) {
  const file = join(out, `${name}.out`);
  const script = `globalThis.pactBenchWorker = true;
import { loadavg, uptime } from 'node:os';
const m = await import(${JSON.stringify(join(here, 'contenders', `${name}.mjs`))});
for (let i = 0; i < ${WARM}; i++) m.jobSync();
uptime();
for (let i = 0; i < ${CALLS}; i++) m.jobSync();
loadavg();`;
  const args = [
    '--tool=callgrind',
    '--cache-sim=yes',
    '--branch-sim=yes',
    '--zero-before=uv_uptime',
    '--dump-before=uv_loadavg',
    `--callgrind-out-file=${file}`,
    process.execPath,
    '--single-threaded',
    '--input-type=module',
    '-e',
    script,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('valgrind', args, { cwd: fixture.cwd, env: fixture.env });
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('close', (status) => {
      if (status !== 0) return reject(new Error(`${name}: exit ${status}\n${err.slice(-2000)}`));
      // The dump made at os.loadavg() is the first, `<file>.1`.
      let text;
      try {
        text = readFileSync(`${file}.1`, 'utf8');
      } catch {
        return reject(new Error(`${name}: callgrind wrote no dump at os.loadavg()`));
      }
      const events = /^events: (.+)$/m.exec(text)?.[1].split(' ');
      const sums = /^(?:summary|totals): (.+)$/m.exec(text)?.[1].split(' ').map(Number);
      if (!events || !sums) return reject(new Error(`${name}: no totals in ${file}.1`));
      resolve(Object.fromEntries(events.map((e, i) => [e, (sums[i] ?? 0) / CALLS])));
    });
  });
}

try {
  const rows = [];
  // Two at a time: callgrind runs one thread, and the counts do not depend on the timing.
  for (let i = 0; i < names.length; i += 2) {
    const batch = names.slice(i, i + 2);
    const counts = await Promise.all(batch.map(perCall));
    batch.forEach((name, j) => {
      const per = counts[j];
      const cycles = Object.entries(WEIGHT).reduce((sum, [e, w]) => sum + (per[e] ?? 0) * w, 0);
      rows.push({ name, per, cycles });
      console.error(`${name}: done`);
    });
  }
  const first = rows[0];
  const k = (x) => `${(x / 1000).toFixed(1)}k`;
  console.log(
    '| contender | instructions | I1 misses | D1 misses | mispredicted | cycles (weighed) | ÷ first |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    const p = r.per;
    console.log(
      `| ${r.name} | ${k(p.Ir)} | ${k(p.I1mr)} | ${k(p.D1mr)} | ${k(p.Bcm + p.Bim)} | ${k(r.cycles)} | ${(r.cycles / first.cycles).toFixed(3)} |`,
    );
  }
} finally {
  fixture.remove();
  rmSync(out, { recursive: true, force: true });
}
