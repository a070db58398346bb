import { generateKeyPairSync } from 'node:crypto';
import { inspect } from 'node:util';
import { resolveBrokerConnection } from '@pact-config/broker-auth';
import { type Host, identVariables, memoryFs, readPactEnv } from '@pact-config/env';
import { loadConfigSync, parseConfigFile } from '@pact-config/toml-config';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { brokerFetch, loadPactConfig, loadPactConfigSync, PactConfigError } from '../src/index.js';

// DESIGN "Secrets stay secret": a recognisable password, token and private key set through
// every channel must appear nowhere (stdout, stderr, thrown messages, serialised objects)
// unless the caller asks for the secret by name.
const PW = 'canary-pw-7f3a9';
const TOK = 'canarytok91c2';
const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const KEY_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const KEY_CANARY = KEY_PEM.split('\n')[1]!.slice(8, 40); // a piece of the key's body
const CANARIES = [PW, TOK, KEY_CANARY, encodeURIComponent(PW)];

const HOME = '/home/user';
const USER = `${HOME}/.config/pact/config.toml`;
const LOCAL = `${HOME}/project/pact.toml`;

interface Scenario {
  env?: Record<string, string>;
  argv?: string[];
  files?: Record<string, string>;
}

const scenarios: Record<string, Scenario> = {
  'password in the user file': {
    files: {
      [USER]: `[broker]\nbase-url = "https://b.example"\nauth = { username = "u", password = "${PW}" }\n`,
    },
  },
  'token in the local file': {
    files: {
      [LOCAL]: `[broker]\nbase-url = "https://b.example"\n\n[broker.auth]\ntoken = "${TOK}"\n`,
    },
  },
  'password and token in the environment': {
    env: {
      PACT_BROKER_BASE_URL: 'https://b.example',
      PACT_BROKER_USERNAME: 'u',
      PACT_BROKER_PASSWORD: PW,
      PACT_BROKER_TOKEN: TOK,
    },
  },
  'password and token on the command line': {
    argv: [
      '--broker-base-url',
      'https://b.example',
      '--broker-username',
      'u',
      '--broker-password',
      PW,
      '--broker-token',
      TOK,
    ],
  },
  'password inside the base URL': {
    env: { PACT_BROKER_BASE_URL: `https://u:${encodeURIComponent(PW)}@b.example/pb/` },
  },
  'password inside a file base URL over plain http': {
    files: { [LOCAL]: `[broker]\nbase-url = "http://u:${PW}@b.example"\n` },
  },
  'private key for mutual TLS': {
    env: {
      PACT_BROKER_BASE_URL: 'https://b.example',
      X509_CLIENT_CERT_FILE: `${HOME}/client.pem`,
      X509_CLIENT_KEY_FILE: `${HOME}/client.key`,
    },
    files: {
      [`${HOME}/client.key`]: KEY_PEM,
      [`${HOME}/client.pem`]:
        '-----BEGIN CERTIFICATE-----\nnot a cert\n-----END CERTIFICATE-----\n',
    },
  },
  'private key as the (wrong) certificate file': {
    env: { PACT_BROKER_BASE_URL: 'https://b.example', SSL_CERT_FILE: `${HOME}/client.key` },
    files: { [`${HOME}/client.key`]: KEY_PEM },
  },
  // Error paths.
  'a syntax error on the password line': {
    files: { [USER]: `[broker]\nauth = { username = "u", password = "${PW} }\n` },
  },
  'a stray % in a base URL with a password': {
    env: { PACT_BROKER_BASE_URL: `https://u:${PW}%zz@b.example` },
  },
  'a password with a newline': {
    env: {
      PACT_BROKER_BASE_URL: 'https://b.example',
      PACT_BROKER_USERNAME: 'u',
      PACT_BROKER_PASSWORD: `${PW}\nX-Evil: 1`,
    },
  },
  'a token that is not a b64token': {
    env: { PACT_BROKER_BASE_URL: 'https://b.example', PACT_BROKER_TOKEN: `${TOK} !` },
  },
  'the explicit file is missing, secrets elsewhere': {
    env: { PACT_CONFIG_FILE: '/missing.toml', PACT_BROKER_TOKEN: TOK },
    argv: ['--broker-password', PW],
  },
};

const hostOf = (s: Scenario): Host => ({
  os: 'linux',
  env: s.env ?? {},
  home: HOME,
  cwd: `${HOME}/project`,
  fs: memoryFs(s.files ?? {}),
});

function expectNoCanary(text: string, where: string) {
  for (const c of CANARIES) expect(text.includes(c), `${where} shows a secret`).toBe(false);
}

