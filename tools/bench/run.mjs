#!/usr/bin/env node
// The benchmark: pact-config's main job side by side with c12, cosmiconfig and lilconfig and
// the floor (node:fs + smol-toml), as ratios to the floor in the same run (medians of
// interleaved runs). Writes tools/bench/RESULTS.md. Usage: node tools/bench/run.mjs [--quick]
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENDERS, canonical, makeFixture } from './fixture.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 5 : 15;
const WARM_PROCESSES = quick ? 1 : 9;
const started = Date.now();
const fixture = makeFixture();
const log = (...a) => console.error(`[${((Date.now() - started) / 1000).toFixed(0)}s]`, ...a);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const shuffle = (xs) => [...xs].sort(() => Math.random() - 0.5);
const contender = (name) => join(here, 'contenders', `${name}.mjs`);
const RUNTIMES = {
  node: [process.execPath],
  bun: [bin('bun')],
  deno: [bin('deno'), 'run', '-A'],
};
const run = (argv, options = {}) =>
  spawnSync(argv[0], argv.slice(1), {
    cwd: fixture.cwd,
    env: fixture.env,
    encoding: 'utf8',
    ...options,
  });
const version = (argv) => {
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' });
  return (r.stdout || r.stderr || '').split('\n')[0].trim();
};

/** Cold: whole processes, interleaved; median wall time in ms per command. */
function cold(commands, rounds, cwd = fixture.cwd) {
  const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const key of shuffle(Object.keys(commands))) {
      const t0 = process.hrtime.bigint();
      const res = run(commands[key], { cwd });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (res.status !== 0) throw new Error(`${key}: exit ${res.status}: ${res.stderr}`);
      samples[key].push(ms);
    }
  }
  const ms = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
  // Ratios to the floor are taken round by round (a round runs every command once, within a
  // second or two), then their median: the machine's load drifts over a run, and a ratio
  // within one round does not see the drift.
  const ratio = samples.floor
    ? Object.fromEntries(
        Object.entries(samples).map(([k, v]) => [k, median(v.map((x, r) => x / samples.floor[r]))]),
      )
    : {};
  return { ms, ratio };
}

/** Warm: one process per runtime, every contender's job in interleaved loops. */
function warmOnce(runtime, names) {
  // Sync and async forms in separate processes: the promise and thread-pool work of the
  // async loops would otherwise weigh on the sync ones.
  const out = {};
  for (const mode of ['sync', 'async']) {
    const res = run([
      ...RUNTIMES[runtime],
      join(here, 'worker.mjs'),
      String(ROUNDS),
      '25',
      mode,
      ...names,
    ]);
    if (res.status !== 0) throw new Error(`warm ${runtime}: ${res.stderr}`);
    for (const [name, m] of Object.entries(JSON.parse(res.stdout.trim().split('\n').pop()))) {
      out[name] = { ...out[name], ...m };
    }
  }
  return out;
}

/**
 * Warm, in WARM_PROCESSES processes (one figure from one process moves by a tenth or more on
 * a shared machine): for each name the median of its µs per call, and the median of its
 * per-process ratios to the floor timed in the same process.
 */
function warm(runtime, names) {
  const runs = Array.from({ length: WARM_PROCESSES }, () => warmOnce(runtime, names));
  const out = {};
  for (const name of names) {
    out[name] = {};
    for (const mode of ['sync', 'async']) {
      const own = runs.map((r) => r[name]?.[mode]).filter((x) => x !== undefined);
      if (own.length === 0) continue;
      out[name][mode] = median(own);
      out[name][`${mode}Ratio`] = median(runs.map((r) => r[name][mode] / r.floor[mode]));
      out[name][`${mode}Floors`] = runs.map((r) => r.floor[mode]);
    }
  }
  return out;
}

