#!/usr/bin/env node
// The facade as a user gets it: packs pact-config with pnpm, installs the tarball alone into a
// new project with npm (it is self-contained: nothing else may come with it), type-checks a
// TypeScript file against its declarations, and runs the command the three ways the README
// gives: `npx pact-config`, `bunx pact-config`, `deno run -A npm:pact-config`.
// Closes with "N passed, N failed".
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = join(root, 'node_modules', '.bin');
const work = mkdtempSync(join(tmpdir(), 'pact-config-installed-'));
const results = [];
// Uses the main exports as a user would; the @ts-expect-error lines fail the check if the
// types were missing (any) or wrong.
const CONSUMER = `import { loadPactConfigSync, PactConfigError, Secret, type PactConfig } from 'pact-config';

const config: PactConfig = loadPactConfigSync({ cli: { dataHome: '/srv/pact' } });
const dataHome: string | undefined = config.pact.dataHome?.value;
const token: Secret | undefined = config.broker.auth?.token?.value;
const revealed: string | undefined = token?.reveal();
try {
  loadPactConfigSync({ cli: { configFile: '/nowhere/pact.toml' } });
} catch (e) {
  if (e instanceof PactConfigError) {
    const code: string = e.code;
    const severity: 'error' | 'warning' | 'info' = e.diagnostic.severity;
    console.log(code, severity);
  }
}
// @ts-expect-error: no such setting
config.pact.noSuchSetting;
// @ts-expect-error: a Secret is not a string
const leaked: string = new Secret('x');
console.log(dataHome, revealed, leaked);
`;
const check = (name, fn) => {
  try {
    fn();
    results.push({ name, ok: true });
  } catch (e) {
    results.push({ name, ok: false, error: String(e?.message ?? e) });
  }
};

try {
  const tgz = join(work, 'tgz');
  const project = join(work, 'project');
  mkdirSync(tgz);
  mkdirSync(join(project, 'app'), { recursive: true });
  execFileSync(join(bin, 'pnpm'), ['pack', '--pack-destination', tgz], {
    cwd: join(root, 'packages', 'pact-config'),
    stdio: 'ignore',
  });
  writeFileSync(
    join(project, 'package.json'),
    '{ "name": "a-project", "private": true, "type": "module" }\n',
  );
  writeFileSync(join(project, 'pact.toml'), '[broker]\nbase-url = "http://localhost:9292"\n');
  const tarballs = readdirSync(tgz).map((f) => join(tgz, f));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], {
    cwd: project,
    stdio: ['ignore', 'ignore', 'inherit'],
  });

  check('installs alone: no dependency comes with it', () => {
    const installed = readdirSync(join(project, 'node_modules')).filter((n) => !n.startsWith('.'));
    if (installed.join() !== 'pact-config') throw new Error(`node_modules: ${installed}`);
  });
  check('ships its licence, and the licences of what it bundles', () => {
    const dir = join(project, 'node_modules', 'pact-config');
    if (!readFileSync(join(dir, 'LICENSE'), 'utf8').startsWith('MIT License'))
      throw new Error('no MIT LICENSE in the package');
    if (!readFileSync(join(dir, 'dist', 'THIRD-PARTY-NOTICES.md'), 'utf8').includes('smol-toml'))
      throw new Error('dist/THIRD-PARTY-NOTICES.md does not name smol-toml');
  });
  check('a TypeScript consumer type-checks against dist/index.d.ts', () => {
    writeFileSync(join(project, 'consumer.ts'), CONSUMER);
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
          typeRoots: [join(root, 'node_modules', '@types')],
        },
        files: ['consumer.ts'],
      }),
    );
    if (!existsSync(join(project, 'node_modules', 'pact-config', 'dist', 'index.d.ts')))
      throw new Error('no dist/index.d.ts');
    const r = spawnSync(join(bin, 'tsc'), ['-p', project], { cwd: project, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tsc: ${r.stdout}${r.stderr}`);
  });

  const env = {
    PATH: `${bin}:${process.env.PATH}`,
    HOME: join(work, 'home'),
    PACT_BROKER_TOKEN: 'canary-installed-token',
    DENO_NO_UPDATE_CHECK: '1',
    NO_COLOR: '1',
  };
  const ways = {
    'npx pact-config': ['npx', ['--no-install', 'pact-config']],
    'bunx pact-config': [join(bin, 'bun'), ['x', 'pact-config']],
    'deno run -A npm:pact-config': [join(bin, 'deno'), ['run', '-A', 'npm:pact-config']],
  };
  for (const [way, [cmd, args]] of Object.entries(ways)) {
    check(`${way} show --json`, () => {
      const r = spawnSync(cmd, [...args, 'show', '--json'], {
        cwd: join(project, 'app'),
        env,
        encoding: 'utf8',
      });
      if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
      const out = JSON.parse(r.stdout);
      const url = out.values['broker.base-url'];
      if (url?.value !== 'http://localhost:9292' || url.source.kind !== 'local') {
        throw new Error(`broker.base-url: ${JSON.stringify(url)}`);
      }
      if (out.values['broker.auth.token']?.value !== '********')
        throw new Error('the token is not masked');
      if ((r.stdout + r.stderr).includes('canary')) throw new Error('the secret leaked');
    });
    check(`${way} --version`, () => {
      const r = spawnSync(cmd, [...args, '--version'], { cwd: project, env, encoding: 'utf8' });
      if (r.status !== 0 || !/^\d+\.\d+\.\d+/.test(r.stdout))
        throw new Error(`exit ${r.status}: ${r.stdout}${r.stderr}`);
    });
  }
} catch (e) {
  results.push({ name: 'pack and install', ok: false, error: String(e?.message ?? e) });
} finally {
  rmSync(work, { recursive: true, force: true });
}

for (const r of results) {
  console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}`);
  if (!r.ok) console.log(`     ${r.error.split('\n').slice(0, 6).join('\n     ')}`);
}
const passed = results.filter((r) => r.ok).length;
console.log(`installed: ${passed} passed, ${results.length - passed} failed`);
process.exitCode = results.length === passed ? 0 : 1;
