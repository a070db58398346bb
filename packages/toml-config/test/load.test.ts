import {
  type EnvRecord,
  type Host,
  type HostFs,
  type MemoryFiles,
  memoryFs,
  type Os,
  PactConfigError,
  Secret,
} from '@pact-config/env';
import { describe, expect, it } from 'vitest';
import { type CliLayer, loadConfig, loadConfigSync, type PactConfigLayers } from '../src/index.js';

const HOME = '/home/user';
const CWD = '/home/user/project';
const USER = '/home/user/.config/pact/config.toml';
const LOCAL = '/home/user/project/pact.toml';

function host(
  files: MemoryFiles,
  env: EnvRecord = {},
  more: Partial<Host> & { dirs?: string[] } = {},
): Host {
  const os: Os = more.os ?? 'linux';
  return {
    os,
    env,
    home: 'home' in more ? more.home : HOME,
    cwd: 'cwd' in more ? more.cwd : CWD,
    fs: more.fs ?? memoryFs(files, { os, dirs: more.dirs ?? [] }),
  };
}
const load = (h: Host, cli?: CliLayer) => loadConfigSync({ host: h, cli });
const codes = (c: PactConfigLayers) => c.diagnostics.map((d) => d.code);
/** values() with secrets revealed and sources reduced to their kind, for comparison. */
const flat = (c: PactConfigLayers, ident?: string) =>
  Object.fromEntries(
    Object.entries(c.values(ident)).map(([k, v]) => [
      k,
      [v.value instanceof Secret ? v.value.reveal() : v.value, v.source.kind],
    ]),
  );

function failingRead(inner: HostFs, path: string, code = 'EACCES'): HostFs {
  const fail = () => {
    throw Object.assign(new Error(`${code}: permission denied, open '${path}'`), { code });
  };
  return {
    readFileSync: (p) => (p === path ? fail() : inner.readFileSync(p)),
    statSync: (p, o) => inner.statSync(p, o),
    promises: {
      readFile: async (p) => (p === path ? fail() : inner.promises.readFile(p)),
      stat: (p) => inner.promises.stat(p),
    },
  };
}

