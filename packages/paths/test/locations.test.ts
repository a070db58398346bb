import { type EnvRecord, type Os, PactConfigError } from '@pact-config/env';
import { describe, expect, it } from 'vitest';
import {
  dataHomeCandidates,
  locateConfigFile,
  locateDataHome,
  locatePluginDir,
  type PathKind,
  type Probe,
  userConfigCandidates,
} from '../src/index.js';

const probeOf =
  (files: string[] = [], dirs: string[] = []): Probe =>
  (p): PathKind =>
    files.includes(p) ? 'file' : dirs.includes(p) ? 'directory' : 'missing';

const ctx = (os: Os, env: EnvRecord = {}, ...rest: [home?: string | undefined, cwd?: string]) => ({
  os,
  env,
  home: rest.length > 0 ? rest[0] : '/home/user',
  cwd: rest[1] ?? '/home/user/project',
});
const win = (env: EnvRecord = { APPDATA: 'C:\\Users\\me\\AppData\\Roaming' }) =>
  ctx('windows', env, 'C:\\Users\\me', 'C:\\work');
const codes = (ds: readonly { code: string }[]) => ds.map((d) => d.code);

describe('RFC "Location": user configuration file candidates', () => {
  it('Linux: $XDG_CONFIG_HOME/pact/config.toml, default ~/.config', () => {
    expect(userConfigCandidates(ctx('linux')).primary).toEqual({
      path: '/home/user/.config/pact/config.toml',
      rule: 'xdg-default',
      source: { kind: 'default', detail: '~/.config' },
    });
    expect(userConfigCandidates(ctx('linux', { XDG_CONFIG_HOME: '/xdg' })).primary).toEqual({
      path: '/xdg/pact/config.toml',
      rule: 'xdg',
      source: { kind: 'env', name: 'XDG_CONFIG_HOME' },
    });
  });
  it('macOS is Unix-like: XDG rules, not ~/Library', () => {
    expect(userConfigCandidates(ctx('macos', {}, '/Users/me')).primary?.path).toBe(
      '/Users/me/.config/pact/config.toml',
    );
    expect(
      userConfigCandidates(ctx('macos', { XDG_CONFIG_HOME: '/Users/me/Library/Preferences' }))
        .primary?.path,
    ).toBe('/Users/me/Library/Preferences/pact/config.toml');
  });
  it('ignores an empty or relative XDG_CONFIG_HOME, as the XDG spec says', () => {
    const empty = userConfigCandidates(ctx('linux', { XDG_CONFIG_HOME: '' }));
    expect(empty.primary?.path).toBe('/home/user/.config/pact/config.toml');
    expect(codes(empty.diagnostics)).toEqual(['env-empty']);
    const rel = userConfigCandidates(ctx('linux', { XDG_CONFIG_HOME: 'conf' }));
    expect(rel.primary?.path).toBe('/home/user/.config/pact/config.toml');
    expect(codes(rel.diagnostics)).toEqual(['xdg-relative']);
  });
  it('Windows: %APPDATA%\\pact\\config.toml, and XDG is not a Windows rule', () => {
    const c = userConfigCandidates(
      win({ APPDATA: 'C:\\Users\\me\\AppData\\Roaming', XDG_CONFIG_HOME: 'C:\\xdg' }),
    );
    expect(c.primary?.path).toBe('C:\\Users\\me\\AppData\\Roaming\\pact\\config.toml');
    expect(c.fallback?.path).toBe('C:\\Users\\me\\.pact\\config.toml');
  });
  it('Windows without APPDATA: only the fallback, with appdata-missing', () => {
    const c = userConfigCandidates(win({}));
    expect(c.primary).toBeUndefined();
    expect(c.fallback?.path).toBe('C:\\Users\\me\\.pact\\config.toml');
    expect(codes(c.diagnostics)).toEqual(['appdata-missing']);
    expect(codes(userConfigCandidates(win({ APPDATA: 'Roaming' })).diagnostics)).toEqual([
      'appdata-missing',
    ]);
  });
  it('unknown OS: only the fallback ~/.pact/config.toml', () => {
    const c = userConfigCandidates(ctx('unknown', { XDG_CONFIG_HOME: '/xdg' }));
    expect(c.primary).toBeUndefined();
    expect(c.fallback?.path).toBe('/home/user/.pact/config.toml');
  });
  it('no home: XDG still works; with nothing at all, home-unknown', () => {
    expect(
      userConfigCandidates(ctx('linux', { XDG_CONFIG_HOME: '/xdg' }, undefined)).primary?.path,
    ).toBe('/xdg/pact/config.toml');
    const none = userConfigCandidates(ctx('linux', {}, undefined));
    expect(none.primary).toBeUndefined();
    expect(none.fallback).toBeUndefined();
    expect(codes(none.diagnostics)).toEqual(['home-unknown']);
  });
});