// 1. Every contender prints the same JSON.
log('checking that every contender prints the same JSON');
const expected = canonical(JSON.parse(run(RUNTIMES.node.concat(contender('floor'))).stdout));
for (const c of CONTENDERS) {
  const out = run(RUNTIMES.node.concat(contender(c.name)));
  if (out.status !== 0 || canonical(JSON.parse(out.stdout)) !== expected) {
    throw new Error(`${c.name} does not print the floor's JSON:\n${out.stdout}${out.stderr}`);
  }
}

// 2. Cold processes under Node (with `node -e ""` as the start-up floor), Bun and Deno.
log('cold processes (Node)');
const { ms: coldNode, ratio: coldNodeRatio } = cold(
  {
    empty: [process.execPath, '-e', ''],
    ...Object.fromEntries(CONTENDERS.map((c) => [c.name, [process.execPath, contender(c.name)]])),
  },
  ROUNDS,
);
log('cold processes (Bun, Deno)');
const otherRuntimes = {};
for (const rt of ['bun', 'deno']) {
  otherRuntimes[rt] = { cold: {}, warm: {} };
  try {
    ({ ms: otherRuntimes[rt].cold, ratio: otherRuntimes[rt].coldRatio } = cold(
      {
        empty: rt === 'bun' ? [bin('bun'), '-e', ''] : [bin('deno'), 'eval', ''],
        floor: [...RUNTIMES[rt], contender('floor')],
        'pact-config': [...RUNTIMES[rt], contender('pact-config')],
      },
      ROUNDS,
    ));
    otherRuntimes[rt].warm = warm(rt, ['floor', 'pact-config']);
  } catch (e) {
    otherRuntimes[rt].error = String(e.message ?? e).split('\n')[0];
  }
}

// 3. Warm calls under Node.
log('warm calls (Node)');
// One process per contender, with the floor beside it: a library's code and heap in the
// same process slow the others down (the floor too), so each ratio is taken against the
// floor measured in the contender's own process. The floor's own figure is the median of
// its figures across those processes.
const warmNode = {};
const floorFigures = { sync: [], async: [] };
for (const c of CONTENDERS) {
  if (c.name === 'floor') continue;
  const w = warm('node', ['floor', c.name]);
  warmNode[c.name] = w[c.name];
  for (const mode of ['sync', 'async'])
    floorFigures[mode].push(...(w.floor[`${mode}Floors`] ?? []));
}
warmNode.floor = {
  sync: median(floorFigures.sync),
  async: median(floorFigures.async),
  syncRatio: 1,
  asyncRatio: 1,
};

