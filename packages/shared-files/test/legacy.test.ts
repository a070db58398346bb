import { type EnvRecord, type Host, memoryFs, type Os } from '@pact-config/env';
import type { DirectoryLocation } from '@pact-config/paths';
import { describe, expect, it } from 'vitest';
import { detectLegacyPactDir, isExplicit, sharedLocations } from '../src/index.js';
import { codes } from './helpers.js';

const host = (
  os: Os,
  env: EnvRecord,
  files: Record<string, string>,
  dirs: string[] = [],
  home = os === 'windows' ? 'C:\\Users\\me' : '/home/me',
): Host => ({ os, env, home, cwd: home, fs: memoryFs(files, { os, dirs }) });

const legacyTree = {
  '/home/me/.pact/plugins/csv-0.0.6/pact-plugin.json': '{}',
  '/home/me/.pact/config.toml': '[pact]\n',
};

describe('RFC "Shared Files": locating the data home and plugin directory', () => {
  it('from a host: the OS location, and <data home>/plugins', () => {
    const r = sharedLocations(host('linux', {}, {}));
    expect(r.dataHome.path).toBe('/home/me/.local/share/pact');
    expect(r.pluginDir.path).toBe('/home/me/.local/share/pact/plugins');
    expect(isExplicit(r.dataHome)).toBe(false);
  });
  it('from a host: PACT_DATA_HOME and PACT_PLUGIN_DIR are explicit', () => {
    const r = sharedLocations(
      host('linux', { PACT_DATA_HOME: '/data/pact', PACT_PLUGIN_DIR: '~/plugins' }, {}),
    );
    expect(r.dataHome).toMatchObject({ path: '/data/pact', rule: 'env' });
    expect(r.pluginDir).toMatchObject({ path: '/home/me/plugins', rule: 'env' });
    expect(isExplicit(r.pluginDir)).toBe(true);
  });
  it('from a host on Windows: %APPDATA%\\pact', () => {
    const r = sharedLocations(host('windows', { APPDATA: 'C:\\Users\\me\\AppData\\Roaming' }, {}));
    expect(r.pluginDir.path).toBe('C:\\Users\\me\\AppData\\Roaming\\pact\\plugins');
  });
  it('from a loaded configuration: its layered locations, as they are', () => {
    const dataHome: DirectoryLocation = {
      path: '/p/.pact-data',
      rule: 'config',
      source: { kind: 'local', file: '/p/pact.toml', line: 2, column: 13 },
      considered: [],
      diagnostics: [],
    };
    const pluginDir = { ...dataHome, path: '/p/.pact-data/plugins', rule: 'data-home' as const };
    const r = sharedLocations({ pact: { dataHome, pluginDir } });
    expect(r.dataHome).toBe(dataHome);
    expect(r.pluginDir).toBe(pluginDir);
    expect(r.diagnostics).toEqual([]);
  });
});

