import { describe, expect, it } from 'vitest';
import {
  dedupeDiagnostics,
  describeSource,
  diagnostic,
  formatDiagnostic,
  homeFromEnv,
  memoryFs,
  osFromPlatform,
  PactConfigError,
  runtimeHost,
  runtimeInfo,
} from '../src/index.js';

describe('osFromPlatform (RFC "Location": Unix-like systems share one rule)', () => {
  it.each([
    ['linux', 'linux'],
    ['darwin', 'macos'],
    ['win32', 'windows'],
    ['windows', 'windows'],
    ['freebsd', 'linux'],
    ['openbsd', 'linux'],
    ['sunos', 'linux'],
    ['aix', 'linux'],
    ['android', 'linux'],
    ['plan9', 'unknown'],
    ['', 'unknown'],
  ])('%s is %s', (platform, os) => {
    expect(osFromPlatform(platform)).toBe(os);
  });
});

describe('homeFromEnv', () => {
  it('uses HOME on Unix-likes, and an empty HOME counts as unset', () => {
    expect(homeFromEnv({ HOME: '/home/u' }, 'linux')).toBe('/home/u');
    expect(homeFromEnv({ HOME: '' }, 'macos')).toBeUndefined();
  });
  it('uses USERPROFILE, then HOMEDRIVE+HOMEPATH, on Windows', () => {
    expect(homeFromEnv({ USERPROFILE: 'C:\\Users\\me', HOME: '/x' }, 'windows')).toBe(
      'C:\\Users\\me',
    );
    expect(homeFromEnv({ HOMEDRIVE: 'D:', HOMEPATH: '\\Users\\me' }, 'windows')).toBe(
      'D:\\Users\\me',
    );
    expect(homeFromEnv({ userprofile: 'C:\\U' }, 'windows')).toBe('C:\\U');
  });
});

describe('runtimeHost', () => {
  it('describes the running process', () => {
    const { host, runtime, diagnostics } = runtimeHost();
    expect(host.os).toBe(osFromPlatform(process.platform));
    expect(host.cwd).toBe(process.cwd());
    expect(host.env.PATH).toBe(process.env.PATH);
    expect(runtime).toEqual(runtimeInfo());
    expect(runtime.name).toBe('node');
    expect(diagnostics.filter((d) => d.code === 'runtime-permission')).toEqual([]);
    expect(host.fs.statSync(process.cwd(), { throwIfNoEntry: false })?.isDirectory()).toBe(true);
    expect(host.fs.statSync('/no/such/path', { throwIfNoEntry: false })).toBeUndefined();
  });
  it('hands out one frozen file-system object, so no caller can change it for another', () => {
    const a = runtimeHost().host.fs;
    expect(runtimeHost().host.fs).toBe(a);
    expect(Object.isFrozen(a) && Object.isFrozen(a.promises)).toBe(true);
    expect(() => {
      (a as { statSync: unknown }).statSync = () => undefined;
    }).toThrow(TypeError);
  });

  it('reads the live environment, not a copy made when it was built', () => {
    const { host } = runtimeHost();
    expect(host.env.PACT_TEST_ONLY).toBeUndefined();
    process.env.PACT_TEST_ONLY = 'x';
    try {
      expect(host.env.PACT_TEST_ONLY).toBe('x');
    } finally {
      delete process.env.PACT_TEST_ONLY;
    }
    expect(host.env.PACT_TEST_ONLY).toBeUndefined();
  });
});

describe('diagnostics', () => {
  it('formats a file location, the code and the hint', () => {
    const d = diagnostic('toml-syntax', 'error', 'Expected a value.', {
      hint: 'Quote the string.',
      source: { kind: 'local', file: '/p/pact.toml', line: 3, column: 7 },
    });
    expect(formatDiagnostic(d)).toBe(
      '/p/pact.toml:3:7: error[toml-syntax]: Expected a value.\n  hint: Quote the string.',
    );
    expect(describeSource(d.source!)).toBe('local file /p/pact.toml:3:7');
  });
  it('names the variable for an environment source', () => {
    expect(
      formatDiagnostic(
        diagnostic('env-empty', 'info', 'm', { source: { kind: 'env', name: 'X' } }),
      ),
    ).toBe('X: info[env-empty]: m');
  });
  it('dedupeDiagnostics keeps the first of repeats, in order (D35)', () => {
    const a = diagnostic('env-empty', 'info', 'X is empty', { source: { kind: 'env', name: 'X' } });
    const b = diagnostic('env-empty', 'info', 'Y is empty', { source: { kind: 'env', name: 'Y' } });
    const a2 = diagnostic('env-empty', 'info', 'X is empty', {
      source: { kind: 'env', name: 'X' },
    });
    expect(dedupeDiagnostics([a, b, a2, b])).toEqual([a, b]);
    expect(dedupeDiagnostics([a, { ...a, severity: 'warning' }])).toHaveLength(2);
  });
  it('throws one typed error carrying the diagnostic', () => {
    const d = diagnostic('explicit-config-missing', 'error', 'gone');
    const e = new PactConfigError(d);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('PactConfigError');
    expect(e.code).toBe('explicit-config-missing');
    expect(e.diagnostic).toBe(d);
    expect(e.message).toBe('error[explicit-config-missing]: gone');
  });
});

describe('memoryFs', () => {
  it('models POSIX files and their parent directories', async () => {
    const fs = memoryFs({ '/home/u/p/pact.toml': 'x = 1' }, { dirs: ['/home/u/.pact'] });
    expect(fs.statSync('/home/u/p/pact.toml', { throwIfNoEntry: false })?.isFile()).toBe(true);
    expect(fs.statSync('/home/u/p', { throwIfNoEntry: false })?.isDirectory()).toBe(true);
    expect(fs.statSync('/home/u/.pact/', { throwIfNoEntry: false })?.isDirectory()).toBe(true);
    expect(fs.statSync('/home/U/p', { throwIfNoEntry: false })).toBeUndefined();
    expect(new TextDecoder().decode(await fs.promises.readFile('/home/u/p/pact.toml'))).toBe(
      'x = 1',
    );
    await expect(fs.promises.stat('/nope')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(() => fs.readFileSync('/home/u')).toThrow(/EISDIR/);
  });
  it('models Windows paths: drive letters, either separator, any case', () => {
    const fs = memoryFs({ 'C:\\Users\\Me\\pact.toml': '' }, { os: 'windows' });
    expect(fs.statSync('c:/users/me/PACT.TOML', { throwIfNoEntry: false })?.isFile()).toBe(true);
    expect(fs.statSync('C:\\', { throwIfNoEntry: false })?.isDirectory()).toBe(true);
    expect(fs.statSync('C:\\Users', { throwIfNoEntry: false })?.isDirectory()).toBe(true);
    expect(fs.statSync('D:\\Users', { throwIfNoEntry: false })).toBeUndefined();
  });
});