describe('RFC "Location": choosing the user configuration file', () => {
  const primary = '/home/user/.config/pact/config.toml';
  const fallback = '/home/user/.pact/config.toml';

  it('uses the OS location when the file is there, without a warning', () => {
    const r = locateConfigFile(ctx('linux'), { probe: probeOf([primary]) });
    expect(r.file).toMatchObject({ path: primary, role: 'user', rule: 'xdg-default' });
    expect(r.diagnostics).toEqual([]);
  });
  it('reads the fallback on a known OS with a warning to relocate (should)', () => {
    const r = locateConfigFile(ctx('linux'), { probe: probeOf([fallback]) });
    expect(r.file).toMatchObject({ path: fallback, role: 'user', rule: 'fallback' });
    expect(r.diagnostics).toMatchObject([
      { code: 'fallback-config-file', severity: 'warning', hint: expect.stringContaining(primary) },
    ]);
  });
  it('uses the fallback on an unknown OS without a warning (should)', () => {
    const r = locateConfigFile(ctx('unknown'), { probe: probeOf([fallback]) });
    expect(r.file?.path).toBe(fallback);
    expect(r.diagnostics).toEqual([]);
  });
  it('with both files, reads the OS one and says the other is ignored (decision D4)', () => {
    const r = locateConfigFile(ctx('linux'), { probe: probeOf([primary, fallback]) });
    expect(r.file?.path).toBe(primary);
    expect(codes(r.diagnostics)).toEqual(['multiple-user-config']);
  });
  it('gives no file when there is none, listing what it looked at', () => {
    const r = locateConfigFile(ctx('linux'), { probe: probeOf() });
    expect(r.file).toBeUndefined();
    expect(r.considered.map((c) => [c.path, c.kind])).toEqual([
      [primary, 'missing'],
      [fallback, 'missing'],
    ]);
  });
  it('skips a directory at the candidate path', () => {
    expect(locateConfigFile(ctx('linux'), { probe: probeOf([], [primary]) }).file).toBeUndefined();
  });
  it('Windows: reads %APPDATA%\\pact\\config.toml', () => {
    const p = 'C:\\Users\\me\\AppData\\Roaming\\pact\\config.toml';
    expect(locateConfigFile(win(), { probe: probeOf([p]) }).file?.path).toBe(p);
  });
  it('Windows without APPDATA: reads the fallback, and warns (the OS is known)', () => {
    const r = locateConfigFile(win({}), { probe: probeOf(['C:\\Users\\me\\.pact\\config.toml']) });
    expect(r.file?.path).toBe('C:\\Users\\me\\.pact\\config.toml');
    expect(codes(r.diagnostics)).toEqual(['appdata-missing', 'fallback-config-file']);
  });
});

