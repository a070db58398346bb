import { type Host, memoryFs, PactConfigError, Secret } from '@pact-config/env';
import { describe, expect, it } from 'vitest';
import { loadPactConfig, loadPactConfigSync } from '../src/index.js';

const files = {
  '/home/user/.config/pact/config.toml':
    '[pact]\ndo-not-track = true\n\n[ruby]\nbar = "user"\nonly-user = 1\n',
  '/home/user/project/.pact.toml':
    '[pact]\ndata-home = ".pact/data"\n\n[broker]\nbase-url = "https://broker.example/pact/"\nauth = { token = "file-token" }\n\n[ruby]\nbar = "local"\n\n[ruby.publish]\ntags = ["a"]\n',
};
const host = (env: Record<string, string> = {}, os: Host['os'] = 'linux'): Host => ({
  os,
  env,
  home: '/home/user',
  cwd: '/home/user/project/deep/er',
  fs: memoryFs(files),
});

describe('loadPactConfig: one call (RFC "Precedence", "Shared Files")', () => {
  it('gives pact, broker, ident, files, values and diagnostics; sync and async agree', async () => {
    const sync = loadPactConfigSync({ host: host() });
    const async = await loadPactConfig({ host: host() });
    for (const config of [sync, async]) {
      expect(config.files.map((f) => f.role)).toEqual(['local', 'user']);
      expect(config.pact.dataHome).toMatchObject({
        value: '/home/user/project/.pact/data',
        source: {
          kind: 'local',
          file: '/home/user/project/.pact.toml',
          line: 2,
          column: 1,
          key: 'pact.data-home',
        },
      });
      expect(config.pact.pluginDir?.value).toBe('/home/user/project/.pact/data/plugins');
      expect(config.pact.doNotTrack).toMatchObject({ value: true, source: { kind: 'user' } });
      expect(config.broker.baseUrl?.value).toBe('https://broker.example/pact/');
      expect(config.broker.auth?.token?.value).toBeInstanceOf(Secret);
      expect(config.broker.scheme).toBe('bearer');
      expect({ ...config.ident('ruby').values }).toMatchObject({ bar: 'local', 'only-user': 1 });
      expect(config.diagnostics).toEqual([]);
    }
    expect(JSON.stringify(sync.values('ruby'))).toBe(JSON.stringify(async.values('ruby')));
  });

  it('the ident table merges the PACT_{IDENT}_* variables over the files (RFC "Implementation Specific")', () => {
    const config = loadPactConfigSync({ host: host({ PACT_RUBY_BAR: 'env' }) });
    expect(config.ident('ruby').values.bar).toBe('env');
    expect(config.values('ruby')['ruby.bar']).toEqual({
      value: 'env',
      source: { kind: 'env', name: 'PACT_RUBY_BAR' },
    });
    expect(config.values('ruby')['ruby.publish.tags']?.source).toMatchObject({
      kind: 'local',
      line: 12,
    });
  });

  it('the command line wins, with the option as the source', () => {
    const config = loadPactConfigSync({
      host: host({ PACT_DATA_HOME: '/env' }),
      cli: { dataHome: '/cli', broker: { username: 'u', password: 'p' } },
      cliNames: { 'data-home': '--pact-data-home' },
    });
    expect(config.pact.dataHome).toEqual({
      value: '/cli',
      source: { kind: 'cli', name: '--pact-data-home' },
    });
    // A username on the command line replaces the file's whole auth block (RFC "broker": auth).
    expect(config.broker.auth?.token).toBeUndefined();
    expect(config.broker.scheme).toBe('basic');
  });

  it('an OS location is reported as the RFC default (D34), and the data home under XDG_DATA_HOME', () => {
    const bare = { ...host({ XDG_DATA_HOME: '/xdg' }), fs: memoryFs({}) };
    const config = loadPactConfigSync({ host: bare });
    expect(config.pact.dataHome).toEqual({
      value: '/xdg/pact',
      source: { kind: 'default', detail: '$XDG_DATA_HOME/pact' },
    });
    expect(config.pact.locations.dataHome.source).toEqual({ kind: 'env', name: 'XDG_DATA_HOME' });
  });

  it('throws the typed error only for an explicit file that is missing', () => {
    expect(() => loadPactConfigSync({ host: host({ PACT_CONFIG_FILE: '/nope.toml' }) })).toThrow(
      PactConfigError,
    );
    expect(() => loadPactConfigSync({ host: host(), cli: { configFile: '/nope.toml' } })).toThrow(
      /\/nope\.toml \(set by --config-file\) does not exist/,
    );
  });

  it('defaults to the running process as the host', () => {
    const config = loadPactConfigSync();
    expect(config.host.cwd).toBe(process.cwd());
    expect(config.host.env.PATH).toBe(process.env.PATH);
  });
  it('the result holds no closure made by the load: its methods are on the prototypes', () => {
    // A closure over a load's state, kept by its result, made V8 move every load's objects
    // to the old generation and tripled the time spent collecting garbage when a process
    // loads again and again (tools/bench/README.md, "Garbage collection").
    const config = loadPactConfigSync({ host: host() });
    for (const holder of [config, config.layers, config.broker]) {
      for (const [key, value] of Object.entries(holder)) {
        expect(typeof value, `${key} is an own function`).not.toBe('function');
      }
    }
    const { ident } = Object.getPrototypeOf(config) as { ident: unknown };
    expect(typeof ident).toBe('function');
    // Called as methods, they still answer.
    expect(config.values()['broker.base-url']?.value).toBe('https://broker.example/pact/');
    expect(config.layers.ident('ruby').values.bar).toBe('local');
  });
});
