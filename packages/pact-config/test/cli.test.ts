import * as nodeFs from 'node:fs';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Host, type HostFs, memoryFs } from '@pact-config/env';
import { describe, expect, it } from 'vitest';
import { EXIT, main } from '../src/cli/main.js';

const USER = '/home/user/.config/pact/config.toml';
const LOCAL = '/home/user/project/pact.toml';
const files = {
  [USER]:
    '[pact]\ndo-not-track = false\n\n[broker]\nbase-url = "https://user.example"\nauth = { username = "reader", password = "canary-file-password" }\n',
  [LOCAL]:
    '[broker]\nbase-url = "http://localhost:9292/pact-broker/"\n\n[ruby]\nlog-level = "debug"\n',
};
const host = (env: Record<string, string> = {}, fs: HostFs = memoryFs(files)): Host => ({
  os: 'linux',
  env,
  home: '/home/user',
  cwd: '/home/user/project/src',
  fs,
});

function run(argv: string[], h: Host = host(), ioEnv: Record<string, string> = {}, tty = false) {
  let stdout = '';
  let stderr = '';
  const code = main(
    argv,
    {
      stdout: { write: (t: string) => (stdout += t), isTTY: tty },
      stderr: { write: (t: string) => (stderr += t), isTTY: tty },
      env: ioEnv,
    },
    { host: h, git: (args) => (args.includes('--abbrev-ref') ? 'main' : 'abc123') },
  );
  return { code, stdout, stderr };
}

