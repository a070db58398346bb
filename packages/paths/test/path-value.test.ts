import { describe, expect, it } from 'vitest';
import { resolvePathValue } from '../src/index.js';

const linux = { os: 'linux' as const, home: '/home/user', baseDir: '/workdir/project' };
const windows = { os: 'windows' as const, home: 'C:\\Users\\me', baseDir: 'C:\\work\\project' };

const path = (v: string, ctx: Parameters<typeof resolvePathValue>[1]) =>
  resolvePathValue(v, ctx).path;
const codes = (v: string, ctx: Parameters<typeof resolvePathValue>[1]) =>
  resolvePathValue(v, ctx).diagnostics.map((d) => d.code);

describe('RFC "Path Handling": the tilde', () => {
  it.each([
    ['~', '/home/user'],
    ['~/', '/home/user'],
    ['~/.local/share/pact', '/home/user/.local/share/pact'],
    ['~/a/../b', '/home/user/b'],
  ])('%j expands to the home directory (first character)', (value, expected) => {
    expect(path(value, linux)).toBe(expected);
  });

  it.each([
    ['a/~/b', '/workdir/project/a/~/b'],
    ['./~', '/workdir/project/~'],
    ['./~/x', '/workdir/project/~/x'],
    ['~user/x', '/workdir/project/~user/x'],
    ['~~', '/workdir/project/~~'],
    ['/abs/~', '/abs/~'],
  ])('%j keeps the tilde literal', (value, expected) => {
    expect(path(value, linux)).toBe(expected);
  });

  it('expands on Windows into the Windows home', () => {
    expect(path('~/.pact', windows)).toBe('C:\\Users\\me\\.pact');
    expect(path('~', windows)).toBe('C:\\Users\\me');
  });

  it('reports home-unknown and gives no path when there is no home', () => {
    const r = resolvePathValue('~/x', { ...linux, home: undefined });
    expect(r.path).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['home-unknown']);
  });
});

describe('RFC "Path Handling": relative paths resolve against the configuration file', () => {
  it('resolves the RFC example', () => {
    expect(path('.pact/data', { ...linux, baseDir: '/workdir/project' })).toBe(
      '/workdir/project/.pact/data',
    );
  });
  it('resolves "." to the file\'s own directory (the Drawbacks recipe data-home = ".")', () => {
    expect(path('.', { ...linux, baseDir: '/home/user/.pact' })).toBe('/home/user/.pact');
  });
  it('resolves ".." and normalises', () => {
    expect(path('../shared//x/./y/', linux)).toBe('/workdir/shared/x/y');
  });
  it('keeps absolute paths, normalised, without a trailing slash', () => {
    expect(path('/opt/pact/', linux)).toBe('/opt/pact');
    expect(path('/', linux)).toBe('/');
  });
  it('resolves differently for two files', () => {
    expect(path('data', { ...linux, baseDir: '/home/user/.config/pact' })).toBe(
      '/home/user/.config/pact/data',
    );
    expect(path('data', { ...linux, baseDir: '/workdir/project' })).toBe('/workdir/project/data');
  });
  it('gives no path and path-no-base when nothing to resolve against', () => {
    const r = resolvePathValue('rel', { ...linux, baseDir: undefined });
    expect(r.path).toBeUndefined();
    expect(r.diagnostics[0]?.code).toBe('path-no-base');
  });
  it('ignores an empty value with path-empty', () => {
    expect(resolvePathValue('', linux)).toMatchObject({
      path: undefined,
      diagnostics: [{ code: 'path-empty' }],
    });
  });
});

describe('RFC "Path Handling": separators (decision D7)', () => {
  it('converts a backslash in a file value to / with a warning', () => {
    expect(path('data\\plugins', linux)).toBe('/workdir/project/data/plugins');
    expect(codes('data\\plugins', linux)).toEqual(['path-backslash']);
    expect(path('C:\\pact\\data', windows)).toBe('C:\\pact\\data');
    expect(codes('C:\\pact\\data', windows)).toEqual(['path-backslash']);
  });
  it('takes a value from the environment as the OS writes it', () => {
    expect(resolvePathValue('C:\\pact\\data', { ...windows, origin: 'env' })).toEqual({
      path: 'C:\\pact\\data',
      diagnostics: [],
    });
    expect(path('a\\b', { ...linux, origin: 'env' })).toBe('/workdir/project/a\\b');
  });
  it('gives forward-slash file values in the OS form, never mixed', () => {
    expect(path('a/b/c', windows)).toBe('C:\\work\\project\\a\\b\\c');
    expect(path('D:/pact/data', windows)).toBe('D:\\pact\\data');
  });
});

describe('RFC "Path Handling": Windows drive paths', () => {
  it('understands drive, root-relative and UNC paths', () => {
    expect(path('C:/Users/me/pact', windows)).toBe('C:\\Users\\me\\pact');
    expect(path('d:/x', windows)).toBe('d:\\x');
    expect(path('/pact/data', windows)).toBe('C:\\pact\\data');
    expect(path('//server/share/pact', windows)).toBe('\\\\server\\share\\pact');
  });
  it('reads a drive-relative value as the drive root, with a warning', () => {
    expect(path('D:pact', windows)).toBe('D:\\pact');
    expect(codes('D:pact', windows)).toEqual(['path-drive-relative']);
  });
  it('uses POSIX rules for an unknown OS and macOS', () => {
    expect(path('C:/x', { ...linux, os: 'unknown' })).toBe('/workdir/project/C:/x');
    expect(path('~/x', { ...linux, os: 'macos', home: '/Users/me' })).toBe('/Users/me/x');
  });
});

describe('regression: a NUL character (found by the hostile-input corpus)', () => {
  it.each(['a\0b', '/data\0', '~/\0', '\0'])(
    '%j is path-invalid and ignored, from any origin',
    (value) => {
      for (const origin of ['file', 'env', 'cli'] as const) {
        expect(path(value, { ...linux, origin })).toBeUndefined();
        expect(codes(value, { ...linux, origin })).toEqual(['path-invalid']);
        expect(path(value, { ...windows, origin })).toBeUndefined();
      }
    },
  );
});

describe('regression: a trailing backslash on POSIX (found by the property tests)', () => {
  it('is a file-name character in an env/cli value and is kept', () => {
    expect(path('dir\\', { ...linux, origin: 'env' })).toBe('/workdir/project/dir\\');
    expect(path('/x/y\\\\', { ...linux, origin: 'cli' })).toBe('/x/y\\\\');
    // A file value's backslash is a separator (D7): converted, then dropped as trailing.
    expect(path('dir\\', { ...linux, origin: 'file' })).toBe('/workdir/project/dir');
    expect(path('dir\\', { ...windows, origin: 'env' })).toBe('C:\\work\\project\\dir');
  });
});
