#!/usr/bin/env node
// The first look: the example project's effective configuration, with the origin of every value.
// Runs the real loader against examples/, as if examples/home were the home directory,
// examples/project/services/orders the working directory, and examples/example.env the environment.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeSource, formatDiagnostic, isSecret, runtimeHost } from '@pact-config/env';
import { loadConfigSync } from '@pact-config/toml-config';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const examples = join(root, 'examples');
const env = Object.fromEntries(
  readFileSync(join(examples, 'example.env'), 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z_][A-Z0-9_]*=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);
const { host: real } = runtimeHost();
const host = {
  ...real,
  os: real.os === 'windows' ? 'windows' : 'linux',
  env,
  home: join(examples, 'home'),
  cwd: join(examples, 'project', 'services', 'orders'),
};

const config = loadConfigSync({ host });
const short = (p) => relative(root, p) || '.';
const origin = (s) =>
  s.kind === 'env' || s.kind === 'cli' || s.kind === 'default'
    ? describeSource(s)
    : `${s.kind} ${short(s.file)}${s.line ? `:${s.line}:${s.column ?? 1}` : ''}`;
const show = (v) =>
  isSecret(v)
    ? '******** (secret: masked)'
    : typeof v === 'string' && v.startsWith(root)
      ? short(v)
      : JSON.stringify(v);

console.log(
  'pact-config: the example project (examples/), as `pact-config show --origin` will show it\n',
);
console.log(`working directory  ${short(host.cwd)}`);
console.log(`home directory     ${short(host.home)}`);
console.log(`environment        ${Object.keys(env).join(', ')}\n`);
console.log('files read (highest precedence first):');
for (const f of config.files) console.log(`  ${f.role.padEnd(8)} ${short(f.path)}`);
console.log('\neffective configuration:');
const rows = Object.entries(config.values('ruby')).map(([key, { value, source }]) => [
  key,
  show(value),
  origin(source),
]);
const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
for (const [k, v, o] of rows) console.log(`  ${k.padEnd(w0)} = ${v.padEnd(w1)}  ← ${o}`);
console.log('\ndiagnostics:');
if (config.diagnostics.length === 0) console.log('  none');
for (const d of config.diagnostics)
  console.log(`  ${formatDiagnostic(d).split(`${root}/`).join('')}`);
