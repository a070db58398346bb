import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFsFromVolume, Volume } from 'memfs';
import { describe, expect, it } from 'vitest';
import { compareVersions, listPlugins, type PluginListFs, parseManifest } from '../src/index.js';
import { codes, tempDir } from './helpers.js';

// The manifest layout of the Rust and JVM plugin drivers (ECOSYSTEM "Plugins"):
// <plugin dir>/<name>-<version>/pact-plugin.json.
const manifest = (name: string, version: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    pluginInterfaceVersion: 1,
    name,
    version,
    executableType: 'exec',
    entryPoint: `pact-${name}-plugin`,
    ...extra,
  });
const dir = '/home/me/.local/share/pact/plugins';
const memfs = (tree: Record<string, string>): PluginListFs =>
  createFsFromVolume(Volume.fromJSON(tree)) as unknown as PluginListFs;
const list = (tree: Record<string, string>) => listPlugins(dir, { fs: memfs(tree), os: 'linux' });

describe('RFC "Shared Files": listing installed plugins', () => {
  it('lists <name>-<version>/pact-plugin.json, sorted by name then version', () => {
    const r = list({
      [`${dir}/protobuf-0.5.4/pact-plugin.json`]: manifest('protobuf', '0.5.4'),
      [`${dir}/csv-0.0.10/pact-plugin.json`]: manifest('csv', '0.0.10'),
      [`${dir}/csv-0.0.9/pact-plugin.json`]: manifest('csv', '0.0.9'),
      [`${dir}/avro-0.1.0-beta.1/pact-plugin.json`]: manifest('avro', '0.1.0-beta.1'),
      [`${dir}/avro-0.1.0/pact-plugin.json`]: manifest('avro', '0.1.0', {
        entryPoints: { windows: 'pact-avro-plugin.bat' },
        args: ['-jar'],
        dependencies: [{ name: 'java', version: '17', dependencyType: 'OSPackage' }],
        pluginConfig: { hostToBindTo: '127.0.0.1' },
        minimumRequiredVersion: '0.4.0',
      }),
    });
    expect(r.plugins.map((p) => `${p.name} ${p.version}`)).toEqual([
      'avro 0.1.0-beta.1',
      'avro 0.1.0',
      'csv 0.0.9',
      'csv 0.0.10',
      'protobuf 0.5.4',
    ]);
    expect(r.diagnostics).toEqual([]);
    expect(r.exists).toBe(true);
    const avro = r.plugins[1]!;
    expect(avro.dir).toBe(`${dir}/avro-0.1.0`);
    expect(avro.manifestPath).toBe(`${dir}/avro-0.1.0/pact-plugin.json`);
    expect(avro.manifest.entryPoints).toEqual({ windows: 'pact-avro-plugin.bat' });
    expect(avro.manifest.pluginConfig).toEqual({ hostToBindTo: '127.0.0.1' });
  });

  it('skips logs/, stray files and directories without a manifest, silently', () => {
    const r = list({
      [`${dir}/logs/plugin.log`]: 'x',
      [`${dir}/logs/pact-plugin.json`]: manifest('logs', '1'),
      [`${dir}/README.txt`]: 'x',
      [`${dir}/csv-0.0.6.zip`]: 'x',
      [`${dir}/half-downloaded/plugin.bin`]: 'x',
      [`${dir}/csv-0.0.6/pact-plugin.json`]: manifest('csv', '0.0.6'),
    });
    expect(r.plugins.map((p) => p.name)).toEqual(['csv']);
    expect(r.diagnostics).toEqual([]);
  });

  it('a broken manifest is a plugin-manifest-invalid warning naming the file, not a crash (D40)', () => {
    const broken: Record<string, [string, string]> = {
      'bad-json': ['{ "name": ', 'is not valid JSON'],
      'not-object': ['[1, 2]', 'is not a JSON object'],
      'no-name': [
        JSON.stringify({
          pluginInterfaceVersion: 1,
          version: '1',
          executableType: 'exec',
          entryPoint: 'x',
        }),
        "has no 'name'",
      ],
      'no-version': [
        JSON.stringify({
          pluginInterfaceVersion: 1,
          name: 'a',
          executableType: 'exec',
          entryPoint: 'x',
        }),
        "has no 'version'",
      ],
      'no-entry': [
        JSON.stringify({
          pluginInterfaceVersion: 1,
          name: 'a',
          version: '1',
          executableType: 'exec',
        }),
        "has no 'entryPoint'",
      ],
      'no-interface': [
        JSON.stringify({ name: 'a', version: '1', executableType: 'exec', entryPoint: 'x' }),
        "has no 'pluginInterfaceVersion'",
      ],
      'interface-string': [
        manifest('a', '1', { pluginInterfaceVersion: '1' }),
        "'pluginInterfaceVersion' that is not",
      ],
      'version-number': [
        manifest('a', '1', { version: 1 }),
        "has a 'version' that is not a non-empty string",
      ],
      'empty-name': [manifest('', '1'), "has a 'name' that is not a non-empty string"],
      'args-string': [
        manifest('a', '1', { args: '-jar' }),
        "'args' that is not an array of strings",
      ],
      'entry-points': [manifest('a', '1', { entryPoints: { windows: 1 } }), "'entryPoints'"],
      deps: [manifest('a', '1', { dependencies: [{ version: '1' }] }), "'dependencies'"],
      config: [manifest('a', '1', { pluginConfig: [] }), "'pluginConfig' that is not an object"],
      traversal: [manifest('../../x', '1'), 'path separator'],
      empty: ['', 'is not valid JSON'],
    };
    const tree: Record<string, string> = {
      [`${dir}/csv-0.0.6/pact-plugin.json`]: manifest('csv', '0.0.6'),
    };
    for (const [name, [text]] of Object.entries(broken))
      tree[`${dir}/${name}/pact-plugin.json`] = text;
    const r = list(tree);
    expect(r.plugins.map((p) => p.name)).toEqual(['csv']);
    expect(codes(r.diagnostics)).toEqual(Object.keys(broken).map(() => 'plugin-manifest-invalid'));
    for (const [name, [, why]] of Object.entries(broken)) {
      const d = r.diagnostics.find((x) => x.message.includes(`${dir}/${name}/pact-plugin.json`));
      expect(d, name).toBeDefined();
      expect(d?.severity).toBe('warning');
      expect(d?.message, name).toContain(why);
    }
  });

  it('a manifest that is a directory, or invalid UTF-8, or too large, is invalid too', () => {
    const fs = memfs({ [`${dir}/csv-1/pact-plugin.json/x`]: '' });
    expect(listPlugins(dir, { fs, os: 'linux' }).diagnostics[0]?.message).toContain(
      'is not a file',
    );
    const bytes = { ...fs, readFileSync: () => new Uint8Array([0x7b, 0xff, 0x7d]) } as PluginListFs;
    const tree = memfs({ [`${dir}/csv-1/pact-plugin.json`]: '{}' });
    const odd = {
      readdirSync: (p: string) => tree.readdirSync(p),
      statSync: tree.statSync.bind(tree),
      readFileSync: bytes.readFileSync,
    } as PluginListFs;
    expect(listPlugins(dir, { fs: odd, os: 'linux' }).diagnostics[0]?.message).toContain(
      'not valid UTF-8',
    );
    const big = { ...odd, readFileSync: () => new Uint8Array(1024 * 1024 + 1) } as PluginListFs;
    expect(listPlugins(dir, { fs: big, os: 'linux' }).diagnostics[0]?.message).toContain(
      'larger than',
    );
  });

  it('name/version not matching the directory: listed, with plugin-dir-mismatch (D40)', () => {
    const r = list({ [`${dir}/csv-latest/pact-plugin.json`]: manifest('csv', '0.0.6') });
    expect(r.plugins.map((p) => `${p.name} ${p.version}`)).toEqual(['csv 0.0.6']);
    expect(codes(r.diagnostics)).toEqual(['plugin-dir-mismatch']);
    expect(r.diagnostics[0]?.message).toContain(`${dir}/csv-latest`);
    expect(r.diagnostics[0]?.hint).toContain('csv-0.0.6');
  });

  it('a missing plugin directory is an empty list without a diagnostic', () => {
    expect(list({ '/elsewhere/x': '' })).toEqual({
      dir,
      exists: false,
      plugins: [],
      diagnostics: [],
    });
    expect(listPlugins(undefined)).toEqual({
      dir: undefined,
      exists: false,
      plugins: [],
      diagnostics: [],
    });
  });

  it('a plugin directory that cannot be read, or is a file: plugin-dir-unreadable', () => {
    const tree = memfs({ [`${dir}/csv-1/pact-plugin.json`]: manifest('csv', '1') });
    const denied: PluginListFs = {
      statSync: tree.statSync.bind(tree),
      readFileSync: tree.readFileSync.bind(tree),
      readdirSync: () => {
        throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      },
    };
    const r = listPlugins(dir, { fs: denied, os: 'linux' });
    expect(r).toMatchObject({ exists: true, plugins: [] });
    expect(r.diagnostics[0]).toMatchObject({ code: 'plugin-dir-unreadable', severity: 'error' });
    expect(r.diagnostics[0]?.message).toContain('(EACCES)');
    const file = listPlugins(dir, { fs: memfs({ [dir]: 'x' }), os: 'linux' });
    expect(codes(file.diagnostics)).toEqual(['plugin-dir-unreadable']);
  });

  it('takes a DirectoryLocation, and works on a real directory with node:fs', () => {
    const root = tempDir();
    mkdirSync(join(root, 'csv-0.0.6'));
    writeFileSync(join(root, 'csv-0.0.6', 'pact-plugin.json'), `\uFEFF${manifest('csv', '0.0.6')}`);
    mkdirSync(join(root, 'logs'));
    const r = listPlugins({ path: root });
    expect(r.plugins.map((p) => p.manifestPath)).toEqual([
      join(root, 'csv-0.0.6', 'pact-plugin.json'),
    ]);
  });

  it('Windows paths are joined with the Windows rules', () => {
    const files = new Map([['C:\\p\\csv-1\\pact-plugin.json', manifest('csv', '1')]]);
    const fs: PluginListFs = {
      readdirSync: () => ['csv-1'],
      statSync: (p) =>
        p === 'C:\\p' || p === 'C:\\p\\csv-1'
          ? { isFile: () => false, isDirectory: () => true }
          : files.has(p)
            ? { isFile: () => true, isDirectory: () => false }
            : undefined,
      readFileSync: (p) => new TextEncoder().encode(files.get(p)),
    };
    expect(listPlugins('C:\\p', { fs, os: 'windows' }).plugins[0]?.manifestPath).toBe(
      'C:\\p\\csv-1\\pact-plugin.json',
    );
  });
});

describe('parseManifest and compareVersions', () => {
  it('keeps unknown fields, accepts null optional fields', () => {
    const r = parseManifest(manifest('csv', '1', { args: null, dependencies: null, extra: 1 }));
    expect(r.ok && r.manifest.extra).toBe(1);
  });
  it('orders versions as semver does', () => {
    const sorted = [
      '1.0.0',
      '0.10.0',
      '0.9.1',
      '1.0.0-rc.1',
      '1.0.0-beta.2',
      '1.0.0-beta.10',
      '0.9',
    ].sort(compareVersions);
    expect(sorted).toEqual([
      '0.9',
      '0.9.1',
      '0.10.0',
      '1.0.0-beta.2',
      '1.0.0-beta.10',
      '1.0.0-rc.1',
      '1.0.0',
    ]);
    expect(compareVersions('1.0.0', '1.0.0')).toBe(0);
  });
});
