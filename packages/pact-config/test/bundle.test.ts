// The built package is self-contained: dist/index.js is one file that imports only Node's
// built-in modules, the command shares it, the declarations need no workspace package, and
// its Secret and PactConfigError are recognised by @pact-config/env's (another copy).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as env from '@pact-config/env';
import { describe, expect, it } from 'vitest';

const file = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const index = new URL('../dist/index.js', import.meta.url).href;
/** Every module specifier a file imports, statically or dynamically. */
const specifiers = (code: string) =>
  [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)].map((m) => m[1] ?? '');
const node = (script: string) =>
  spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });

describe('the built package', () => {
  it('dist/index.js imports nothing but built-in modules', () => {
    const imported = specifiers(file('dist/index.js'));
    expect(imported.length).toBeGreaterThan(0);
    expect(imported.filter((s) => !s.startsWith('node:'))).toEqual([]);
  });

  it('dist/cli.js is the command, and imports the library from ./index.js', () => {
    const cli = file('dist/cli.js');
    expect(cli.startsWith('#!/usr/bin/env node\n')).toBe(true);
    const imported = specifiers(cli);
    expect(imported).toContain('./index.js');
    expect(imported.filter((s) => !s.startsWith('node:') && s !== './index.js')).toEqual([]);
    // The library is not bundled a second time: not the loader, not the TOML parser, and
    // the PactConfigError the command catches is the library's own.
    expect(cli).not.toMatch(/function loadPactConfigSync\b|TomlError = class\b/);
    expect(cli).not.toMatch(/\bPactConfigError = class\b|class PactConfigError\b/);
    expect(file('dist/index.js')).toMatch(/function loadPactConfigSync\b/);
    expect(file('dist/index.js')).toMatch(/TomlError = class\b/);
  });

  it('dist/index.d.ts imports no package (the workspace types are inlined)', () => {
    const dts = file('dist/index.d.ts');
    expect(specifiers(dts).filter((s) => !s.startsWith('node:'))).toEqual([]);
    expect(dts).toMatch(/export \{[^}]*\bloadPactConfigSync\b/);
    expect(dts).toMatch(/export type \{[^}]*\bPactConfig\b/);
  });

  it('has no runtime dependencies, and ships the notices of what it bundles', () => {
    const pkg = JSON.parse(file('package.json'));
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.peerDependencies ?? {}).toEqual({});
    const notices = file('dist/THIRD-PARTY-NOTICES.md');
    const version = /^## smol-toml (\d+\.\d+\.\d+)$/m.exec(notices)?.[1];
    expect(version).toBeDefined();
    expect(notices).toContain('BSD-3-Clause');
    expect(notices).toContain('Copyright (c) Squirrel Chat et al.');
    // The README names the version that is bundled.
    expect(file('README.md')).toContain(`smol-toml ${version}`);
  });

  it('importing it loads no network or crypto module', () => {
    const r = node(
      `const before = new Set(process.moduleLoadList);
       await import(${JSON.stringify(index)});
       const loaded = process.moduleLoadList.filter((m) => !before.has(m));
       process.stdout.write(JSON.stringify(loaded));`,
    );
    expect(r.status, r.stderr).toBe(0);
    const loaded: string[] = JSON.parse(r.stdout);
    expect(loaded.length).toBeGreaterThan(0);
    const NET =
      /^NativeModule (tls|_tls_\w+|https?|_http_\w+|net|dns|crypto|internal\/crypto\/.*)$/;
    expect(loaded.filter((m) => NET.test(m))).toEqual([]);
  });
});

describe('the bundle beside @pact-config/env (two copies of the same classes)', async () => {
  const bundle: typeof import('../src/index.js') = await import(/* @vite-ignore */ index);

  it('are two copies', () => {
    expect(bundle.Secret).not.toBe(env.Secret);
    expect(bundle.PactConfigError).not.toBe(env.PactConfigError);
  });

  it("the bundle's PactConfigError is an @pact-config/env PactConfigError, and back", () => {
    let caught: unknown;
    try {
      bundle.loadPactConfigSync({
        host: {
          os: 'linux',
          env: { PACT_CONFIG_FILE: '/missing.toml' },
          home: '/home/me',
          cwd: '/',
          fs: env.memoryFs({}),
        },
      });
    } catch (e) {
      caught = e;
    }
    expect(caught instanceof env.PactConfigError).toBe(true);
    expect(caught instanceof bundle.PactConfigError).toBe(true);
    const d = { code: 'x', severity: 'error', message: 'm' } as const;
    expect(new env.PactConfigError(d) instanceof bundle.PactConfigError).toBe(true);
  });

  it("the bundle's secrets are @pact-config/env secrets, and back", () => {
    const config = bundle.loadPactConfigSync({
      host: {
        os: 'linux',
        env: { PACT_BROKER_TOKEN: 'canary-token' },
        home: '/home/me',
        cwd: '/',
        fs: env.memoryFs({}),
      },
    });
    const token = config.broker.auth?.token?.value;
    expect(env.isSecret(token)).toBe(true);
    expect(token instanceof env.Secret).toBe(true);
    expect(String(token)).toBe('[redacted]');
    expect(bundle.isSecret(new env.Secret('x'))).toBe(true);
    expect(bundle.isSecret({ reveal: () => 'x', toString: () => '[redacted]' })).toBe(false);
  });
});
