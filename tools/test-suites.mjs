#!/usr/bin/env node
// The last part of `npm test`: the built packages under Node, Bun and Deno, the
// conformance cases' validation, and the conformance suite through every adapter we
// ship (TypeScript under Node, Bun and Deno, TypeScript on the real disk, Python).
// Each suite prints its own table; the closing line totals them all.
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const ts = 'tools/conformance/adapters/typescript/adapter.mjs';
const reports = 'tools/conformance/reports';
const conformance = (label, adapter, extra = []) => [
  label,
  process.execPath,
  [
    'tools/conformance/run.mjs',
    '--adapter',
    adapter,
    '--strict',
    '--label',
    label,
    '--junit',
    `${reports}/${label}.xml`,
    '--json',
    `${reports}/${label}.json`,
    ...extra,
  ],
];

const suites = [
  ['runtimes', process.execPath, ['tools/runtimes/run.mjs']],
  ['installed', process.execPath, ['tools/runtimes/installed.mjs']],
  ['bench', process.execPath, ['tools/bench/check.mjs']],
  ['cases', process.execPath, ['tools/conformance/validate.mjs']],
  ['runner', process.execPath, ['--test', 'tools/conformance/test/']],
  conformance('node', `"${process.execPath}" ${ts}`),
  conformance('bun', `"${bin('bun')}" ${ts}`),
  conformance('deno', `"${bin('deno')}" run -A ${ts}`),
  conformance('python', `python3 tools/conformance/adapters/python/adapter.py`),
  conformance('real-disk', `"${process.execPath}" ${join(root, ts)} --real`),
];

const COUNT = /(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/;
const NODE_TEST = /^(?:ℹ|#) (pass|fail|skipped) (\d+)/;
const totals = { passed: 0, failed: 0, skipped: 0 };
const summary = [];
const started = performance.now();

for (const [label, cmd, args] of suites) {
  const t0 = performance.now();
  const out = await new Promise((done) => {
    const child = spawn(cmd, args, {
      cwd: root,
      env: { ...process.env, DENO_NO_UPDATE_CHECK: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    child.stdout.on('data', (d) => {
      text += d;
      process.stdout.write(d);
    });
    child.on('close', (code) => done({ code, text }));
  });
  const lines = out.text.trimEnd().split('\n');
  let counts = COUNT.exec(lines.at(-1) ?? '');
  let passed = Number(counts?.[1] ?? 0);
  let failed = Number(counts?.[2] ?? 0);
  let skipped = Number(counts?.[3] ?? 0);
  if (!counts) {
    // node --test closes with "ℹ pass N" (spec) or "# pass N" (TAP) lines.
    for (const line of lines) {
      const m = NODE_TEST.exec(line);
      if (m?.[1] === 'pass') passed = Number(m[2]);
      if (m?.[1] === 'fail') failed = Number(m[2]);
      if (m?.[1] === 'skipped') skipped = Number(m[2]);
      counts ||= m;
    }
  }
  if (out.code !== 0 && failed === 0) failed = 1; // a suite that failed without counting
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  summary.push(
    `${label.padEnd(10)} ${String(passed).padStart(4)} passed ${String(failed).padStart(3)} failed ${String(skipped).padStart(3)} skipped  ${((performance.now() - t0) / 1000).toFixed(1)} s${out.code === 0 ? '' : `  (exit ${out.code})`}`,
  );
}

console.log('\nsuite      result');
for (const line of summary) console.log(line);
console.log(`time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`all: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed ? 1 : 0;