// 4. File-system calls, with strace.
log('file-system calls (strace)');
const FS_CALLS = new Set([
  'open',
  'openat',
  'openat2',
  'close',
  'read',
  'pread64',
  'readv',
  'fstat',
  'newfstatat',
  'statx',
  'stat',
  'lstat',
  'access',
  'faccessat',
  'faccessat2',
  'readlink',
  'readlinkat',
  'getdents64',
  'lseek',
]);
const hasStrace = spawnSync('strace', ['-V']).status === 0;
const syscalls = {};
if (!hasStrace) {
  log('strace is not installed: the file-system call counts are skipped (apt-get install strace)');
} else {
  const traceDir = mkdtempSync(join(tmpdir(), 'pact-bench-strace-'));
  const summary = (argv) => {
    const file = join(traceDir, 'summary.txt');
    run(['strace', '-f', '-c', '-o', file, ...argv]);
    let calls = 0;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const cols = line.trim().split(/\s+/);
      const name = cols[cols.length - 1];
      if (FS_CALLS.has(name)) calls += Number(cols[3]);
    }
    return calls;
  };
  // The job alone: the calls between two marker stats, after the imports.
  const job = (name, mode) => {
    const file = join(traceDir, `${name}-${mode}.txt`);
    run([
      'strace',
      '-f',
      '-qq',
      '-o',
      file,
      process.execPath,
      join(here, 'strace-job.mjs'),
      name,
      mode,
    ]);
    const lines = readFileSync(file, 'utf8').split('\n');
    const begin = lines.findIndex((l) => l.includes('/pact-bench-marker-begin'));
    const end = lines.findIndex((l) => l.includes('/pact-bench-marker-end'));
    const counts = { stat: 0, open: 0, read: 0, other: 0, listings: 0, total: 0 };
    const fileFds = new Set();
    const pending = new Map();
    for (const raw of lines.slice(begin + 1, end)) {
      let line = raw.replace(/^\d+\s+/, '');
      const pid = raw.split(/\s+/)[0];
      if (line.includes('<unfinished ...>')) {
        pending.set(pid, line.replace(/\s*<unfinished \.\.\.>$/, ''));
        continue;
      }
      const resumed = /^<\.\.\. (\w+) resumed>(.*)$/.exec(line);
      if (resumed) line = (pending.get(pid) ?? `${resumed[1]}(`) + resumed[2];
      const m = /^(\w+)\((.*)\)\s+=\s+(-?\d+)/.exec(line);
      if (!m || !FS_CALLS.has(m[1])) continue;
      const [, name, args, ret] = m;
      const fd = args.split(',')[0];
      if (name.startsWith('open')) {
        counts.open++;
        if (args.includes('O_DIRECTORY')) counts.listings++;
        if (Number(ret) >= 0) fileFds.add(ret);
      } else if (/stat|access|readlink/.test(name) && !/^fstat$/.test(name)) {
        if (name === 'newfstatat' && args.includes('AT_EMPTY_PATH')) {
          if (!fileFds.has(fd)) continue;
          counts.other++;
        } else counts.stat++;
      } else if (fileFds.has(fd)) {
        if (name === 'getdents64') counts.listings++;
        if (name === 'read' || name === 'pread64' || name === 'readv') counts.read++;
        else counts.other++;
      } else continue;
      counts.total++;
    }
    return counts;
  };
  const empty = summary([process.execPath, '-e', '']);
  for (const c of CONTENDERS) {
    syscalls[c.name] = {
      process: summary([process.execPath, contender(c.name)]) - empty,
      ...(c.sync && { sync: job(c.name, 'sync') }),
      ...(c.async && { async: job(c.name, 'async') }),
    };
  }
  rmSync(traceDir, { recursive: true, force: true });
}

// 5. Import cost of each package alone (from tools/, where they are installed).
log('import cost');
const PACKAGES = [
  'pact-config',
  '@pact-config/toml-config',
  'c12',
  'cosmiconfig',
  'lilconfig',
  'smol-toml',
];
const toolsDir = join(root, 'tools');
const importCold = cold(
  {
    empty: [process.execPath, '--input-type=module', '-e', ''],
    ...Object.fromEntries(
      PACKAGES.map((p) => [p, [process.execPath, '--input-type=module', '-e', `import '${p}';`]]),
    ),
  },
  ROUNDS,
  toolsDir,
).ms;
// What the facade's import loads of Node's network code.
const NET = /^NativeModule (tls|_tls_\w+|https|http|_http_\w+|net|dns|crypto)$/;
const netProbe = spawnSync(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    // The list is taken before console.log is touched: stdout on a pipe loads `net` itself.
    "const before = new Set(process.moduleLoadList); await import('pact-config'); const loaded = process.moduleLoadList.filter((m) => !before.has(m)); console.log(JSON.stringify(loaded));",
  ],
  { cwd: toolsDir, encoding: 'utf8' },
);
const loadedByFacade = JSON.parse(netProbe.stdout || '[]');
const netModules = loadedByFacade.filter((m) => NET.test(m)).map((m) => m.split(' ')[1]);

// 6. Installed size of the facade: packed and installed with npm, with whatever it depends on
// (nothing now: the workspace packages and smol-toml are bundled into its dist/index.js).
log('installed size (pnpm pack, npm install)');
let installed;
try {
  installed = installedSize();
} catch (e) {
  installed = { error: String(e.message ?? e).split('\n')[0] };
}

