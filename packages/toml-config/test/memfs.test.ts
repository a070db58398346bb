import type { Host } from '@pact-config/env';
import { createFsFromVolume, Volume } from 'memfs';
import { describe, expect, it } from 'vitest';
import { loadConfig, loadConfigSync } from '../src/index.js';

// The rules on an in-memory tree from memfs: its `fs` satisfies the host's small read interface
// as it is, so a tool's own tests can hand pact-config a memfs volume.
const tree = {
  '/home/user/.config/pact/config.toml':
    '[pact]\ndo-not-track = true\nplugin-dir = "plugins"\n\n[broker]\nbase-url = "https://user.example"\nauth = { username = "u", password = "p" }\n',
  '/home/user/work/app/pact.toml':
    '[broker]\nbase-url = "http://localhost:9292"\n\n[pact]\ndata-home = ".pact"\n',
  '/home/user/work/app/src/deep/.keep': '',
};
const host = (env: Record<string, string> = {}, cwd = '/home/user/work/app/src/deep'): Host => ({
  os: 'linux',
  env,
  home: '/home/user',
  cwd,
  fs: createFsFromVolume(Volume.fromJSON(tree)) as unknown as Host['fs'],
});

describe('RFC "Precedence" and "Location" on a memfs tree', () => {
  it('walks up to the local file and merges it over the user file (sync and async agree)', async () => {
    for (const config of [loadConfigSync({ host: host() }), await loadConfig({ host: host() })]) {
      expect(config.files).toEqual([
        { path: '/home/user/work/app/pact.toml', role: 'local' },
        { path: '/home/user/.config/pact/config.toml', role: 'user' },
      ]);
      expect(config.broker.baseUrl).toMatchObject({
        value: 'http://localhost:9292',
        source: { kind: 'local', file: '/home/user/work/app/pact.toml', line: 2, column: 1 },
      });
      // RFC "Path Handling": each file's relative paths resolve against that file.
      expect(config.pact.dataHome.path).toBe('/home/user/work/app/.pact');
      expect(config.pact.pluginDir.path).toBe('/home/user/.config/pact/plugins');
      expect(config.pact.doNotTrack).toMatchObject({ value: true, source: { kind: 'user' } });
      expect(config.broker.auth?.username?.value).toBe('u');
    }
  });

  it('the environment wins over both files, and a token replaces the whole auth block', () => {
    const config = loadConfigSync({
      host: host({ PACT_BROKER_BASE_URL: 'https://env.example', PACT_BROKER_TOKEN: 't' }),
    });
    expect(config.broker.baseUrl?.source).toEqual({ kind: 'env', name: 'PACT_BROKER_BASE_URL' });
    expect(config.broker.auth?.token?.value.reveal()).toBe('t');
    expect(config.broker.auth?.username).toBeUndefined();
    expect(config.broker.auth?.password).toBeUndefined();
  });

  it('an explicit file is the only file read', () => {
    const config = loadConfigSync({
      host: host({ PACT_CONFIG_FILE: '/home/user/.config/pact/config.toml' }),
    });
    expect(config.files).toEqual([
      { path: '/home/user/.config/pact/config.toml', role: 'explicit' },
    ]);
    expect(config.broker.baseUrl?.value).toBe('https://user.example');
  });

  it('an explicit file that is missing on the volume throws the typed error', () => {
    expect(() => loadConfigSync({ host: host({ PACT_CONFIG_FILE: '/nope.toml' }) })).toThrow(
      expect.objectContaining({ code: 'explicit-config-missing' }),
    );
  });
});