describe('RFC Precedence: which files are read', () => {
  it('the local file is merged over the user file, key by key', () => {
    const c = load(
      host({
        [USER]: '[broker]\nbase-url = "https://user.example"\n[pact]\ndo-not-track = true\n',
        [LOCAL]: '[broker]\nbase-url = "https://local.example"\n',
      }),
    );
    expect(c.files).toEqual([
      { path: LOCAL, role: 'local' },
      { path: USER, role: 'user' },
    ]);
    expect(c.broker.baseUrl).toMatchObject({
      value: 'https://local.example',
      source: { kind: 'local', file: LOCAL, line: 2, column: 1, key: 'broker.base-url' },
    });
    expect(c.pact.doNotTrack).toMatchObject({ value: true, source: { kind: 'user', file: USER } });
  });

  it('no files: defaults only', () => {
    const c = load(host({}));
    expect(c.files).toEqual([]);
    expect(flat(c)).toEqual({
      'pact.data-home': ['/home/user/.local/share/pact', 'default'],
      'pact.plugin-dir': ['/home/user/.local/share/pact/plugins', 'default'],
      'pact.do-not-track': [false, 'default'],
    });
    expect(c.diagnostics).toEqual([]);
  });

  it('PACT_CONFIG_FILE is the only file read: local and user files are ignored', () => {
    const c = load(
      host(
        {
          [USER]: '[broker]\nbase-url = "https://user.example"\n',
          [LOCAL]: '[broker]\nbase-url = "https://local.example"\n',
          '/etc/pact.toml': '[pact]\ndo-not-track = true\n',
        },
        { PACT_CONFIG_FILE: '/etc/pact.toml' },
      ),
    );
    expect(c.files).toEqual([{ path: '/etc/pact.toml', role: 'explicit' }]);
    expect(c.broker.baseUrl).toBeUndefined();
    expect(c.pact.doNotTrack.source).toMatchObject({ kind: 'explicit', file: '/etc/pact.toml' });
  });

  it('the command-line file wins over PACT_CONFIG_FILE', () => {
    const c = load(host({ '/a.toml': '', '/b.toml': '' }, { PACT_CONFIG_FILE: '/a.toml' }), {
      configFile: '/b.toml',
    });
    expect(c.files).toEqual([{ path: '/b.toml', role: 'explicit' }]);
  });

  it('a relative explicit file resolves against the working directory (D9)', () => {
    const c = load(host({ [`${CWD}/conf/p.toml`]: '' }, { PACT_CONFIG_FILE: 'conf/p.toml' }));
    expect(c.files).toEqual([{ path: `${CWD}/conf/p.toml`, role: 'explicit' }]);
  });

  it('an explicit file that is missing throws explicit-config-missing naming the path and the variable (D19)', () => {
    const h = host({ [LOCAL]: '' }, { PACT_CONFIG_FILE: '/nope.toml' });
    let error: unknown;
    try {
      load(h);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PactConfigError);
    const e = error as PactConfigError;
    expect(e.code).toBe('explicit-config-missing');
    expect(e.message).toContain('/nope.toml');
    expect(e.message).toContain('PACT_CONFIG_FILE');
  });

  it('an explicit file that is a directory throws explicit-config-not-file naming the option (D19)', () => {
    const h = host({}, {}, { dirs: ['/conf'] });
    expect(() =>
      loadConfigSync({
        host: h,
        cli: { configFile: '/conf' },
        cliNames: { 'config-file': '--config' },
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'explicit-config-not-file',
        message: expect.stringContaining('--config'),
      }),
    );
  });

  it('an explicit file that cannot be read throws config-unreadable naming the path and where it was set', async () => {
    const inner = memoryFs({ '/etc/p.toml': '' });
    const h = host(
      {},
      { PACT_CONFIG_FILE: '/etc/p.toml' },
      { fs: failingRead(inner, '/etc/p.toml') },
    );
    expect(() => load(h)).toThrow(
      expect.objectContaining({
        code: 'config-unreadable',
        message: expect.stringMatching(/\/etc\/p\.toml.*PACT_CONFIG_FILE.*EACCES/),
      }),
    );
    await expect(loadConfig({ host: h })).rejects.toMatchObject({ code: 'config-unreadable' });
  });

  it('an explicit file that does not parse is an error diagnostic; other layers still apply (D18)', () => {
    const c = load(
      host(
        { '/p.toml': '[pact\n' },
        { PACT_CONFIG_FILE: '/p.toml', PACT_BROKER_BASE_URL: 'http://env' },
      ),
    );
    expect(codes(c)).toEqual(['toml-syntax']);
    expect(c.files).toEqual([{ path: '/p.toml', role: 'explicit' }]);
    expect(c.broker.baseUrl?.value).toBe('http://env');
  });

  it('a local file that does not parse is ignored; the user file still applies (D18)', () => {
    const c = load(
      host({ [LOCAL]: '[broker]\nbase-url = \n', [USER]: '[broker]\nbase-url = "https://user"\n' }),
    );
    expect(codes(c)).toEqual(['toml-syntax']);
    expect(c.broker.baseUrl).toMatchObject({ value: 'https://user', source: { kind: 'user' } });
  });

  it('a local file that cannot be read is config-unreadable, not listed as read; the user file applies', () => {
    const inner = memoryFs({
      [LOCAL]: '[pact]\ndo-not-track = true\n',
      [USER]: '[broker]\nbase-url = "https://u"\n',
    });
    const c = load(host({}, {}, { fs: failingRead(inner, LOCAL) }));
    expect(c.diagnostics).toMatchObject([
      { code: 'config-unreadable', severity: 'error', source: { kind: 'local', file: LOCAL } },
    ]);
    expect(c.files).toEqual([{ path: USER, role: 'user' }]);
    expect(c.pact.doNotTrack.value).toBe(false);
  });

  it('the user file at the fallback is read with fallback-config-file (D5)', () => {
    const c = load(host({ '/home/user/.pact/config.toml': '[pact]\ndo-not-track = true\n' }));
    expect(c.files).toEqual([{ path: '/home/user/.pact/config.toml', role: 'user' }]);
    expect(codes(c)).toContain('fallback-config-file');
  });

  it('no working directory: no local file, the user file is still read', () => {
    const c = load(host({ [LOCAL]: '', [USER]: '' }, {}, { cwd: undefined }));
    expect(c.files).toEqual([{ path: USER, role: 'user' }]);
  });

  it('two local names in one directory: pact.toml wins, local-config-both (D3)', () => {
    const c = load(
      host({
        [LOCAL]: '[pact]\ndo-not-track = true\n',
        [`${CWD}/.pact.toml`]: '[pact]\ndo-not-track = false\n',
      }),
    );
    expect(c.pact.doNotTrack.value).toBe(true);
    expect(codes(c)).toEqual(['local-config-both']);
  });
});