describe('RFC "Shared Files" / "Drawbacks": the legacy ~/.pact', () => {
  it('on a known OS with nothing explicit: legacy-pact-dir, with both ways out and the concrete paths', () => {
    const r = detectLegacyPactDir(host('linux', {}, legacyTree));
    expect(r.legacy).toEqual({
      path: '/home/me/.pact',
      hasPlugins: true,
      hasConfig: true,
      dataHomeTarget: '/home/me/.local/share/pact',
      configTarget: '/home/me/.config/pact/config.toml',
    });
    expect(codes(r.diagnostics)).toEqual(['legacy-pact-dir']);
    const d = r.diagnostics[0]!;
    expect(d.severity).toBe('warning');
    expect(d.message).toContain('/home/me/.pact exists (with plugins and a config.toml)');
    // Move it …
    expect(d.hint).toContain('/home/me/.pact/plugins to /home/me/.local/share/pact/plugins');
    expect(d.hint).toContain('/home/me/.pact/config.toml to /home/me/.config/pact/config.toml');
    // … or keep it (RFC "Drawbacks").
    expect(d.hint).toContain('export PACT_CONFIG_FILE=/home/me/.pact/config.toml');
    expect(d.hint).toContain('data-home = "."');
    expect(d.hint).toContain('export PACT_DATA_HOME=/home/me/.pact');
  });
  it('macOS is Unix-like: the same warning', () => {
    const r = detectLegacyPactDir(
      host('macos', {}, { '/Users/me/.pact/plugins/x/y': '' }, [], '/Users/me'),
    );
    expect(codes(r.diagnostics)).toEqual(['legacy-pact-dir']);
    expect(r.diagnostics[0]?.hint).toContain('/Users/me/.local/share/pact/plugins');
  });
  it('Windows: %APPDATA% paths and `set` in the hint', () => {
    const r = detectLegacyPactDir(
      host(
        'windows',
        { APPDATA: 'C:\\Users\\me\\AppData\\Roaming' },
        { 'C:\\Users\\me\\.pact\\plugins\\csv-0.0.6\\pact-plugin.json': '{}' },
      ),
    );
    expect(codes(r.diagnostics)).toEqual(['legacy-pact-dir']);
    expect(r.diagnostics[0]?.hint).toContain('C:\\Users\\me\\AppData\\Roaming\\pact\\plugins');
    expect(r.diagnostics[0]?.hint).toContain('set PACT_DATA_HOME=C:\\Users\\me\\.pact');
  });
  it('must not warn when the data home is set explicitly: PACT_DATA_HOME (even ~/.pact itself)', () => {
    for (const value of ['/home/me/.pact', '/elsewhere']) {
      const r = detectLegacyPactDir(host('linux', { PACT_DATA_HOME: value }, legacyTree));
      expect(r.diagnostics).toEqual([]);
      expect(r.legacy?.path).toBe('/home/me/.pact');
    }
  });
  it('must not warn when the loaded configuration set the data home (data-home = "." in ~/.pact/config.toml)', () => {
    const h = host('linux', { PACT_CONFIG_FILE: '/home/me/.pact/config.toml' }, legacyTree);
    expect(detectLegacyPactDir(h, { dataHome: { rule: 'config' } }).diagnostics).toEqual([]);
    expect(codes(detectLegacyPactDir(h, { dataHome: { rule: 'fallback' } }).diagnostics)).toEqual([
      'legacy-pact-dir',
    ]);
  });
  it('an empty PACT_DATA_HOME counts as unset (D1): the warning is given', () => {
    const r = detectLegacyPactDir(host('linux', { PACT_DATA_HOME: '' }, legacyTree));
    expect(codes(r.diagnostics)).toEqual(['legacy-pact-dir']);
  });
  it('no warning on an unknown OS, where ~/.pact is the data home', () => {
    const r = detectLegacyPactDir(host('unknown', {}, legacyTree));
    expect(r.diagnostics).toEqual([]);
    expect(r.legacy?.hasPlugins).toBe(true);
  });
  it('nothing when ~/.pact does not exist, is a file, or there is no home', () => {
    expect(detectLegacyPactDir(host('linux', {}, {}))).toEqual({ diagnostics: [] });
    expect(detectLegacyPactDir(host('linux', {}, { '/home/me/.pact': 'x' }))).toEqual({
      diagnostics: [],
    });
    expect(detectLegacyPactDir({ ...host('linux', {}, legacyTree), home: undefined })).toEqual({
      diagnostics: [],
    });
  });
  it('a ~/.pact with only a config.toml: still reported, the hint skips the plugins', () => {
    const r = detectLegacyPactDir(host('linux', {}, { '/home/me/.pact/config.toml': '' }));
    expect(r.diagnostics[0]?.message).toContain('(with a config.toml)');
    expect(r.diagnostics[0]?.hint).not.toContain('/home/me/.pact/plugins');
  });
});