describe('pact-config show (RFC "Precedence")', () => {
  it('prints each effective value; --origin puts its source beside it', () => {
    const r = run(['show', '--origin'], host({ PACT_BROKER_TOKEN: 'canary-env-token' }));
    expect(r.code).toBe(EXIT.ok);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^local:\/home\/user\/project\/pact\.toml:2:1 +broker\.base-url = "http:\/\/localhost:9292\/pact-broker\/"$/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^env:PACT_BROKER_TOKEN +broker\.auth\.token = \*{8}$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^user:\/home\/user\/\.config\/pact\/config\.toml:2:1 +pact\.do-not-track = false$/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^default +pact\.data-home = "\/home\/user\/\.local\/share\/pact"$/),
    );
    // The token replaced the whole auth block of the user file (RFC "broker": auth is one entity).
    expect(r.stdout).not.toContain('broker.auth.username');
    expect(r.stdout + r.stderr).not.toContain('canary');
  });

  it('without --origin prints key = value lines only', () => {
    const r = run(['show']);
    expect(r.stdout.split('\n')[0]).toMatch(/^pact\.data-home = "/);
    expect(r.stdout).toContain('broker.auth.password = ********');
  });

  it('reveals a secret only when asked for by name', () => {
    const r = run(['show', '--show-secret', 'broker.auth.password']);
    expect(r.stdout).toContain('broker.auth.password = "canary-file-password"');
    expect(run(['show', '--show-secret', 'broker.auth.token']).stdout).not.toContain('canary');
  });

  it('a username holding a colon shows only what precedes it (D45: most likely user:password)', () => {
    const h = host({ PACT_BROKER_USERNAME: 'ci:canary-pw' });
    const text = run(['show'], h).stdout;
    expect(text).toContain('broker.auth.username = "ci:********"');
    expect(text).not.toContain('canary');
    const json = JSON.parse(run(['show', '--json'], h).stdout);
    expect(json.values['broker.auth.username'].value).toBe('ci:********');
    const env = run(['env'], h).stdout;
    expect(env).toContain('PACT_BROKER_USERNAME=ci:********');
    expect(env).not.toContain('canary');
    // Asked for by name, it is printed whole; a username without a colon is never masked.
    expect(run(['show', '--show-secret', 'broker.auth.username'], h).stdout).toContain(
      'broker.auth.username = "ci:canary-pw"',
    );
    expect(run(['env', '--show-secret', 'PACT_BROKER_USERNAME'], h).stdout).toContain(
      'PACT_BROKER_USERNAME=ci:canary-pw',
    );
    expect(run(['show'], host({ PACT_BROKER_USERNAME: 'ci-bot' })).stdout).toContain(
      'broker.auth.username = "ci-bot"',
    );
  });

  it('--json gives files, values with sources, and diagnostics; secrets masked', () => {
    const r = run(['show', '--json', '--ident', 'ruby'], host({ PACT_RUBY_LOG_LEVEL: 'warn' }));
    const out = JSON.parse(r.stdout);
    expect(out.files).toEqual([
      { path: LOCAL, role: 'local' },
      { path: USER, role: 'user' },
    ]);
    expect(out.values['broker.auth.password']).toEqual({
      value: '********',
      source: { kind: 'user', file: USER, line: 6, column: 31, key: 'broker.auth.password' },
    });
    expect(out.values['ruby.log-level']).toEqual({
      value: 'warn',
      source: { kind: 'env', name: 'PACT_RUBY_LOG_LEVEL' },
    });
    expect(out.diagnostics).toEqual([]);
    expect(r.stdout).not.toContain('canary');
  });

  it('an ident key that looks secret (token, password, key, …) prints masked unless named', () => {
    const h = host(
      { PACT_RUBY_API_TOKEN: 'canary-tok', PACT_RUBY_LOG_LEVEL: 'warn' },
      memoryFs({
        ...files,
        [LOCAL]:
          '[ruby]\napi-key = "canary-key"\nkeychain = "login"\n[ruby.db]\npassword = "canary-pw"\n',
      }),
    );
    const text = run(['show', '--ident', 'ruby'], h).stdout;
    expect(text).toContain('ruby.api-token = ********');
    expect(text).toContain('ruby.api-key = ********');
    expect(text).toContain('ruby.db.password = ********');
    expect(text).toContain('ruby.keychain = "login"');
    expect(text).toContain('ruby.log-level = "warn"');
    expect(text).not.toContain('canary');
    const json = JSON.parse(run(['show', '--json', '--ident', 'ruby'], h).stdout);
    expect(json.values['ruby.api-key'].value).toBe('********');
    expect(JSON.stringify(json)).not.toContain('canary');
    const named = run(['show', '--ident', 'ruby', '--show-secret', 'ruby.api-token'], h).stdout;
    expect(named).toContain('ruby.api-token = "canary-tok"');
    expect(named).not.toContain('canary-key');
  });

  it('takes the command-line layer over everything, with the option as the source', () => {
    const r = run(
      ['show', '--json', '--broker-base-url', 'https://cli.example', '--data-home', '/srv/pact'],
      host({ PACT_BROKER_BASE_URL: 'https://env.example' }),
    );
    const out = JSON.parse(r.stdout);
    expect(out.values['broker.base-url']).toEqual({
      value: 'https://cli.example',
      source: { kind: 'cli', name: '--broker-base-url' },
    });
    expect(out.values['pact.data-home']).toEqual({
      value: '/srv/pact',
      source: { kind: 'cli', name: '--data-home' },
    });
    expect(out.values['pact.plugin-dir'].value).toBe('/srv/pact/plugins');
  });

  it('puts diagnostics on stderr, never on stdout', () => {
    const r = run(['show'], host({ PACT_BROKER_TOKEN: '' }));
    expect(r.stderr).toContain('info[env-empty]');
    expect(r.stdout).not.toContain('env-empty');
  });

  it('stops with exit 1 and the diagnostic when the explicit file is missing (RFC "Environment Variables": must raise)', () => {
    const r = run(['show'], host({ PACT_CONFIG_FILE: '/missing.toml' }));
    expect(r.code).toBe(EXIT.error);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^PACT_CONFIG_FILE: error\[explicit-config-missing\]: .*\/missing\.toml/,
    );
    expect(
      JSON.parse(run(['show', '--json'], host({ PACT_CONFIG_FILE: '/missing.toml' })).stdout).error
        .code,
    ).toBe('explicit-config-missing');
  });
});

describe('pact-config paths (RFC "Location", "Shared Files")', () => {
  it('lists every location, which is used and which exist, and why', () => {
    const out = JSON.parse(run(['paths', '--json']).stdout);
    expect(
      out.locations.map((l: { what: string; path: string; used: boolean; exists: string }) => [
        l.what,
        l.path,
        l.used,
        l.exists,
      ]),
    ).toEqual([
      ['local configuration file', LOCAL, true, 'file'],
      ['user configuration file', USER, true, 'file'],
      ['user configuration file', '/home/user/.pact/config.toml', false, 'missing'],
      ['data home', '/home/user/.local/share/pact', true, 'missing'],
      ['data home', '/home/user/.pact', false, 'missing'],
      ['plugin directory', '/home/user/.local/share/pact/plugins', true, 'missing'],
    ]);
  });

  it('computes the Windows locations on any machine', () => {
    const win: Host = {
      os: 'windows',
      env: { APPDATA: 'C:\\Users\\me\\AppData\\Roaming' },
      home: 'C:\\Users\\me',
      cwd: 'C:\\work',
      fs: memoryFs({ 'C:\\Users\\me\\.pact\\config.toml': '' }, { os: 'windows' }),
    };
    const r = run(['paths'], win);
    expect(r.stdout).toContain('C:\\Users\\me\\AppData\\Roaming\\pact\\config.toml');
    expect(r.stdout).toMatch(
      /\* +user configuration file +C:\\Users\\me\\\.pact\\config\.toml +exists/,
    );
    expect(r.stderr).toContain('warning[fallback-config-file]');
  });
});