describe('RFC Precedence: command line over environment over files over defaults', () => {
  const files = {
    [USER]: '[broker]\nbase-url = "https://user"\n',
    [LOCAL]: '[broker]\nbase-url = "https://local"\n',
  };

  it('PACT_BROKER_BASE_URL wins over the files', () => {
    const c = load(host(files, { PACT_BROKER_BASE_URL: 'https://env' }));
    expect(c.broker.baseUrl).toEqual({
      value: 'https://env',
      source: { kind: 'env', name: 'PACT_BROKER_BASE_URL' },
    });
  });

  it('the command line wins over the environment, with the option name', () => {
    const c = load(host(files, { PACT_BROKER_BASE_URL: 'https://env' }), {
      broker: { baseUrl: 'https://cli' },
    });
    expect(c.broker.baseUrl).toEqual({
      value: 'https://cli',
      source: { kind: 'cli', name: '--broker-base-url' },
    });
  });

  it('an empty variable counts as unset (D1): the file value is used', () => {
    const c = load(host(files, { PACT_BROKER_BASE_URL: '' }));
    expect(c.broker.baseUrl?.value).toBe('https://local');
    expect(codes(c)).toEqual(['env-empty']);
  });

  it('a base URL without protocol from the environment is reported and skipped', () => {
    const c = load(host(files, { PACT_BROKER_BASE_URL: 'broker.example' }));
    expect(c.diagnostics).toMatchObject([
      { code: 'base-url-no-protocol', source: { kind: 'env', name: 'PACT_BROKER_BASE_URL' } },
    ]);
    expect(c.broker.baseUrl?.value).toBe('https://local');
  });

  it('values() lists every value with its source kind', () => {
    const c = load(host(files, { PACT_BROKER_TOKEN: 't' }), { doNotTrack: true });
    expect(flat(c)).toEqual({
      'pact.data-home': ['/home/user/.local/share/pact', 'default'],
      'pact.plugin-dir': ['/home/user/.local/share/pact/plugins', 'default'],
      'pact.do-not-track': [true, 'cli'],
      'broker.base-url': ['https://local', 'local'],
      'broker.auth.token': ['t', 'env'],
    });
  });
});

