#!/usr/bin/env node
// Steady counts of one warm sync job per contender, from valgrind's callgrind with its cache
// and branch simulation: instructions, L1 instruction and data misses, mispredicted branches,
// and those weighed into cycles. Timings on a shared machine move by a tenth from run to run;
// these counts by a few percent (when V8 happens to optimize a function), so they are what
// to judge a change by: run both builds, and trust a difference of more than about 3%.
//
// Usage: node tools/bench/cycles.mjs [contender…]   (default: floor pact-config; after `pnpm build`)
// Needs valgrind (`apt-get install valgrind`). About five minutes a contender on two cores.
//
// Each contender runs twice under callgrind, both times WARM calls first and the second time
// CALLS more; the difference, divided by CALLS, is one job. WARM is large: a function the
// load calls once (such as locateDataHome) is optimized only after some 6,000 loads, and a
// compile inside the counted calls adds several thousand instructions to each.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeFixture } from './fixture.mjs';

const WARM = 12000;
const CALLS = 2000;
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

/** Callgrind's totals for one process: WARM + `extra` calls of a contender's sync job. */
function totals(name, extra) {
  const file = join(out, `${name}-${extra}.out`);
  const script = `globalThis.pactBenchWorker = true;
const m = await import(${JSON.stringify(join(here, 'contenders', `${name}.mjs`))});
for (let i = 0; i < ${WARM + extra}; i++) m.jobSync();`;
  const args = [
    '--tool=callgrind',
    '--cache-sim=yes',
    '--branch-sim=yes',
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
      const text = readFileSync(file, 'utf8');
      const events = /^events: (.+)$/m.exec(text)?.[1].split(' ');
      const sums = /^(?:summary|totals): (.+)$/m.exec(text)?.[1].split(' ').map(Number);
      if (!events || !sums) return reject(new Error(`${name}: no totals in ${file}`));
      resolve(Object.fromEntries(events.map((e, i) => [e, sums[i] ?? 0])));
    });
  });
}

try {
  const rows = [];
  for (const name of names) {
    const [base, more] = await Promise.all([totals(name, 0), totals(name, CALLS)]);
    const per = Object.fromEntries(Object.keys(more).map((e) => [e, (more[e] - base[e]) / CALLS]));
    const cycles = Object.entries(WEIGHT).reduce((sum, [e, w]) => sum + (per[e] ?? 0) * w, 0);
    rows.push({ name, per, cycles });
    console.error(`${name}: done`);
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
