#!/usr/bin/env node
// Steady counts of one warm sync job per contender, from valgrind's callgrind with its cache
// and branch simulation: instructions, L1 instruction and data misses, mispredicted branches,
// and those weighed into cycles. Timings on a shared machine move by a tenth from run to run;
// these counts by a few percent (when V8 happens to optimize a function), so they are what
// to judge a change by: run both builds, and trust a difference of more than about 3%.
//
// Usage: node tools/bench/cycles.mjs [--functions N] [contender…]
//   (default: floor pact-config; after `pnpm build`). Needs valgrind (`apt-get install
//   valgrind`). About five minutes a contender; two at a time. --functions N also prints
//   each contender's N costliest functions, JavaScript ones by name: node writes V8's map of
//   its compiled code (--perf-basic-prof), and callgrind's per-instruction counts are
//   matched against it (the generated code is otherwise one anonymous lump).
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
const argv = process.argv.slice(2);
const at = argv.indexOf('--functions');
const TOP = at < 0 ? 0 : Number(argv.splice(at, 2)[1]);
if (!(TOP >= 0)) {
  console.error('--functions takes a number: how many functions to print per contender');
  process.exit(2);
}
const names = argv;
if (names.length === 0) names.push('floor', 'pact-config');
if (spawnSync('valgrind', ['--version']).status !== 0) {
  console.error('cycles.mjs needs valgrind: apt-get install valgrind');
  process.exit(2);
}

const fixture = makeFixture();
const out = mkdtempSync(join(tmpdir(), 'pact-cycles-'));

/** Callgrind's counts of CALLS warm calls of a contender's sync job, per call (and by function, with TOP). */
function perCall(name) {
  const file = join(out, `${name}.out`);
  const script = `globalThis.pactBenchWorker = true;
import { loadavg, uptime } from 'node:os';
import { writeFileSync } from 'node:fs';
writeFileSync(${JSON.stringify(`${file}.pid`)}, String(process.pid));
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
    ...(TOP ? ['--dump-instr=yes', '--compress-pos=no', '--compress-strings=no'] : []),
    `--callgrind-out-file=${file}`,
    process.execPath,
    ...(TOP ? ['--perf-basic-prof'] : []),
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
      const per = Object.fromEntries(events.map((e, i) => [e, (sums[i] ?? 0) / CALLS]));
      resolve({ per, functions: TOP ? byFunction(text, events, `${file}.pid`) : [] });
    });
  });
}

const weigh = (per) => Object.entries(WEIGHT).reduce((sum, [e, w]) => sum + (per[e] ?? 0) * w, 0);

/**
 * The counts of one callgrind dump (made with --dump-instr=yes, uncompressed) by function,
 * per call: code V8 generated is named from node's perf map (`/tmp/perf-<pid>.map`, lines
 * of hex start, hex size, name), the rest by callgrind's own function names.
 */
function byFunction(text, events, pidFile) {
  const pid = readFileSync(pidFile, 'utf8').trim();
  const mapFile = `/tmp/perf-${pid}.map`;
  const ranges = [];
  for (const line of readFileSync(mapFile, 'utf8').split('\n')) {
    const m = /^([0-9a-f]+) ([0-9a-f]+) (.+)$/.exec(line);
    if (m) ranges.push([Number.parseInt(m[1], 16), Number.parseInt(m[2], 16), m[3]]);
  }
  rmSync(mapFile, { force: true });
  ranges.sort((a, b) => a[0] - b[0]);
  const nameAt = (address) => {
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid][0] <= address) lo = mid + 1;
      else hi = mid - 1;
    }
    const r = ranges[hi];
    return r && address < r[0] + r[1] ? r[2] : undefined;
  };
  const positions = (/^positions: (.+)$/m.exec(text)?.[1].split(' ') ?? ['line']).length;
  const totals = new Map();
  let fn = '?';
  let callLine = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('fn=')) fn = line.slice(3);
    else if (line.startsWith('calls=')) callLine = true;
    else if (line.startsWith('0x')) {
      // The line after calls= holds the call's inclusive cost: counted in the callee.
      if (callLine) {
        callLine = false;
        continue;
      }
      const parts = line.split(' ');
      const name = nameAt(Number.parseInt(parts[0], 16)) ?? `C++ ${fn}`;
      let sum = totals.get(name);
      if (!sum) {
        sum = {};
        totals.set(name, sum);
      }
      for (let i = 0; i < events.length; i++) {
        sum[events[i]] = (sum[events[i]] ?? 0) + Number(parts[positions + i] ?? 0) / CALLS;
      }
    }
  }
  return [...totals]
    .map(([name, per]) => ({ name, per, cycles: weigh(per) }))
    .sort((a, b) => b.cycles - a.cycles)
    .slice(0, TOP);
}

try {
  const rows = [];
  // Two at a time: callgrind runs one thread, and the counts do not depend on the timing.
  for (let i = 0; i < names.length; i += 2) {
    const batch = names.slice(i, i + 2);
    const counts = await Promise.all(batch.map(perCall));
    batch.forEach((name, j) => {
      const { per, functions } = counts[j];
      rows.push({ name, per, cycles: weigh(per), functions });
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
  for (const r of rows.filter((row) => row.functions.length > 0)) {
    console.log(`\n${r.name}: the ${TOP} costliest functions, per call\n`);
    console.log('| function | instructions | I1 misses | mispredicted | cycles (weighed) |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const f of r.functions) {
      const p = f.per;
      const name = f.name.replace(/\|/g, '\\|').slice(0, 100);
      console.log(
        `| ${name} | ${k(p.Ir ?? 0)} | ${k(p.I1mr ?? 0)} | ${k((p.Bcm ?? 0) + (p.Bim ?? 0))} | ${k(f.cycles)} |`,
      );
    }
  }
} finally {
  fixture.remove();
  rmSync(out, { recursive: true, force: true });
}