describe('RFC Precedence: the auth block is replaced as a whole (D14, D12)', () => {
  const basicInFile = { [LOCAL]: '[broker]\nauth = { username = "fu", password = "fp" }\n' };

  it('PACT_BROKER_TOKEN drops the username and password of a file', () => {
    const c = load(host(basicInFile, { PACT_BROKER_TOKEN: 'envtoken' }));
    expect(c.broker.auth?.username).toBeUndefined();
    expect(c.broker.auth?.password).toBeUndefined();
    expect(c.broker.auth?.token?.value.reveal()).toBe('envtoken');
    expect(c.broker.scheme).toBe('bearer');
    expect(codes(c)).not.toContain('auth-token-and-basic');
  });

  it('PACT_BROKER_USERNAME alone replaces the whole file block (no password from the file)', () => {
    const c = load(host(basicInFile, { PACT_BROKER_USERNAME: 'eu' }));
    expect(c.broker.auth?.username).toEqual({
      value: 'eu',
      source: { kind: 'env', name: 'PACT_BROKER_USERNAME' },
    });
    expect(c.broker.auth?.password).toBeUndefined();
    expect(c.broker.scheme).toBe('basic');
  });

  it('a local token replaces a user username/password', () => {
    const c = load(
      host({
        [USER]: '[broker]\nauth = { username = "u", password = "p" }\n',
        [LOCAL]: '[broker.auth]\ntoken = "lt"\n',
      }),
    );
    expect(Object.keys(c.broker.auth ?? {})).toEqual(['token']);
    expect(c.broker.auth?.token?.source).toMatchObject({ kind: 'local', line: 2 });
  });

  it('a command-line username replaces an environment token', () => {
    const c = load(host({}, { PACT_BROKER_TOKEN: 't' }), {
      broker: { username: 'cu', password: new Secret('cp') },
    });
    expect(c.broker.auth?.token).toBeUndefined();
    expect(c.broker.auth?.password?.value.reveal()).toBe('cp');
    expect(c.broker.auth?.password?.source).toEqual({ kind: 'cli', name: '--broker-password' });
  });

  it('an empty auth block in a higher file does not replace a lower one', () => {
    const c = load(
      host({ [USER]: '[broker]\nauth = { token = "ut" }\n', [LOCAL]: '[broker]\nauth = {}\n' }),
    );
    expect(c.broker.auth?.token?.value.reveal()).toBe('ut');
  });

  it('token and basic in the winning block: both kept, warning auth-token-and-basic, scheme bearer (D12)', () => {
    const c = load(
      host({}, { PACT_BROKER_TOKEN: 't', PACT_BROKER_USERNAME: 'u', PACT_BROKER_PASSWORD: 'p' }),
    );
    expect(c.broker.auth?.username?.value).toBe('u');
    expect(c.broker.auth?.token?.value.reveal()).toBe('t');
    expect(c.broker.scheme).toBe('bearer');
    expect(c.diagnostics).toMatchObject([{ code: 'auth-token-and-basic', severity: 'warning' }]);
  });

  it('token and basic in one file block warn too', () => {
    const c = load(host({ [LOCAL]: '[broker]\nauth = { token = "t", username = "u" }\n' }));
    expect(codes(c)).toEqual(['auth-token-and-basic']);
  });

  it('credentials inside the base URL are taken out, percent-decoded, as the lowest block (D13)', () => {
    const c = load(
      host({}, { PACT_BROKER_BASE_URL: 'https://user:se%40cret@localhost:12345/pb/' }),
    );
    expect(c.broker.baseUrl).toEqual({
      value: 'https://localhost:12345/pb/',
      source: { kind: 'env', name: 'PACT_BROKER_BASE_URL' },
    });
    expect(c.broker.auth?.username?.value).toBe('user');
    expect(c.broker.auth?.password?.value.reveal()).toBe('se@cret');
    expect(c.broker.scheme).toBe('basic');
    expect(JSON.stringify(c.values())).not.toContain('se@cret');
  });

  it('explicit credentials in any layer win over those in the URL (D13)', () => {
    const c = load(
      host({ [LOCAL]: '[broker.auth]\ntoken = "ft"\n' }, { PACT_BROKER_BASE_URL: 'https://u:p@h' }),
    );
    expect(Object.keys(c.broker.auth ?? {})).toEqual(['token']);
    expect(codes(c)).toEqual([]);
  });

  it('a stray % in URL credentials, or a URL that does not parse, is base-url-invalid without showing them', () => {
    const c = load(
      host(
        { [LOCAL]: '[broker]\nbase-url = "https://file"\n' },
        { PACT_BROKER_BASE_URL: 'https://user:50%off@h' },
      ),
    );
    expect(c.diagnostics).toMatchObject([{ code: 'base-url-invalid', source: { kind: 'env' } }]);
    expect(c.diagnostics[0]?.message).not.toContain('50%off');
    expect(c.broker.baseUrl?.value).toBe('https://file');
    expect(codes(load(host({}), { broker: { baseUrl: 'http://exa mple:99999' } }))).toEqual([
      'base-url-invalid',
    ]);
  });

  it('secrets are Secret everywhere and never in JSON, messages or diagnostics', () => {
    const c = load(
      host({ [LOCAL]: '[broker]\nauth = { token = "filetok", password = "filepw" }\n' }),
      {
        broker: { token: 'clitok' },
      },
    );
    expect(c.broker.auth?.token?.value).toBeInstanceOf(Secret);
    const dump = JSON.stringify({ ...c, values: c.values() });
    for (const s of ['filetok', 'filepw', 'clitok']) expect(dump).not.toContain(s);
    expect(c.configs[0]?.broker.auth?.password?.value).toBeInstanceOf(Secret);
  });
});