describe('pact-config doctor', () => {
  it('lists diagnostics with what to do, and exits 0 when none is an error', () => {
    const r = run(['doctor'], host({ PACT_BROKER_TOKEN: 't', PACT_BROKER_USERNAME: 'u' }));
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toContain('warning[auth-token-and-basic]');
    expect(r.stdout).toContain('hint:');
    expect(r.stdout).toMatch(/0 errors, \d+ warnings?\n$/);
  });

  it('warns when a file holding a password may be read by others, and not when it is 600', () => {
    expect(run(['doctor']).stdout).toContain('warning[credentials-file-readable]');
    const base = memoryFs(files);
    const private600: HostFs = {
      ...base,
      statSync: (p, o) => {
        const s = base.statSync(p, o);
        return s && { isFile: s.isFile, isDirectory: s.isDirectory, mode: 0o100600 };
      },
    };
    expect(run(['doctor'], host({}, private600)).stdout).not.toContain('credentials-file-readable');
  });

  it('reports a certificate file that is missing, naming it and the variable (exit 1)', () => {
    const r = run(
      ['doctor'],
      host({ PACT_BROKER_BASE_URL: 'https://b.example', SSL_CERT_FILE: '/etc/pact/ca.pem' }),
    );
    expect(r.code).toBe(EXIT.error);
    expect(r.stdout).toMatch(/SSL_CERT_FILE: error\[tls-file-unreadable\]: .*\/etc\/pact\/ca\.pem/);
  });

  it('exits 1 when the configuration has an error', () => {
    const broken = memoryFs({ ...files, [LOCAL]: '[broker\nbase-url = 1' });
    const r = run(['doctor', '--json'], host({}, broken));
    expect(r.code).toBe(EXIT.error);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(false);
    expect(out.diagnostics.map((d: { code: string }) => d.code)).toContain('toml-syntax');
  });
});