function runCli(argv: string[], host: Host) {
  let out = '';
  const io = {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (out += t) },
    env: {},
  };
  let code: number;
  try {
    code = main(argv, io, { host, git: () => undefined });
  } catch (e) {
    out += String((e as Error).message) + String((e as Error).stack);
    code = -1;
  }
  return { code, out };
}

const COMMANDS = [
  ['show'],
  ['show', '--origin', '--ident', 'ruby'],
  ['paths'],
  ['doctor'],
  ['env'],
  ['version-info'],
];

describe.each(Object.entries(scenarios))('canary: %s', (_name, scenario) => {
  it('no pact-config subcommand shows it, with or without --json', () => {
    for (const command of COMMANDS) {
      for (const json of [[], ['--json']]) {
        const argv = [...command, ...json, ...(scenario.argv ?? [])];
        const r = runCli(argv, hostOf(scenario));
        expect(r.code, argv.join(' ')).not.toBe(-1);
        expectNoCanary(r.out, `pact-config ${argv.join(' ')}`);
      }
    }
  });

  it('no facade result, error or serialisation shows it', async () => {
    const cli = (scenario.argv ?? []).length
      ? { broker: { baseUrl: 'https://b.example', username: 'u', password: PW, token: TOK } }
      : undefined;
    for (const load of [
      () => loadPactConfigSync({ host: hostOf(scenario), cli }),
      () => loadPactConfig({ host: hostOf(scenario), cli }),
    ]) {
      try {
        const config = await load();
        const shown = [
          JSON.stringify(config),
          inspect(config, { depth: Number.POSITIVE_INFINITY }),
          JSON.stringify(config.values('ruby')),
          inspect(config.values('ruby'), { depth: Number.POSITIVE_INFINITY }),
          inspect(config.broker, { depth: Number.POSITIVE_INFINITY }),
          JSON.stringify(config.broker),
          String(config.broker.connection),
          `${config.broker.auth?.password?.value}${config.broker.auth?.token?.value}`,
          JSON.stringify({ ...config }),
          ...[...config.diagnostics, ...config.broker.diagnostics].map(
            (d) => `${d.message} ${d.hint}`,
          ),
        ];
        for (const s of shown) expectNoCanary(s, 'a facade result');
      } catch (e) {
        expectNoCanary(
          `${(e as Error).message} ${JSON.stringify(e)} ${inspect(e)}`,
          'a thrown error',
        );
      }
    }
  });

  it('no package function shows it', () => {
    const host = hostOf(scenario);
    const shown: unknown[] = [
      readPactEnv(host.env),
      identVariables(host.env, 'BROKER'),
      resolveBrokerConnection({ env: host.env, fs: host.fs }),
    ];
    for (const [path, text] of Object.entries(scenario.files ?? {})) {
      shown.push(parseConfigFile(text, { path, role: 'local', os: 'linux', home: HOME }));
    }
    try {
      shown.push(loadConfigSync({ host }));
    } catch (e) {
      shown.push((e as Error).message);
    }
    for (const value of shown) {
      expectNoCanary(JSON.stringify(value) ?? '', 'JSON of a result');
      expectNoCanary(inspect(value, { depth: Number.POSITIVE_INFINITY }), 'inspect of a result');
    }
  });
});

describe('canary: a broker request that fails', () => {
  it('brokerFetch rejects with a typed error that shows no secret', async () => {
    // Port 9 on the loopback (discard) is closed here: the request cannot connect.
    for (const auth of [{ username: 'u', password: PW }, { token: TOK }]) {
      const config = loadPactConfigSync({
        host: hostOf({}),
        cli: { broker: { baseUrl: 'http://127.0.0.1:9/pb/', ...auth } },
      });
      const error = await brokerFetch(config.broker.connection!, '/').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(PactConfigError);
      expectNoCanary(
        `${(error as Error).message} ${JSON.stringify(error)} ${inspect(error, { depth: 9 })}`,
        'a failed fetch',
      );
    }
  });
});

describe('canary: asked for by name', () => {
  it('the secret shows when, and only where, the caller asks for it (the test can see a leak)', () => {
    const host = hostOf(scenarios['password in the user file']!);
    expect(runCli(['show', '--show-secret', 'broker.auth.password'], host).out).toContain(PW);
    expect(
      runCli(
        ['env', '--show-secret', 'PACT_BROKER_TOKEN'],
        hostOf(scenarios['password and token in the environment']!),
      ).out,
    ).toContain(TOK);
    const config = loadPactConfigSync({ host });
    expect(config.broker.auth?.password?.value.reveal()).toBe(PW);
    expect(config.broker.connection?.authorizationHeader()).toBe(
      `Basic ${Buffer.from(`u:${PW}`).toString('base64')}`,
    );
  });
});
