import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PactConfigError } from '@pact-config/env';
import type { DirectoryLocation } from '@pact-config/paths';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DirFs, ensureDir, ensureSharedDirs, OWNER_ONLY } from '../src/index.js';
import { codes, ensureBuilt, fixture, packageDir, posix, tempDir, thrown } from './helpers.js';

const run = promisify(execFile);
const mode = (p: string) => statSync(p).mode & 0o777;
const loc = (path: string | undefined, rule: DirectoryLocation['rule']): DirectoryLocation => ({
  path,
  rule,
  source: { kind: 'default' },
  considered: [],
  diagnostics: [],
});

describe.runIf(posix)(
  'RFC "Shared Files": creating the data home with owner-only permissions',
  () => {
    it('creates the directory and its missing parents with mode 0700 (XDG spec), whatever the umask', () => {
      const root = tempDir();
      const target = join(root, 'share', 'pact', 'plugins');
      const old = process.umask(0o277); // would leave mkdir's 0700 as 0500
      try {
        const r = ensureDir(target);
        expect(r).toEqual({ path: target, created: true, mode: OWNER_ONLY, diagnostics: [] });
      } finally {
        process.umask(old);
      }
      expect(mode(target)).toBe(0o700);
      expect(mode(join(root, 'share', 'pact'))).toBe(0o700);
      expect(mode(join(root, 'share'))).toBe(0o700);
      expect(mode(root)).toBe(0o700); // mkdtemp's own mode, untouched
    });

    it('never changes the mode of an existing parent', () => {
      const root = tempDir();
      chmodSync(root, 0o755);
      ensureDir(join(root, 'pact'));
      expect(mode(root)).toBe(0o755);
    });

    it('an existing directory is success, and is left as it is', () => {
      const dir = join(tempDir(), 'pact');
      mkdirSync(dir, { mode: 0o700 });
      expect(ensureDir(dir)).toEqual({ path: dir, created: false, mode: 0o700, diagnostics: [] });
    });

    it('an existing directory open to group or others gets a shared-dir-permissions warning, not a chmod (D38)', () => {
      const dir = join(tempDir(), 'pact');
      mkdirSync(dir);
      chmodSync(dir, 0o775);
      const r = ensureDir(dir, { what: 'data home' });
      expect(codes(r.diagnostics)).toEqual(['shared-dir-permissions']);
      expect(r.diagnostics[0]?.severity).toBe('warning');
      expect(r.diagnostics[0]?.message).toContain('775');
      expect(r.diagnostics[0]?.hint).toContain(`chmod 700 ${dir}`);
      expect(r.mode).toBe(0o775);
      expect(mode(dir)).toBe(0o775);
    });

    it('a location set explicitly and open to others: info only, and still not changed (D38)', () => {
      const dir = join(tempDir(), 'team-pact');
      mkdirSync(dir);
      chmodSync(dir, 0o770);
      const r = ensureSharedDirs({
        dataHome: loc(dir, 'env'),
        pluginDir: loc(join(dir, 'plugins'), 'data-home'),
      });
      expect(r.dataHome.diagnostics[0]).toMatchObject({
        code: 'shared-dir-permissions',
        severity: 'info',
      });
      expect(r.dataHome.diagnostics[0]?.hint).toContain('set explicitly');
      expect(mode(dir)).toBe(0o770);
      expect(r.pluginDir.created).toBe(true);
      expect(mode(join(dir, 'plugins'))).toBe(0o700);
    });

    it('fixPermissions: true chmods an existing directory and says so', () => {
      const dir = join(tempDir(), 'pact');
      mkdirSync(dir);
      chmodSync(dir, 0o755);
      const r = ensureDir(dir, { fixPermissions: true });
      expect(r.diagnostics[0]).toMatchObject({ code: 'shared-dir-permissions', severity: 'info' });
      expect(mode(dir)).toBe(0o700);
    });

    it('a file in the way throws shared-dir-not-directory', () => {
      const root = tempDir();
      writeFileSync(join(root, 'pact'), 'x');
      for (const p of [join(root, 'pact'), join(root, 'pact', 'plugins')]) {
        const e = thrown(() => ensureDir(p));
        expect(e.code).toBe('shared-dir-not-directory');
        expect(e.message).toContain(p);
      }
    });
  },
);

describe('ensureDir with an injected file system', () => {
  const fake = (over: Partial<DirFs>): DirFs => ({
    mkdirSync: () => undefined,
    statSync: () => ({ isDirectory: () => true, mode: 0o40700 }),
    chmodSync: () => {},
    ...over,
  });

  it('a mkdir the OS refuses throws shared-dir-create-failed naming the path', () => {
    const fs = fake({
      mkdirSync: () => {
        throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      },
    });
    const e = thrown(() => ensureDir('/root/pact', { fs, os: 'linux' }));
    expect(e.code).toBe('shared-dir-create-failed');
    expect(e.message).toContain('/root/pact cannot be created (EACCES)');
  });

  it('EEXIST from a concurrent creator is success', () => {
    const fs = fake({
      mkdirSync: () => {
        throw Object.assign(new Error('EEXIST'), { code: 'EEXIST' });
      },
    });
    expect(ensureDir('/h/pact', { fs, os: 'linux' })).toMatchObject({
      created: false,
      diagnostics: [],
    });
  });

  it('Windows: modes are neither set nor checked', () => {
    const chmods: string[] = [];
    const fs = fake({
      mkdirSync: (p) => p,
      statSync: () => ({ isDirectory: () => true, mode: 0o40777 }),
      chmodSync: (p) => {
        chmods.push(p);
      },
    });
    expect(ensureDir('C:\\Users\\me\\AppData\\Roaming\\pact', { fs, os: 'windows' })).toEqual({
      path: 'C:\\Users\\me\\AppData\\Roaming\\pact',
      created: true,
      diagnostics: [],
    });
    const existing = fake({ statSync: () => ({ isDirectory: () => true, mode: 0o40777 }) });
    expect(ensureDir('C:\\pact', { fs: existing, os: 'windows' }).diagnostics).toEqual([]);
    expect(chmods).toEqual([]);
  });

  it('a location with no path (no home directory) throws shared-dir-unknown', () => {
    expect(() =>
      ensureSharedDirs({
        dataHome: loc(undefined, 'fallback'),
        pluginDir: loc(undefined, 'data-home'),
      }),
    ).toThrow(PactConfigError);
    expect(
      thrown(() =>
        ensureSharedDirs({
          dataHome: loc(undefined, 'fallback'),
          pluginDir: loc(undefined, 'data-home'),
        }),
      ).code,
    ).toBe('shared-dir-unknown');
  });
});

describe.runIf(posix)('creation by many processes at once (D38)', () => {
  beforeAll(() => ensureBuilt(), 60_000);

  it('50 node processes creating the same directories: all succeed, one mode', async () => {
    const root = tempDir();
    const dataHome = join(root, 'share', 'pact');
    // Every process waits for the same instant, so the creations really race.
    const startAt = Date.now() + 5000;
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        run(process.execPath, [fixture('create-dirs.mjs'), dataHome, String(startAt)], {
          cwd: packageDir,
        }).then((r) => JSON.parse(r.stdout) as { ok: boolean; created: boolean; codes: string[] }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.flatMap((r) => r.codes)).toEqual([]);
    expect(results.filter((r) => r.created).length).toBeGreaterThanOrEqual(1);
    for (const p of [join(root, 'share'), dataHome, join(dataHome, 'plugins')]) {
      expect(mode(p)).toBe(0o700);
    }
  }, 90_000);
});