describe('pact-config doctor: the data home in practice (RFC "Shared Files", "Drawbacks")', () => {
  it('reports the legacy ~/.pact with the way out, and lists installed plugins and broken manifests', () => {
    const home = mkdtempSync(join(tmpdir(), 'pact-doctor-'));
    try {
      const plugins = join(home, '.pact', 'plugins');
      const manifest = {
        pluginInterfaceVersion: 1,
        name: 'protobuf',
        version: '0.3.15',
        executableType: 'exec',
        entryPoint: 'pact-protobuf-plugin',
      };
      mkdirSync(join(plugins, 'protobuf-0.3.15'), { recursive: true });
      writeFileSync(join(plugins, 'protobuf-0.3.15', 'pact-plugin.json'), JSON.stringify(manifest));
      mkdirSync(join(plugins, 'broken-1.0.0'));
      writeFileSync(join(plugins, 'broken-1.0.0', 'pact-plugin.json'), '{ "name": ');
      const h: Host = { os: 'linux', env: {}, home, cwd: home, fs: nodeFs as unknown as HostFs };
      const r = run(['doctor'], h);
      expect(r.code).toBe(EXIT.ok);
      expect(r.stdout).toContain(`plugins in ${plugins}: protobuf 0.3.15`);
      expect(r.stdout).toContain('warning[fallback-data-home]');
      expect(r.stdout).toContain('warning[legacy-pact-dir]');
      expect(r.stdout).toMatch(/PACT_CONFIG_FILE/);
      expect(r.stdout).toContain('plugin-manifest-invalid');
      const out = JSON.parse(run(['doctor', '--json'], h).stdout);
      expect(out.plugins).toEqual([
        { name: 'protobuf', version: '0.3.15', dir: join(plugins, 'protobuf-0.3.15') },
      ]);
      // With the data home set explicitly, the fallback warnings must not be shown (RFC "Shared Files").
      const explicit = run(['doctor', '--data-home', join(home, '.pact')], h);
      expect(explicit.stdout).not.toContain('fallback-data-home');
      expect(explicit.stdout).not.toContain('legacy-pact-dir');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('pact-config env and version-info', () => {
  it('lists the Pact variables that are set, secrets masked unless named', () => {
    const h = host({
      PACT_BROKER_PASSWORD: 'canary-pw',
      PACT_RUBY_API_TOKEN: 'canary-tok',
      PACT_RUBY_API_KEY: 'canary-key',
      PACT_JS_PRIVATE_PEM: 'canary-pem',
      PACT_DATA_HOME: '/d',
      HOME: '/h',
    });
    const r = run(['env'], h);
    expect(r.stdout).toContain('PACT_BROKER_PASSWORD=********');
    expect(r.stdout).toContain('PACT_RUBY_API_TOKEN=********');
    expect(r.stdout).toContain('PACT_RUBY_API_KEY=********');
    expect(r.stdout).toContain('PACT_JS_PRIVATE_PEM=********');
    expect(r.stdout).toContain('PACT_DATA_HOME=/d');
    expect(r.stdout).not.toContain('HOME=/h');
    expect(r.stdout).not.toContain('canary');
    expect(run(['env', '--show-secret', 'PACT_BROKER_PASSWORD'], h).stdout).toContain(
      'PACT_BROKER_PASSWORD=canary-pw',
    );
  });

  it('masks a base URL password whole, a raw @ or a space in it too (D13)', () => {
    for (const url of [
      'https://ci:qx7@zz9@broker.example/x',
      'https://ci:qx7 zz9@broker.example',
    ]) {
      const r = run(['env'], host({ PACT_BROKER_BASE_URL: url }));
      expect(r.stdout).toContain(`PACT_BROKER_BASE_URL=${url.replace(/qx7.zz9/, '********')}`);
      expect(r.stdout + r.stderr).not.toMatch(/qx7|zz9/);
    }
  });

  it('gives the commit, branch and build URL a publish would use, and where each came from', () => {
    const out = JSON.parse(
      run(['version-info', '--json'], host({ GITHUB_SHA: 'f00d', BUILD_URL: 'https://ci/1' }))
        .stdout,
    );
    expect(out).toEqual({
      branch: { value: 'main', from: 'git rev-parse --abbrev-ref HEAD' },
      commit: { value: 'f00d', from: 'GITHUB_SHA' },
      buildUrl: { value: 'https://ci/1', from: 'BUILD_URL' },
    });
  });
});

describe('conventions', () => {
  it('--help and --version', () => {
    expect(run(['--help']).stdout).toContain('Usage: pact-config <command>');
    const { version } = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
    );
    expect(run(['--version']).stdout).toBe(`${version}\n`);
  });

  it('a wrong command line exits 2 with a message on stderr', () => {
    for (const argv of [[], ['nope'], ['show', 'extra'], ['show', '--bogus']]) {
      const r = run(argv);
      expect(r.code).toBe(EXIT.usage);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^pact-config: /);
    }
  });

  it('a stray word is never echoed: an unquoted secret with a space splits into words', () => {
    for (const argv of [
      ['show', '--broker-password', 'canary', 'pw2canary'],
      ['--broker-password', 'canary', 'pw2canary', 'show'],
      ['--broker-token=canary', 'pw2canary'],
    ]) {
      const r = run(argv);
      expect(r.code).toBe(EXIT.usage);
      expect(r.stderr).not.toContain('pw2canary');
      expect(r.stderr).toContain('a value with spaces needs quotes');
    }
    expect(run(['show', 'x', 'y']).stderr).toContain("2 words after 'show' that no option takes");
  });

  it('colour: NO_COLOR turns it off on a terminal, FORCE_COLOR turns it on off one', () => {
    const env = { PACT_BROKER_TOKEN: '' };
    const esc = '\u001b[';
    expect(run(['show'], host(env), {}, true).stderr).toContain(esc);
    expect(run(['show'], host(env), { NO_COLOR: '1' }, true).stderr).not.toContain(esc);
    expect(run(['show'], host(env), {}, false).stderr).not.toContain(esc);
    expect(run(['show'], host(env), { FORCE_COLOR: '1' }, false).stderr).toContain(esc);
    expect(run(['show', '--no-color'], host(env), { FORCE_COLOR: '1' }, true).stderr).not.toContain(
      esc,
    );
  });
});
