import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  identVariables,
  PACT_VARIABLES,
  PactConfigError,
  readPactEnv,
  readVariable,
  rulesEnv,
  Secret,
} from '../src/index.js';

describe('readPactEnv (RFC "Environment Variables")', () => {
  it('reads every RFC variable with the variable as its source', () => {
    const { values, diagnostics } = readPactEnv({
      PACT_CONFIG_FILE: '/etc/pact.toml',
      PACT_DATA_HOME: '/data',
      PACT_PLUGIN_DIR: '/plugins',
      PACT_BROKER_BASE_URL: 'https://broker.example',
      PACT_BROKER_USERNAME: 'user',
      PACT_BROKER_PASSWORD: 'pw',
      PACT_BROKER_TOKEN: 'tok',
    });
    expect(diagnostics).toEqual([]);
    expect(values.configFile).toEqual({
      value: '/etc/pact.toml',
      source: { kind: 'env', name: 'PACT_CONFIG_FILE' },
    });
    expect(values.dataHome?.value).toBe('/data');
    expect(values.pluginDir?.value).toBe('/plugins');
    expect(values.broker.baseUrl?.source).toEqual({ kind: 'env', name: 'PACT_BROKER_BASE_URL' });
    expect(values.broker.username?.value).toBe('user');
    expect(values.broker.password?.value.reveal()).toBe('pw');
    expect(values.broker.token?.value.reveal()).toBe('tok');
    expect(values.doNotTrack).toBeUndefined();
  });

  it.each(['', 'false', '0', 'no', 'true', '1'])(
    'PACT_DO_NOT_TRACK=%j means do not track: set, regardless of its value',
    (value) => {
      const { values } = readPactEnv({ PACT_DO_NOT_TRACK: value });
      expect(values.doNotTrack).toEqual({
        value: true,
        source: { kind: 'env', name: 'PACT_DO_NOT_TRACK' },
      });
    },
  );

  it('treats an empty variable as unset, with an env-empty info diagnostic (the empty-value policy)', () => {
    const { values, diagnostics } = readPactEnv({ PACT_BROKER_TOKEN: '', PACT_DATA_HOME: '' });
    expect(values.broker.token).toBeUndefined();
    expect(values.dataHome).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.severity, d.source])).toEqual([
      ['env-empty', 'info', { kind: 'env', name: 'PACT_DATA_HOME' }],
      ['env-empty', 'info', { kind: 'env', name: 'PACT_BROKER_TOKEN' }],
    ]);
  });

  it("reads the TLS variables of today's Pact tools", () => {
    const { values } = readPactEnv({
      SSL_CERT_FILE: '/ca.pem',
      SSL_CERT_DIR: '/certs',
      X509_CLIENT_CERT_FILE: '/client.pem',
      X509_CLIENT_KEY_FILE: '/client.key',
    });
    expect(values.tls).toEqual({
      caFile: { value: '/ca.pem', source: { kind: 'env', name: 'SSL_CERT_FILE' } },
      caDir: { value: '/certs', source: { kind: 'env', name: 'SSL_CERT_DIR' } },
      clientCertFile: {
        value: '/client.pem',
        source: { kind: 'env', name: 'X509_CLIENT_CERT_FILE' },
      },
      clientKeyFile: {
        value: '/client.key',
        source: { kind: 'env', name: 'X509_CLIENT_KEY_FILE' },
      },
    });
  });

  it.each([
    [{ PACT_DISABLE_SSL_VERIFICATION: 'true' }, true, 'PACT_DISABLE_SSL_VERIFICATION'],
    [{ PACT_DISABLE_SSL_VERIFICATION: 'TRUE' }, true, 'PACT_DISABLE_SSL_VERIFICATION'],
    [{ PACT_BROKER_DISABLE_SSL_VERIFICATION: '1' }, true, 'PACT_BROKER_DISABLE_SSL_VERIFICATION'],
    [{ PACT_DISABLE_SSL_VERIFICATION: 'false' }, false, 'PACT_DISABLE_SSL_VERIFICATION'],
    [
      { PACT_DISABLE_SSL_VERIFICATION: 'false', PACT_BROKER_DISABLE_SSL_VERIFICATION: 'true' },
      true,
      'PACT_BROKER_DISABLE_SSL_VERIFICATION',
    ],
    [
      { PACT_DISABLE_SSL_VERIFICATION: 'true', PACT_BROKER_DISABLE_SSL_VERIFICATION: 'false' },
      true,
      'PACT_DISABLE_SSL_VERIFICATION',
    ],
  ])('disable-verification %j gives %s from %s', (env, value, name) => {
    expect(readPactEnv(env).values.tls.disableVerification).toEqual({
      value,
      source: { kind: 'env', name },
    });
  });

  it('ignores a disable-verification value that is not a boolean, with a warning', () => {
    const { values, diagnostics } = readPactEnv({ PACT_DISABLE_SSL_VERIFICATION: 'yes please' });
    expect(values.tls.disableVerification).toBeUndefined();
    expect(diagnostics).toMatchObject([{ code: 'env-invalid-boolean', severity: 'warning' }]);
  });

  it('looks variables up case-insensitively on Windows only', () => {
    const env = { pact_broker_token: 't', Pact_Data_Home: 'C:\\d' };
    expect(readPactEnv(env, { os: 'windows' }).values.broker.token?.value.reveal()).toBe('t');
    expect(readPactEnv(env, { os: 'windows' }).values.dataHome?.value).toBe('C:\\d');
    expect(readPactEnv(env, { os: 'linux' }).values.broker.token).toBeUndefined();
  });

  it('never shows a secret when the result is printed or serialised', () => {
    const { values } = readPactEnv({
      PACT_BROKER_PASSWORD: 'canary-pw-1',
      PACT_BROKER_TOKEN: 'canary-tok-2',
    });
    const shown = [
      JSON.stringify(values),
      inspect(values, { depth: 10 }),
      String(values.broker.token?.value),
    ];
    for (const s of shown) {
      expect(s).not.toContain('canary');
      expect(s).toContain('[redacted]');
    }
  });

  it('readVariable applies the same empty-value policy', () => {
    expect(readVariable({ X: '' }, 'X')).toBeUndefined();
    expect(readVariable({ X: 'v' }, 'X')).toBe('v');
    expect(readVariable({ x: 'v' }, 'X', 'windows')).toBe('v');
  });
});