describe('RFC "Location" / "Environment Variables": the explicit file', () => {
  it('PACT_CONFIG_FILE is used, and the fallback warning must not be shown', () => {
    const r = locateConfigFile(ctx('linux', { PACT_CONFIG_FILE: '/home/user/.pact/config.toml' }), {
      probe: probeOf(['/home/user/.pact/config.toml']),
    });
    expect(r.file).toEqual({
      path: '/home/user/.pact/config.toml',
      role: 'explicit',
      rule: 'env',
      source: { kind: 'env', name: 'PACT_CONFIG_FILE' },
    });
    expect(r.diagnostics).toEqual([]);
  });
  it('the command-line value wins over PACT_CONFIG_FILE', () => {
    const r = locateConfigFile(ctx('linux', { PACT_CONFIG_FILE: '/env.toml' }), {
      cli: { value: '/cli.toml', source: { kind: 'cli', name: '--config-file' } },
      probe: probeOf(['/cli.toml', '/env.toml']),
    });
    expect(r.file).toMatchObject({ path: '/cli.toml', role: 'explicit', rule: 'cli' });
  });
  it('resolves a relative or ~ value against the working directory or home', () => {
    const rel = locateConfigFile(ctx('linux', { PACT_CONFIG_FILE: 'conf/pact.toml' }), {
      probe: probeOf(['/home/user/project/conf/pact.toml']),
    });
    expect(rel.file?.path).toBe('/home/user/project/conf/pact.toml');
    const tilde = locateConfigFile(ctx('linux', { PACT_CONFIG_FILE: '~/.pact/config.toml' }), {
      probe: probeOf(['/home/user/.pact/config.toml']),
    });
    expect(tilde.file?.path).toBe('/home/user/.pact/config.toml');
  });
  it('must raise an error when the file does not exist, naming the path and the variable', () => {
    const run = () =>
      locateConfigFile(ctx('linux', { PACT_CONFIG_FILE: '/missing.toml' }), { probe: probeOf() });
    expect(run).toThrow(PactConfigError);
    expect(run).toThrow(/\/missing\.toml.*PACT_CONFIG_FILE/);
    try {
      run();
    } catch (e) {
      expect((e as PactConfigError).diagnostic).toMatchObject({
        code: 'explicit-config-missing',
        severity: 'error',
        source: { kind: 'env', name: 'PACT_CONFIG_FILE' },
      });
    }
  });
  it('raises explicit-config-not-file for a directory', () => {
    expect(() =>
      locateConfigFile(ctx('linux', { PACT_CONFIG_FILE: '/etc' }), {
        probe: probeOf([], ['/etc']),
      }),
    ).toThrow(expect.objectContaining({ code: 'explicit-config-not-file' }));
  });
  it('an empty PACT_CONFIG_FILE counts as unset (the empty-value policy)', () => {
    const r = locateConfigFile(ctx('linux', { PACT_CONFIG_FILE: '' }), { probe: probeOf() });
    expect(r.file).toBeUndefined();
    expect(codes(r.diagnostics)).toContain('env-empty');
  });
  it('Windows: a native PACT_CONFIG_FILE path, variable name in any case', () => {
    const r = locateConfigFile(win({ pact_config_file: 'D:\\cfg\\pact.toml' }), {
      probe: probeOf(['D:\\cfg\\pact.toml']),
    });
    expect(r.file?.path).toBe('D:\\cfg\\pact.toml');
  });
});

