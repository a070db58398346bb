#!/usr/bin/env node
// Builds the facade as a self-contained package (`pnpm build` here, or turbo from the root):
//
//   dist/index.js    ONE ESM file: src/index.ts with the @pact-config/* packages and smol-toml
//                    bundled in. Node's built-in modules stay imports (the network and crypto
//                    ones are still loaded on first use, by the packages' dynamic imports).
//   dist/cli.js      the `pact-config` command: its own code, importing the library from
//                    ./index.js (one copy of the library, shared) rather than bundling a second.
//   dist/index.d.ts  the declarations, with the @pact-config/* types inlined (rollup-plugin-dts).
//   dist/THIRD-PARTY-NOTICES.md  name, version and licence of every bundled third-party package.
//
// The build fails if a bundle would import anything but a built-in module (or, for the
// command, ./index.js), or if the declarations still import a workspace package.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { rollup } from 'rollup';
import { dts } from 'rollup-plugin-dts';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const types = join(dist, '.types');
const require = createRequire(import.meta.url);

rmSync(dist, { recursive: true, force: true });

// 1. Declarations of our own sources (into a scratch folder, bundled in step 4).
execFileSync(
  process.execPath,
  [
    require.resolve('typescript/bin/tsc'),
    '-p',
    'tsconfig.build.json',
    '--emitDeclarationOnly',
    '--outDir',
    types,
  ],
  { cwd: here, stdio: 'inherit' },
);

// 2. The library: one file, not minified. Measured: --minify-whitespace and --minify-syntax
// take 146 KiB to 107-137 KiB but import no faster (about 15 ms each), and minified lines make
// stack traces and the installed code harder to read.
const common = {
  absWorkingDir: here,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'es2022',
  metafile: true,
  logLevel: 'warning',
};
const library = await build({
  ...common,
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.js',
  // smol-toml's BSD notice stays in the file, once, at its end.
  legalComments: 'eof',
});

// 3. The command: src/cli/*.ts import the facade's API from '../index.js'; that import
// becomes './index.js', the library above, instead of a second bundled copy.
const facadeIndex = join(here, 'src', 'index.js');
const sharedLibrary = {
  name: 'shared-library',
  setup(b) {
    b.onResolve({ filter: /\/index\.js$/ }, (args) =>
      resolve(args.resolveDir, args.path) === facadeIndex
        ? { path: './index.js', external: true }
        : undefined,
    );
  },
};
const command = await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.js',
  legalComments: 'none',
  plugins: [sharedLibrary],
});

const imports = (result) =>
  Object.values(result.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path));
const stray = [
  ...imports(library).filter((p) => !p.startsWith('node:')),
  ...imports(command).filter((p) => !p.startsWith('node:') && p !== './index.js'),
];
if (stray.length) throw new Error(`the bundles must be self-contained, but import: ${stray}`);

// 4. One declaration file, the workspace packages' types inlined.
const bundle = await rollup({
  input: join(types, 'index.d.ts'),
  plugins: [dts({ respectExternal: true })],
  external: (id) => id.startsWith('node:'),
  onwarn(warning, warn) {
    if (warning.code !== 'CIRCULAR_DEPENDENCY') warn(warning);
  },
});
await bundle.write({ file: join(dist, 'index.d.ts'), format: 'es' });
await bundle.close();
rmSync(types, { recursive: true, force: true });
const declarations = readFileSync(join(dist, 'index.d.ts'), 'utf8');
const leftOver = /\bfrom\s+['"](?!node:)[^'".][^'"]*['"]|import\(\s*['"](?!node:)[^'".]/.exec(
  declarations,
);
if (leftOver) throw new Error(`dist/index.d.ts still imports a package: ${leftOver[0]}`);

// 5. The notices of the third-party code inside dist/index.js.
const thirdParty = new Map();
for (const input of Object.keys(library.metafile.inputs)) {
  const m = /^(.*\/node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(resolve(here, input));
  if (!m || m[2].startsWith('@pact-config/')) continue;
  thirdParty.set(m[2], m[1]);
}
const notices = [
  '# Third-party notices',
  '',
  '`dist/index.js` of pact-config includes the following third-party code, under the licences below.',
];
for (const [name, dir] of [...thirdParty].sort()) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const licenceFile = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  if (!licenceFile) throw new Error(`${name} has no licence file to ship`);
  notices.push(
    '',
    `## ${name} ${pkg.version}`,
    '',
    `License: ${pkg.license}. Source: https://www.npmjs.com/package/${name}/v/${pkg.version}`,
    '',
    '```',
    readFileSync(join(dir, licenceFile), 'utf8').trimEnd(),
    '```',
  );
}
writeFileSync(join(dist, 'THIRD-PARTY-NOTICES.md'), `${notices.join('\n')}\n`);

const kib = (file) => `${(statSync(join(dist, file)).size / 1024).toFixed(1)} KiB`;
const bundled = [...thirdParty.keys()].map((n) => `${n} bundled`).join(', ');
if (!existsSync(join(dist, 'cli.js'))) throw new Error('dist/cli.js was not written');
process.stdout.write(
  `dist: index.js ${kib('index.js')}, cli.js ${kib('cli.js')}, index.d.ts ${kib('index.d.ts')}${bundled ? `; ${bundled}` : ''}\n`,
);