describe('RFC Path Handling and Shared Files: data home and plugin dir through the layers', () => {
  it('a relative data-home resolves against its own file: local and user differ', () => {
    const user = load(host({ [USER]: '[pact]\ndata-home = "data"\n' }));
    expect(user.pact.dataHome.path).toBe('/home/user/.config/pact/data');
    const local = load(
      host({ [USER]: '[pact]\ndata-home = "data"\n', [LOCAL]: '[pact]\ndata-home = "data"\n' }),
    );
    expect(local.pact.dataHome).toMatchObject({
      path: `${CWD}/data`,
      rule: 'config',
      source: { kind: 'local' },
    });
    expect(local.pact.pluginDir.path).toBe(`${CWD}/data/plugins`);
  });

  it('PACT_DATA_HOME wins over the file; --data-home over PACT_DATA_HOME', () => {
    const files = { [LOCAL]: '[pact]\ndata-home = "data"\nplugin-dir = "~/plugs"\n' };
    const env = load(host(files, { PACT_DATA_HOME: '/env/data' }));
    expect(env.pact.dataHome).toMatchObject({
      path: '/env/data',
      source: { kind: 'env', name: 'PACT_DATA_HOME' },
    });
    expect(env.pact.pluginDir).toMatchObject({
      path: '/home/user/plugs',
      source: { kind: 'local' },
    });
    const cli = load(host(files, { PACT_DATA_HOME: '/env/data' }), {
      dataHome: '/cli/data',
      pluginDir: 'rel',
    });
    expect(cli.pact.dataHome).toMatchObject({
      path: '/cli/data',
      source: { kind: 'cli', name: '--data-home' },
    });
    expect(cli.pact.pluginDir.path).toBe(`${CWD}/rel`);
  });

  it('the fallback ~/.pact is reported when it exists and nothing is explicit (D6)', () => {
    const c = load(host({}, {}, { dirs: ['/home/user/.pact'] }));
    expect(c.pact.dataHome.path).toBe('/home/user/.pact');
    expect(codes(c)).toEqual(['fallback-data-home']);
    const set = load(
      host({ [LOCAL]: '[pact]\ndata-home = "d"\n' }, {}, { dirs: ['/home/user/.pact'] }),
    );
    expect(codes(set)).toEqual([]);
  });

  it('an empty PACT_DATA_HOME is reported once, not once per rule', () => {
    const c = load(host({}, { PACT_DATA_HOME: '' }));
    expect(codes(c)).toEqual(['env-empty']);
  });
});

