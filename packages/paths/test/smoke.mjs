// Runs under Node, Bun and Deno against the built package (tools/runtimes/run.mjs).
import assert from 'node:assert/strict';
import {
  locateConfigFile,
  locateDataHome,
  locatePluginDir,
  resolvePathValue,
} from '@pact-config/paths';

const probe =
  (files, dirs = []) =>
  (p) =>
    files.includes(p) ? 'file' : dirs.includes(p) ? 'directory' : 'missing';

export const checks = {
  'Windows rules computed on any machine'() {
    const ctx = {
      os: 'windows',
      env: { APPDATA: 'C:\\Users\\me\\AppData\\Roaming' },
      home: 'C:\\Users\\me',
      cwd: 'C:\\w',
    };
    const dataHome = locateDataHome(ctx, { probe: probe([]) });
    assert.equal(dataHome.path, 'C:\\Users\\me\\AppData\\Roaming\\pact');
    assert.equal(
      locatePluginDir(ctx, { dataHome }).path,
      'C:\\Users\\me\\AppData\\Roaming\\pact\\plugins',
    );
  },
  'fallback user file warns on a known OS'() {
    const ctx = { os: 'macos', env: {}, home: '/Users/me', cwd: '/Users/me' };
    const r = locateConfigFile(ctx, { probe: probe(['/Users/me/.pact/config.toml']) });
    assert.equal(r.file.path, '/Users/me/.pact/config.toml');
    assert.deepEqual(
      r.diagnostics.map((d) => d.code),
      ['fallback-config-file'],
    );
  },
  'path values: tilde, relative, backslash'() {
    const ctx = { os: 'linux', home: '/home/u', baseDir: '/p' };
    assert.equal(resolvePathValue('~/x', ctx).path, '/home/u/x');
    assert.equal(resolvePathValue('./~', ctx).path, '/p/~');
    assert.equal(resolvePathValue('a\\b', ctx).path, '/p/a/b');
  },
  'explicit file that does not exist throws the typed error'() {
    const ctx = { os: 'linux', env: { PACT_CONFIG_FILE: '/nope.toml' }, home: '/h', cwd: '/' };
    assert.throws(() => locateConfigFile(ctx, { probe: probe([]) }), {
      name: 'PactConfigError',
      code: 'explicit-config-missing',
    });
  },
};
