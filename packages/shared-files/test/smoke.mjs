// Runs under Node, Bun and Deno against the built package (tools/runtimes/run.mjs).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryFs } from '@pact-config/env';
import {
  detectLegacyPactDir,
  ensureSharedDirs,
  listPlugins,
  migrateLegacyPactDir,
  sharedLocations,
} from '@pact-config/shared-files';

const posix = process.platform !== 'win32';
const inTemp = (fn) => {
  const dir = mkdtempSync(join(tmpdir(), 'pact-smoke-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
const manifest = (name, version) =>
  JSON.stringify({
    pluginInterfaceVersion: 1,
    name,
    version,
    executableType: 'exec',
    entryPoint: 'plugin',
  });

export const checks = {
  'creates the data home and plugin dir, owner only'() {
    inTemp((home) => {
      const host = { os: 'linux', env: {}, home, cwd: home, fs: memoryFs({}) };
      const made = ensureSharedDirs(sharedLocations(host));
      assert.equal(made.pluginDir.path, join(home, '.local/share/pact/plugins'));
      assert.equal(made.pluginDir.created, true);
      if (posix) assert.equal(statSync(made.dataHome.path).mode & 0o777, 0o700);
      assert.equal(ensureSharedDirs(sharedLocations(host)).pluginDir.created, false);
    });
  },
  'lists an installed plugin, reports a broken one'() {
    inTemp((dir) => {
      mkdirSync(join(dir, 'csv-0.0.6'));
      writeFileSync(join(dir, 'csv-0.0.6', 'pact-plugin.json'), manifest('csv', '0.0.6'));
      mkdirSync(join(dir, 'broken-1'));
      writeFileSync(join(dir, 'broken-1', 'pact-plugin.json'), '{');
      mkdirSync(join(dir, 'logs'));
      const r = listPlugins(dir);
      assert.deepEqual(
        r.plugins.map((p) => `${p.name} ${p.version}`),
        ['csv 0.0.6'],
      );
      assert.deepEqual(
        r.diagnostics.map((d) => d.code),
        ['plugin-manifest-invalid'],
      );
    });
  },
  'legacy ~/.pact is reported unless the data home is explicit'() {
    const fs = memoryFs({ '/home/me/.pact/plugins/csv-0.0.6/pact-plugin.json': '{}' });
    const host = { os: 'linux', env: {}, home: '/home/me', cwd: '/', fs };
    assert.equal(detectLegacyPactDir(host).diagnostics[0]?.code, 'legacy-pact-dir');
    const explicit = { ...host, env: { PACT_DATA_HOME: '/home/me/.pact' } };
    assert.deepEqual(detectLegacyPactDir(explicit).diagnostics, []);
  },
  'migrates ~/.pact: dry run, apply, then nothing to do'() {
    inTemp((home) => {
      mkdirSync(join(home, '.pact', 'plugins', 'csv-0.0.6'), { recursive: true });
      writeFileSync(
        join(home, '.pact', 'plugins', 'csv-0.0.6', 'pact-plugin.json'),
        manifest('csv', '0.0.6'),
      );
      const ctx = { os: 'linux', env: {}, home };
      assert.equal(migrateLegacyPactDir(ctx).status, 'planned');
      assert.equal(migrateLegacyPactDir(ctx, { apply: true }).status, 'done');
      assert.equal(migrateLegacyPactDir(ctx, { apply: true }).status, 'nothing-to-do');
      const listed = listPlugins(join(home, '.local/share/pact/plugins'));
      assert.deepEqual(
        listed.plugins.map((p) => p.name),
        ['csv'],
      );
    });
  },
};