describe('RFC Environment Variables: do-not-track', () => {
  it('default false; file true; env presence whatever its value (D2)', () => {
    expect(load(host({})).pact.doNotTrack).toMatchObject({
      value: false,
      source: { kind: 'default' },
    });
    expect(load(host({ [LOCAL]: '[pact]\ndo-not-track = true\n' })).pact.doNotTrack.value).toBe(
      true,
    );
    for (const v of ['', 'false', '0']) {
      const c = load(host({ [LOCAL]: '[pact]\ndo-not-track = false\n' }, { PACT_DO_NOT_TRACK: v }));
      expect(c.pact.doNotTrack).toEqual({
        value: true,
        source: { kind: 'env', name: 'PACT_DO_NOT_TRACK' },
      });
    }
  });

  it('a command-line true wins; a command-line false beats only the default (D29)', () => {
    expect(load(host({}), { doNotTrack: true }).pact.doNotTrack).toMatchObject({
      value: true,
      source: { kind: 'cli' },
    });
    expect(load(host({}), { doNotTrack: false }).pact.doNotTrack).toMatchObject({
      value: false,
      source: { kind: 'cli' },
    });
    const files = { [LOCAL]: '[pact]\ndo-not-track = true\n' };
    expect(load(host(files), { doNotTrack: false }).pact.doNotTrack).toMatchObject({
      value: true,
      source: { kind: 'local' },
    });
  });

  it('a command-line false cannot turn tracking back on while PACT_DO_NOT_TRACK is set (RFC must, D29)', () => {
    const c = load(host({}, { PACT_DO_NOT_TRACK: '1' }), { doNotTrack: false });
    expect(c.pact.doNotTrack).toMatchObject({ value: true, source: { kind: 'env' } });
  });

  it('a local false does not undo a user true (D29)', () => {
    const c = load(
      host({ [LOCAL]: '[pact]\ndo-not-track = false\n', [USER]: '[pact]\ndo-not-track = true\n' }),
    );
    expect(c.pact.doNotTrack).toMatchObject({ value: true, source: { kind: 'user' } });
    const f = load(host({ [LOCAL]: '[pact]\ndo-not-track = false\n', [USER]: '[pact]\n' }));
    expect(f.pact.doNotTrack).toMatchObject({ value: false, source: { kind: 'local' } });
  });
});

