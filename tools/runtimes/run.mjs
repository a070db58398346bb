#!/usr/bin/env node
// Imports and exercises the built output of every package under Node, Bun and Deno.
// Each package's test/smoke.mjs exports `checks`; tools/runtimes/check.mjs runs them in one runtime.
// Usage: node tools/runtimes/run.mjs [--runtime node|bun|deno]…
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const RUNTIMES = {
  node: [process.execPath],
  bun: [bin('bun')],
  deno: [bin('deno'), 'run', '-A'],
};
const wanted = process.argv.flatMap((a, i, all) => (all[i - 1] === '--runtime' ? [a] : []));
const runtimes = wanted.length ? wanted : Object.keys(RUNTIMES);
const env = { ...process.env, PACT_SMOKE: 'on', DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };

const packages = readdirSync(join(root, 'packages'))
  .filter((p) => existsSync(join(root, 'packages', p, 'test', 'smoke.mjs')))
  .sort();

const jobs = [];
for (const runtime of runtimes) {
  for (const pkg of packages) {
    const cwd = join(root, 'packages', pkg);
    const [cmd, ...args] = RUNTIMES[runtime];
    jobs.push({
      runtime,
      pkg,
      go: () =>
        run(cmd, [...args, join(root, 'tools/runtimes/check.mjs'), 'test/smoke.mjs'], { cwd, env }),
    });
  }
}
// Every package README's first ```js block must run as written (Node), from inside the package;
// the root README's from tools/ (which depends on the packages), in the example project.
const readmes = readdirSync(join(root, 'packages'))
  .sort()
  .map((pkg) => ({ pkg, at: join(root, 'packages', pkg), dir: join(root, 'packages', pkg) }));
readmes.push({
  pkg: '(root)',
  at: root,
  dir: join(root, 'tools'),
  cwd: join(root, 'examples', 'project'),
});
for (const { pkg, at, dir, cwd = dir } of readmes) {
  const readme = join(at, 'README.md');
  if (!existsSync(readme)) continue;
  const code = /```js\n([\s\S]*?)```/.exec(readFileSync(readme, 'utf8'))?.[1];
  jobs.push({
    runtime: 'node',
    pkg,
    go: async () => {
      if (!code)
        return {
          stdout: JSON.stringify([{ name: 'README example', ok: false, error: 'no ```js block' }]),
        };
      const file = join(dir, '.readme-example.mjs');
      writeFileSync(file, code);
      try {
        await run(process.execPath, [file], { cwd, env });
        return { stdout: JSON.stringify([{ name: 'README example runs', ok: true }]) };
      } finally {
        rmSync(file, { force: true });
      }
    },
  });
}
if (runtimes.includes('deno')) {
  jobs.push({
    runtime: 'deno',
    pkg: 'env (no --allow-env, --allow-sys)',
    go: async () => {
      const { stdout } = await run(
        bin('deno'),
        ['run', '--allow-read', 'tools/runtimes/deno-permissions.mjs'],
        {
          cwd: root,
          env,
        },
      );
      const r = JSON.parse(stdout);
      const hints = r.diagnostics.map((d) => `${d.code} ${d.hint}`).join('\n');
      const ok = (name, cond) => ({ name, ok: cond, error: cond ? undefined : hints || stdout });
      return {
        stdout: JSON.stringify([
          ok(
            'names --allow-env instead of throwing NotCapable',
            /runtime-permission.*--allow-env/.test(hints),
          ),
          ok(
            'names --allow-sys for the home directory',
            /runtime-permission.*--allow-sys/.test(hints),
          ),
          ok('carries on with an empty environment', r.env === 0 && r.home === null),
        ]),
      };
    },
  });
}

const results = [];
const slow = [];
const queue = [...jobs];
async function worker() {
  for (let job = queue.shift(); job; job = queue.shift()) {
    const started = performance.now();
    try {
      const { stdout } = await job.go();
      const seconds = (performance.now() - started) / 1000;
      if (seconds > 5) slow.push(`${job.runtime} ${job.pkg}: ${seconds.toFixed(1)} s`);
      for (const c of JSON.parse(stdout.trim().split('\n').at(-1))) results.push({ ...job, ...c });
    } catch (e) {
      results.push({
        ...job,
        name: 'import and run',
        ok: false,
        error: String(e.stderr || e.message),
      });
    }
  }
}
await Promise.all([worker(), worker()]);

results.sort((a, b) => `${a.runtime} ${a.pkg}`.localeCompare(`${b.runtime} ${b.pkg}`));
for (const r of results) {
  console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.runtime.padEnd(5)} ${r.pkg.padEnd(14)} ${r.name}`);
  if (!r.ok) console.log(`     ${r.error.split('\n').slice(0, 8).join('\n     ')}`);
}
if (slow.length) console.log(`slow (over 5 s): ${slow.join('; ')}`);
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`runtimes: ${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