function installedSize() {
  const work = mkdtempSync(join(tmpdir(), 'pact-bench-install-'));
  try {
    const tgz = join(work, 'tgz');
    const project = join(work, 'project');
    mkdirSync(tgz);
    mkdirSync(project);
    // The facade and any workspace packages it depends on, transitively (none since the
    // facade is one bundled file; kept so that a dependency added back shows here).
    const manifests = Object.fromEntries(
      readdirSync(join(root, 'packages')).map((dir) => {
        const m = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
        return [m.name, { dir, deps: Object.keys(m.dependencies ?? {}) }];
      }),
    );
    const closure = new Set();
    const visit = (name) => {
      if (closure.has(name) || !manifests[name]) return;
      closure.add(name);
      for (const d of manifests[name].deps) visit(d);
    };
    visit('pact-config');
    for (const name of closure) {
      execFileSync(bin('pnpm'), ['pack', '--pack-destination', tgz], {
        cwd: join(root, 'packages', manifests[name].dir),
        stdio: 'ignore',
      });
    }
    writeFileSync(join(project, 'package.json'), '{ "name": "a-project", "private": true }\n');
    execFileSync(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        '--loglevel=error',
        ...readdirSync(tgz).map((f) => join(tgz, f)),
      ],
      { cwd: project, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const packages = {};
    const walk = (dir, owner) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name === 'node_modules') {
            for (const pkg of readdirSync(p)) {
              if (pkg.startsWith('.')) continue;
              if (pkg.startsWith('@')) {
                for (const sub of readdirSync(join(p, pkg)))
                  walk(join(p, pkg, sub), `${pkg}/${sub}`);
              } else walk(join(p, pkg), pkg);
            }
          } else walk(p, owner);
        } else if (owner && entry.isFile()) {
          const size = statSync(p).size;
          packages[owner] ??= { bytes: 0, files: 0, lean: 0 };
          const rec = packages[owner];
          rec.bytes += size;
          rec.files++;
          const rel = p.slice(p.lastIndexOf(`/node_modules/${owner}/`));
          if (!rel.includes(`/${owner}/src/`) && !p.endsWith('.map')) rec.lean += size;
        }
      }
    };
    walk(project, undefined);
    const names = Object.keys(packages);
    // What the facade bundles, from the notices it ships: `## name version` headings.
    const notices = join(project, 'node_modules', 'pact-config', 'dist', 'THIRD-PARTY-NOTICES.md');
    const bundled = existsSync(notices)
      ? [...readFileSync(notices, 'utf8').matchAll(/^## (\S+) (\S+)$/gm)].map((m) => ({
          name: m[1],
          version: m[2],
        }))
      : [];
    return {
      bundled,
      packages,
      count: names.length,
      bytes: names.reduce((n, k) => n + packages[k].bytes, 0),
      lean: names.reduce((n, k) => n + packages[k].lean, 0),
      thirdParty: names.filter((n) => !manifests[n]),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

fixture.remove();
log('writing RESULTS.md');

// The report.
const f1 = (x) => (x === undefined || Number.isNaN(x) ? '–' : x.toFixed(1));
const f2 = (x) => (x === undefined || Number.isNaN(x) ? '–' : `${x.toFixed(2)}×`);
const kib = (b) => `${(b / 1024).toFixed(0)} KiB`;
const verdict = (ok) => (ok ? '**met**' : '**missed**');
const bundledText = (i) => i.bundled.map((b) => `${b.name} ${b.version}`).join(', ') || 'nothing';
const lines = [];
const out = (s = '') => lines.push(s);
const cpu = cpus();
out('# Benchmark results');
out();
out(
  'Generated by `node tools/bench/run.mjs` (see [README.md](README.md)). Times are medians of interleaved runs; ratios are to the floor (node:fs + smol-toml) in the same run.',
);
out();
out(`- Date: ${new Date().toISOString()}`);
out(
  `- Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${process.platform} ${process.arch}`,
);
out(
  `- Runtimes: Node ${process.version}, Bun ${version([bin('bun'), '--version'])}, ${version([bin('deno'), '--version'])}`,
);
out(`- Rounds: ${ROUNDS}; the machine may have been busy with other work, so compare ratios.`);
out(
  `- Environment: ${Object.keys(fixture.env).length} variables (the caller's, less what npm and pnpm add to a script's; pact-config's load lists them all, about 0.25 µs each).`,
);
out();
out('## The job');
out();
out(
  'A tree ten directories deep with `pact.toml` two levels below the root (the search from the deepest directory walks up eight levels) and `$XDG_CONFIG_HOME/pact/config.toml`; both about 25 lines with `[pact]`, `[broker]` and `[broker.auth]`, and two ident tables with sub-tables. Find the local file, read and parse both, merge local over user, print JSON. Every contender prints the same merged object (checked first).',
);
out();
out('## Node');
out();
out(
  '| contender | cold process (ms) | cold ÷ floor | cold − `node -e ""` (ms) | warm sync (µs) | sync ÷ floor | warm async (µs) | async ÷ floor | fs calls, job (sync) | fs calls, process − empty |',
);
out('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const c of CONTENDERS) {
  const w = warmNode[c.name] ?? {};
  const s = syscalls[c.name];
  const job = s?.sync ?? s?.async;
  out(
    `| ${c.label} | ${f1(coldNode[c.name])} | ${f2(coldNodeRatio[c.name])} | ${f1(coldNode[c.name] - coldNode.empty)} | ${f1(w.sync)} | ${f2(w.syncRatio)} | ${f1(w.async)} | ${f2(w.asyncRatio)} | ${job ? `${job.total} (${job.stat} stat, ${job.open} open, ${job.read} read${job.listings ? `, ${job.listings} listing` : ''})${s.sync ? '' : ' async'}` : '–'} | ${s ? s.process : '–'} |`,
  );
}
out(`| \`node -e ""\` | ${f1(coldNode.empty)} | ${f2(coldNodeRatio.empty)} | 0 | | | | | | |`);
out();
const span = (xs) => `${f1(Math.min(...xs))}–${f1(Math.max(...xs))} µs`;
out(
  `Warm figures are medians over ${WARM_PROCESSES} process${WARM_PROCESSES === 1 ? '' : 'es'} per contender, the floor running beside the contender in each; each ratio is the median of the contender's ratios to the floor of its own process, so a ratio need not equal the quotient of the two µs columns. The floor's speed depends on what runs beside it: its sync figures ran from ${span(floorFigures.sync)}, its async ones from ${span(floorFigures.async)}.`,
);
out();
out('## Bun and Deno');
out();
out(
  '| runtime | contender | cold process (ms) | cold ÷ floor | warm sync (µs) | sync ÷ floor | warm async (µs) | async ÷ floor |',
);
out('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [rt, r] of Object.entries(otherRuntimes)) {
  if (r.error) {
    out(`| ${rt} | (failed: ${r.error}) | | | | | | |`);
    continue;
  }
  for (const name of ['floor', 'pact-config', 'empty']) {
    const w = r.warm[name] ?? {};
    out(
      `| ${rt} | ${name === 'empty' ? 'empty process' : name} | ${f1(r.cold[name])} | ${f2(r.coldRatio?.[name])} | ${f1(w.sync)} | ${f2(w.syncRatio)} | ${f1(w.async)} | ${f2(w.asyncRatio)} |`,
    );
  }
}
out();
out('## Import cost (Node, each package alone)');
out();
out('| package | import process (ms) | import − empty process (ms) |');
out('| --- | ---: | ---: |');
for (const p of PACKAGES) {
  out(`| \`${p}\` | ${f1(importCold[p])} | ${f1(importCold[p] - importCold.empty)} |`);
}
out();
out(
  `Importing \`pact-config\` loads ${loadedByFacade.length} modules; of Node's network code: ${netModules.length ? netModules.map((m) => `\`${m}\``).join(', ') : 'none'}.`,
);
out();
out('## Installed size of the facade (packed, installed alone with npm)');
out();
if (installed.error) {
  out(`Failed: ${installed.error}`);
} else {
  out('| package | files | size | without `src/` and `*.map` |');
  out('| --- | ---: | ---: | ---: |');
  for (const [name, p] of Object.entries(installed.packages)) {
    out(`| \`${name}\` | ${p.files} | ${kib(p.bytes)} | ${kib(p.lean)} |`);
  }
  out(
    `| **total: ${installed.count} package${installed.count === 1 ? '' : 's'}** | | **${kib(installed.bytes)}** | ${kib(installed.lean)} |`,
  );
  out();
  out(
    `Third-party packages installed: ${installed.thirdParty.map((n) => `\`${n}\``).join(', ') || 'none'}. Bundled inside \`pact-config\` (its \`dist/index.js\`, licences in \`dist/THIRD-PARTY-NOTICES.md\`): ${bundledText(installed)}.`,
  );
}
out();
out('## Targets');
out();
out('| target | figure | verdict |');
out('| --- | --- | --- |');
const pc = 'pact-config';
const others = ['c12', 'cosmiconfig', 'lilconfig'];
const coldRatio = coldNodeRatio[pc];
out(`| Cold process ≤ 1.05× the floor | ${f2(coldRatio)} | ${verdict(coldRatio <= 1.05)} |`);
const fastest = others.every((o) => coldNodeRatio[pc] < coldNodeRatio[o]);
out(
  `| Cold process below every contender (÷ floor) | ${f2(coldNodeRatio[pc])} vs ${others.map((o) => `${o} ${f2(coldNodeRatio[o])}`).join(', ')} | ${verdict(fastest)} |`,
);
const syncRatio = warmNode[pc].syncRatio;
out(`| Warm sync call ≤ 1.2× the floor | ${f2(syncRatio)} | ${verdict(syncRatio <= 1.2)} |`);
const asyncRatio = warmNode[pc].asyncRatio;
out(
  `| Warm async call no slower than the async floor | ${f2(asyncRatio)} | ${verdict(asyncRatio <= 1)} |`,
);
if (hasStrace) {
  const a = syscalls[pc].sync;
  const b = syscalls.floor.sync;
  out(
    `| No more file-system calls than the floor, no listings | ${a.total} vs ${b.total}, ${a.listings} listings | ${verdict(a.total <= b.total && a.listings === 0)} |`,
  );
} else {
  out('| No more file-system calls than the floor | strace is not installed | – |');
}
out(
  `| Importing the facade loads no TLS or HTTP code | ${netModules.length ? netModules.join(', ') : 'none'} | ${verdict(netModules.length === 0)} |`,
);
if (!installed.error) {
  out(
    `| The facade installs in under 400 KiB | ${kib(installed.bytes)} (${installed.count} package${installed.count === 1 ? '' : 's'}) | ${verdict(installed.bytes < 400 * 1024)} |`,
  );
  const third = installed.thirdParty;
  const inside = [...third, ...installed.bundled.map((b) => b.name)];
  out(
    `| At most smol-toml as a third-party dependency | installed: ${third.join(', ') || 'none'}; bundled: ${bundledText(installed)} | ${verdict(inside.every((n) => n === 'smol-toml'))} |`,
  );
}
out();
out(`Bench time: ${((Date.now() - started) / 1000).toFixed(0)} s.`);
writeFileSync(join(here, 'RESULTS.md'), `${lines.join('\n')}\n`);
// Formatted as the repository's lint wants it (Biome aligns Markdown tables).
spawnSync(bin('biome'), ['format', '--write', join(here, 'RESULTS.md')], { stdio: 'ignore' });
console.log(lines.join('\n'));