describe('RFC Format {ident} and Implementation Specific: ident tables', () => {
  const files = {
    [USER]:
      '[ruby]\nbar = "user"\nkeep = 1\n[ruby.deep]\nx = 1\ny = 2\n[net.foo]\ndisabled = true\n',
    [LOCAL]: '[ruby]\nbar = "local"\n[ruby.deep]\nx = 10\n',
  };

  it('merges local over user, deep by key, each key with its source (D20)', () => {
    const r = load(host(files)).ident('ruby');
    expect(r.values).toEqual({ bar: 'local', keep: 1, deep: { x: 10, y: 2 } });
    expect(r.sources.bar).toMatchObject({ kind: 'local', line: 2 });
    expect(r.sources.keep).toMatchObject({ kind: 'user', line: 3 });
    expect(r.sources['deep.x']).toMatchObject({ kind: 'local', line: 4 });
    expect(r.sources['deep.y']).toMatchObject({ kind: 'user', line: 6 });
  });

  it('PACT_{IDENT}_* variables win over the tables (D21)', () => {
    const r = load(
      host(files, { PACT_RUBY_BAR: 'env', PACT_RUBY_NEW_KEY: 'n', PACT_NET_X: 'other' }),
    ).ident('ruby');
    expect(r.values.bar).toBe('env');
    expect(r.values['new-key']).toBe('n');
    expect(r.sources['new-key']).toEqual({ kind: 'env', name: 'PACT_RUBY_NEW_KEY' });
    expect(r.values).not.toHaveProperty('x');
  });

  it('a variable replacing a sub-table drops that table and its sources', () => {
    const r = load(host(files, { PACT_RUBY_DEEP: 'flat' })).ident('ruby');
    expect(r.values.deep).toBe('flat');
    expect(r.sources['deep.x']).toBeUndefined();
    expect(r.sources.deep).toEqual({ kind: 'env', name: 'PACT_RUBY_DEEP' });
  });

  it('reads only its own ident; sub-tables of another ident stay nested', () => {
    const c = load(host(files));
    expect(c.ident('net').values).toEqual({ foo: { disabled: true } });
    expect(c.ident('NET').values).toEqual({ foo: { disabled: true } });
    expect(c.ident('js').values).toEqual({});
    expect(flat(c, 'net')['net.foo.disabled']).toEqual([true, 'user']);
    expect(flat(c, 'net')).not.toHaveProperty('ruby.bar');
  });

  it('results are null-prototype copies: mutating one does not change the next', () => {
    const c = load(host(files));
    const a = c.ident('ruby');
    expect(Object.getPrototypeOf(a.values)).toBeNull();
    expect(Object.getPrototypeOf(a.values.deep)).toBeNull();
    expect(Object.getPrototypeOf(c.values('ruby'))).toBeNull();
    (a.values.deep as Record<string, unknown>).x = 'changed';
    expect((c.ident('ruby').values.deep as Record<string, unknown>).x).toBe(10);
  });

  it('arrays, and tables inside arrays, are copies too', () => {
    const c = load(host({ [LOCAL]: '[ruby]\ntags = ["a", "b"]\nhooks = [{ name = "x" }]\n' }));
    const a = c.ident('ruby').values as { tags: string[]; hooks: { name: string }[] };
    a.tags.push('c');
    a.hooks[0]!.name = 'changed';
    expect(c.ident('ruby').values).toEqual({ tags: ['a', 'b'], hooks: [{ name: 'x' }] });
  });

  it('a key taken out of a file table after the load is left out of the merge, not merged as undefined', () => {
    const c = load(host({ [LOCAL]: '[ruby]\nx = 1\ny = 2\n[ruby.sub]\nz = 3\n' }));
    const table = c.configs[0]!.idents.get('ruby')!.values as Record<string, unknown>;
    delete table.y;
    delete (table.sub as Record<string, unknown>).z;
    const values = c.ident('ruby').values;
    expect(values).toEqual({ x: 1, sub: {} });
    expect(Object.keys(values)).toEqual(['x', 'sub']);
  });

  it('a reserved key in a table or a variable never reaches Object.prototype', () => {
    const c = load(
      host({
        [LOCAL]:
          '[ruby]\n__proto__ = { polluted = 1 }\n[ruby.x]\nconstructor = { prototype = 1 }\n',
      }),
    );
    expect(codes(c)).toEqual(['reserved-key', 'reserved-key']);
    expect(c.ident('ruby').values).toEqual({ x: {} });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('invalid or reserved ident names throw ident-invalid', () => {
    const c = load(host(files));
    for (const bad of ['pact', 'broker', 'my-tool', '', '1x']) {
      expect(() => c.ident(bad)).toThrow(expect.objectContaining({ code: 'ident-invalid' }));
    }
  });

  it('ident variables with a bad name are reported by ident()', () => {
    const r = load(host({}, { PACT_RUBY_bad: 'x' })).ident('ruby');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['ident-variable-ignored']);
  });
});

describe('RFC Location on Windows (memoryFs with Windows rules)', () => {
  const files = {
    'C:\\Users\\me\\AppData\\Roaming\\pact\\config.toml':
      '[pact]\nplugin-dir = "plugins"\n[broker]\nbase-url = "https://user"\n[ruby]\nbar = "u"\n',
    'C:\\work\\app\\.pact.toml': '[broker]\nauth = { token = "t" }\n',
  };
  const env = { APPDATA: 'C:\\Users\\me\\AppData\\Roaming', Pact_Ruby_Bar: 'env' };
  const h = () =>
    host(files, env, { os: 'windows', home: 'C:\\Users\\me', cwd: 'C:\\work\\app\\src' });

  it('reads %APPDATA%\\pact\\config.toml and the local file above the working directory', () => {
    const c = load(h());
    expect(c.files).toEqual([
      { path: 'C:\\work\\app\\.pact.toml', role: 'local' },
      { path: 'C:\\Users\\me\\AppData\\Roaming\\pact\\config.toml', role: 'user' },
    ]);
    expect(c.pact.pluginDir.path).toBe('C:\\Users\\me\\AppData\\Roaming\\pact\\plugins');
    expect(c.pact.dataHome.path).toBe('C:\\Users\\me\\AppData\\Roaming\\pact');
    expect(c.broker.baseUrl?.value).toBe('https://user');
  });

  it('variable names are case-insensitive on Windows, ident variables included', () => {
    const c = load(h());
    expect(c.ident('ruby').values.bar).toBe('env');
    const t = load(
      host(
        files,
        { ...env, pact_broker_token: 'wt' },
        { os: 'windows', home: 'C:\\Users\\me', cwd: 'C:\\x' },
      ),
    );
    expect(t.broker.auth?.token?.value.reveal()).toBe('wt');
  });

  it('PACT_CONFIG_FILE with forward slashes finds the file', () => {
    const c = load(
      host(
        files,
        { ...env, PACT_CONFIG_FILE: 'C:/work/app/.pact.toml' },
        { os: 'windows', home: 'C:\\Users\\me', cwd: 'C:\\' },
      ),
    );
    expect(c.files).toEqual([{ path: 'C:\\work\\app\\.pact.toml', role: 'explicit' }]);
  });
});

describe('RFC Precedence: the async loader gives the same result', () => {
  it('same files, values and diagnostics, errors included', async () => {
    const h = host(
      {
        [USER]: '[pact]\ndata-home = "d"\nbad = 1\n[ruby]\nx = 1\n',
        [LOCAL]: '[broker]\nbase-url = "https://l"\nauth = { token = "t", username = "u" }\n',
        [`${CWD}/.pact.toml`]: '',
      },
      { PACT_RUBY_Y: '2', PACT_DO_NOT_TRACK: '' },
      { dirs: ['/home/user/.pact'] },
    );
    const sync = load(h);
    const async = await loadConfig({ host: h });
    expect(async.files).toEqual(sync.files);
    expect(flat(async, 'ruby')).toEqual(flat(sync, 'ruby'));
    expect(async.diagnostics).toEqual(sync.diagnostics);
    expect(sync.diagnostics.length).toBeGreaterThan(2);
    await expect(
      loadConfig({ host: host({}, { PACT_CONFIG_FILE: '/missing' }) }),
    ).rejects.toBeInstanceOf(PactConfigError);
  });

  it('does the disk work the result needs: the walk, two reads; the D3/D4 stats wait for diagnostics', () => {
    const inner = memoryFs({
      // A data home set in the file: the OS rules for it (D6) need no probe.
      [USER]: '[pact]\ndata-home = "/d"\n',
      [LOCAL]: '[broker]\nbase-url = "https://l"\n',
      [`${CWD}/.pact.toml`]: '',
      '/home/user/.pact/config.toml': '',
    });
    const stats: string[] = [];
    const reads: string[] = [];
    const fs: HostFs = {
      ...inner,
      statSync: (p, o) => {
        stats.push(p);
        return inner.statSync(p, o);
      },
      readFileSync: (p) => {
        reads.push(p);
        return inner.readFileSync(p);
      },
    };
    const c = load(host({}, {}, { fs }));
    // One stat for the local file found at the first level; the user file is read unasked.
    expect(stats).toEqual([LOCAL]);
    expect(reads).toEqual([LOCAL, USER]);
    expect(c.broker.baseUrl?.value).toBe('https://l');
    // D3 and D4: one stat each, when the diagnostics are read; then kept.
    expect(codes(c)).toEqual(['local-config-both', 'multiple-user-config']);
    expect(stats).toEqual([LOCAL, `${CWD}/.pact.toml`, '/home/user/.pact/config.toml']);
    expect(c.diagnostics).toBe(c.diagnostics);
    expect(stats).toHaveLength(3);
  });

  it("with promises, every level of the walk is stat'ed at once, and the same files are read", async () => {
    const inner = memoryFs({ [USER]: '', '/home/pact.toml': '' });
    let inFlight = 0;
    let most = 0;
    const fs: HostFs = {
      ...inner,
      promises: {
        ...inner.promises,
        stat: async (p) => {
          inFlight++;
          most = Math.max(most, inFlight);
          await new Promise((r) => setTimeout(r, 1));
          inFlight--;
          return inner.promises.stat(p);
        },
      },
    };
    const h = host({}, {}, { fs });
    const c = await loadConfig({ host: h });
    expect(c.files.map((f) => f.path)).toEqual(['/home/pact.toml', USER]);
    // From /home/user/project up to /: four levels, two names each.
    expect(most).toBe(8);
    expect(load(h).files).toEqual(c.files);
  });

  it('stats each path at most once', () => {
    const inner = memoryFs({ [USER]: '', [LOCAL]: '' });
    const seen: string[] = [];
    const fs: HostFs = {
      ...inner,
      statSync: (p, o) => {
        seen.push(p);
        return inner.statSync(p, o);
      },
    };
    load(host({}, {}, { fs }));
    expect(new Set(seen).size).toBe(seen.length);
  });
});
