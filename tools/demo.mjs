#!/usr/bin/env node
// The first look (`npm run setup` ends here): `pact-config show --origin` against examples/,
// as if examples/home were the home directory, examples/project/services/orders the working
// directory, and examples/example.env the environment (nothing else of yours is read).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const examples = join(root, 'examples');
const variables = Object.fromEntries(
  readFileSync(join(examples, 'example.env'), 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z_][A-Z0-9_]*=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
);
const env = {
  PATH: process.env.PATH,
  HOME: join(examples, 'home'),
  FORCE_COLOR: process.env.FORCE_COLOR,
  ...variables,
};
const cwd = join(examples, 'project', 'services', 'orders');
const cli = join(root, 'packages', 'pact-config', 'dist', 'cli.js');

const run = (args) => {
  console.log(`\n$ pact-config ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, env, stdio: 'inherit' });
  if (r.status !== 0 && args[0] !== 'doctor') process.exitCode = r.status ?? 1;
};

console.log('The example project: examples/README.md says what each layer sets.');
console.log(
  `  cd examples/project/services/orders; HOME=examples/home; ${Object.keys(variables).join(', ')} set`,
);
run(['show', '--origin', '--ident', 'ruby']);
run(['doctor']);