describe('Secret', () => {
  it('reveals only by name', () => {
    const s = new Secret('hunter2');
    expect(s.reveal()).toBe('hunter2');
    expect(`${s}`).toBe('[redacted]');
    expect(JSON.stringify({ s })).toBe('{"s":"[redacted]"}');
    expect(inspect(s)).toBe('Secret([redacted])');
    expect(inspect({ s })).not.toContain('hunter2');
    expect(Object.keys(s)).toEqual([]);
    expect(s.isEmpty).toBe(false);
  });
});

describe('identVariables (RFC "Implementation Specific")', () => {
  it('a variable named like a prototype key is an own key, never the prototype', () => {
    const r = identVariables(
      { PACT_RUBY_CONSTRUCTOR: 'c', PACT_RUBY_PROTOTYPE: 'p', PACT_RUBY___PROTO__: 'x' },
      'RUBY',
    );
    expect(Object.keys(r.values).sort()).toEqual(['constructor', 'prototype']);
    expect(Object.hasOwn(r.values, 'constructor')).toBe(true);
    expect(r.names.constructor).toBe('PACT_RUBY_CONSTRUCTOR');
    expect(Object.getPrototypeOf(r.values)).toBe(Object.prototype);
    // __PROTO__ is not uppercase words joined by underscores: reported, never read.
    expect(r.diagnostics.map((d) => d.code)).toEqual(['ident-variable-ignored']);
  });

  it('collects PACT_{IDENT}_* in the configuration key style', () => {
    const r = identVariables(
      {
        PACT_RUBY_BAR: 'baz',
        PACT_RUBY_SOME_LONG_NAME: 'x',
        PACT_NET_DISABLE_FOO: '1',
        PACT_RUBYX_Y: 'no',
      },
      'RUBY',
    );
    expect(r.values).toEqual({ bar: 'baz', 'some-long-name': 'x' });
    expect(r.names).toEqual({ bar: 'PACT_RUBY_BAR', 'some-long-name': 'PACT_RUBY_SOME_LONG_NAME' });
    expect(r.diagnostics).toEqual([]);
  });

  it('skips empty values and names that are not uppercase words', () => {
    const r = identVariables(
      { PACT_NET_A: '', PACT_NET_lower: 'x', PACT_NET_B__C: 'y', PACT_NET_: 'z' },
      'NET',
    );
    expect(r.values).toEqual({});
    expect(r.diagnostics.map((d) => d.code)).toEqual([
      'ident-variable-ignored',
      'ident-variable-ignored',
      'ident-variable-ignored',
    ]);
  });

  it("never collects the RFC's own variables, so BROKER does not hand out the token", () => {
    const env = {
      PACT_BROKER_TOKEN: 'canary-tok',
      PACT_BROKER_PASSWORD: 'canary-pw',
      PACT_BROKER_BASE_URL: 'https://b',
      PACT_BROKER_BASIC_AUTH_USERNAME: 'reader',
    };
    expect(identVariables(env, 'BROKER').values).toEqual({ 'basic-auth-username': 'reader' });
  });

  it('matches names case-insensitively on Windows only', () => {
    const env = { pact_ruby_bar: 'baz', Pact_Ruby_Log_Level: 'warn' };
    expect(identVariables(env, 'RUBY', { os: 'windows' }).values).toEqual({
      bar: 'baz',
      'log-level': 'warn',
    });
    expect(identVariables(env, 'RUBY').values).toEqual({});
  });

  it.each(['ruby', 'Ruby', '1RUBY', 'RU-BY', 'RU_BY', ''])('rejects the ident %j', (ident) => {
    expect(() => identVariables({}, ident)).toThrow(PactConfigError);
    try {
      identVariables({}, ident);
    } catch (e) {
      expect((e as PactConfigError).code).toBe('ident-invalid');
    }
  });
});