describe('RFC "Shared Files": the data home', () => {
  const xdgData = '/home/user/.local/share/pact';
  const legacy = '/home/user/.pact';

  it('candidates per OS', () => {
    expect(dataHomeCandidates(ctx('linux')).primary?.path).toBe(xdgData);
    expect(dataHomeCandidates(ctx('linux', { XDG_DATA_HOME: '/data' })).primary?.path).toBe(
      '/data/pact',
    );
    expect(dataHomeCandidates(ctx('macos', {}, '/Users/me')).primary?.path).toBe(
      '/Users/me/.local/share/pact',
    );
    expect(dataHomeCandidates(win()).primary?.path).toBe('C:\\Users\\me\\AppData\\Roaming\\pact');
    expect(dataHomeCandidates(ctx('unknown')).primary).toBeUndefined();
    expect(dataHomeCandidates(ctx('unknown')).fallback?.path).toBe(legacy);
  });
  it('PACT_DATA_HOME must be used, and no fallback warning is shown', () => {
    const r = locateDataHome(ctx('linux', { PACT_DATA_HOME: '/srv/pact' }), {
      probe: probeOf([], [legacy]),
    });
    expect(r).toMatchObject({
      path: '/srv/pact',
      rule: 'env',
      source: { kind: 'env', name: 'PACT_DATA_HOME' },
    });
    expect(r.diagnostics).toEqual([]);
  });
  it('the command line wins over PACT_DATA_HOME, which wins over the file', () => {
    const fileValue = {
      value: '/from/file',
      source: { kind: 'local' as const, file: '/p/pact.toml', line: 2, column: 1 },
    };
    expect(
      locateDataHome(ctx('linux', { PACT_DATA_HOME: '/env' }), {
        cli: { value: '/cli', source: { kind: 'cli', name: '--data-home' } },
        config: fileValue,
        probe: probeOf(),
      }).path,
    ).toBe('/cli');
    expect(
      locateDataHome(ctx('linux', { PACT_DATA_HOME: '/env' }), {
        config: fileValue,
        probe: probeOf(),
      }).path,
    ).toBe('/env');
    const fromFile = locateDataHome(ctx('linux'), {
      config: fileValue,
      probe: probeOf([], [legacy]),
    });
    expect(fromFile).toMatchObject({
      path: '/from/file',
      rule: 'config',
      source: fileValue.source,
    });
    expect(fromFile.diagnostics).toEqual([]);
  });
  it('defaults to the OS location even when it does not exist yet', () => {
    const r = locateDataHome(ctx('linux'), { probe: probeOf() });
    expect(r).toMatchObject({ path: xdgData, rule: 'xdg-default' });
    expect(r.diagnostics).toEqual([]);
  });
  it('uses an existing ~/.pact when the OS location does not exist, and warns (decision D6)', () => {
    const r = locateDataHome(ctx('linux'), { probe: probeOf([], [legacy]) });
    expect(r).toMatchObject({ path: legacy, rule: 'fallback' });
    expect(codes(r.diagnostics)).toEqual(['fallback-data-home']);
  });
  it('prefers the OS location when both exist, still warning about ~/.pact', () => {
    const r = locateDataHome(ctx('linux'), { probe: probeOf([], [legacy, xdgData]) });
    expect(r.path).toBe(xdgData);
    expect(codes(r.diagnostics)).toEqual(['fallback-data-home']);
  });
  it('on an unknown OS the fallback is the location, without a warning', () => {
    const r = locateDataHome(ctx('unknown'), { probe: probeOf([], [legacy]) });
    expect(r.path).toBe(legacy);
    expect(r.diagnostics).toEqual([]);
  });
  it('Windows: %APPDATA%\\pact', () => {
    expect(locateDataHome(win(), { probe: probeOf() }).path).toBe(
      'C:\\Users\\me\\AppData\\Roaming\\pact',
    );
  });
});

describe('RFC "Environment Variables": PACT_PLUGIN_DIR defaults to $PACT_DATA_HOME/plugins', () => {
  const dataHome = locateDataHome(ctx('linux', { PACT_DATA_HOME: '/srv/pact' }), {
    probe: probeOf(),
  });
  it('defaults under the data home', () => {
    expect(locatePluginDir(ctx('linux'), { dataHome })).toMatchObject({
      path: '/srv/pact/plugins',
      rule: 'data-home',
      source: { kind: 'default' },
    });
  });
  it('PACT_PLUGIN_DIR, then the file, then the default', () => {
    const config = {
      value: '/file/plugins',
      source: { kind: 'user' as const, file: '/u/config.toml' },
    };
    expect(
      locatePluginDir(ctx('linux', { PACT_PLUGIN_DIR: '/env/plugins' }), { dataHome, config }).path,
    ).toBe('/env/plugins');
    expect(locatePluginDir(ctx('linux'), { dataHome, config }).path).toBe('/file/plugins');
    expect(
      locatePluginDir(ctx('linux'), {
        dataHome,
        cli: { value: '/cli/p', source: { kind: 'cli', name: '--plugin-dir' } },
      }).path,
    ).toBe('/cli/p');
  });
  it('Windows: under the data home in Windows form', () => {
    const wdh = locateDataHome(win(), { probe: probeOf() });
    expect(locatePluginDir(win(), { dataHome: wdh }).path).toBe(
      'C:\\Users\\me\\AppData\\Roaming\\pact\\plugins',
    );
  });
});