describe('rulesEnv: the variables the rules read (RFC "Environment Variables", "Location")', () => {
  it('keeps PACT_*, the TLS, XDG and APPDATA variables, and nothing else (not the home ones: the host has the home)', () => {
    const env = {
      PATH: '/bin',
      AWS_SECRET_ACCESS_KEY: 'not ours',
      HOME: '/home/u',
      XDG_CONFIG_HOME: '/x',
      XDG_DATA_HOME: '/d',
      XDG_RUNTIME_DIR: '/run',
      PACT_RUBY_LOG_LEVEL: 'info',
      PACT_BROKER_TOKEN: 't',
      SSL_CERT_FILE: '/ca.pem',
      X509_CLIENT_KEY_FILE: '/k.pem',
      PACTFLOW_X: 'no underscore after PACT',
      // Names that share a first character with the rules' names.
      HOSTNAME: 'box',
      SHELL: '/bin/sh',
      USER: 'u',
      APPDATA_OLD: 'C:\\old',
      XAUTHORITY: '/x/auth',
      UNSET: undefined,
    };
    expect(rulesEnv({ ...env, USERPROFILE: '/u', HOMEDRIVE: 'C:', HOMEPATH: '\\u' })).toEqual({
      XDG_CONFIG_HOME: '/x',
      XDG_DATA_HOME: '/d',
      PACT_RUBY_LOG_LEVEL: 'info',
      PACT_BROKER_TOKEN: 't',
      SSL_CERT_FILE: '/ca.pem',
      X509_CLIENT_KEY_FILE: '/k.pem',
    });
  });

  it('keeps every variable of PACT_VARIABLES and every location variable (the list and the rules agree)', () => {
    const names = [
      ...PACT_VARIABLES.map((v) => v.name),
      ...['APPDATA', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME'],
    ];
    const env = Object.fromEntries(names.map((n) => [n, `value of ${n}`]));
    expect(rulesEnv({ ...env, PATH: '/bin' })).toEqual(env);
  });

  it('on Windows matches names in any case and keeps them as written', () => {
    const env = { Path: 'C:\\bin', AppData: 'C:\\R', pact_ruby_x: '1', Xdg_Data_Home: 'C:\\D' };
    const out = rulesEnv(env, 'windows');
    expect(out).toEqual({ AppData: 'C:\\R', pact_ruby_x: '1', Xdg_Data_Home: 'C:\\D' });
    expect(
      readPactEnv(rulesEnv({ pact_broker_token: 't' }, 'windows'), {
        os: 'windows',
      }).values.broker.token?.value.reveal(),
    ).toBe('t');
    // On Linux case matters: these are not the RFC's variables.
    expect(rulesEnv(env, 'linux')).toEqual({});
  });

  it('reads the live process.env through one listing of its names', () => {
    process.env.PACT_RULES_ENV_TEST = 'yes';
    try {
      expect(rulesEnv(process.env).PACT_RULES_ENV_TEST).toBe('yes');
    } finally {
      delete process.env.PACT_RULES_ENV_TEST;
    }
    expect(rulesEnv(process.env).PACT_RULES_ENV_TEST).toBeUndefined();
  });
});
