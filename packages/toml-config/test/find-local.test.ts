import * as nodeFs from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { type HostFs, type HostStat, memoryFs, runtimeHost } from '@pact-config/env';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findLocalConfig, findLocalConfigAsync } from '../src/index.js';

/** Counts stat calls and lets a test make some paths fail with an errno code. */
function countingFs(inner: HostFs, failing: Record<string, string> = {}) {
  const stats: string[] = [];
  const fail = (path: string) => {
    const code = failing[path];
    if (code) throw Object.assign(new Error(`${code}: ${path}`), { code });
  };
  const fs: HostFs = {
    readFileSync: (p) => inner.readFileSync(p),
    statSync: (p, o) => {
      stats.push(p);
      fail(p);
      return inner.statSync(p, o);
    },
    promises: {
      readFile: (p) => inner.promises.readFile(p),
      stat: async (p): Promise<HostStat> => {
        stats.push(p);
        fail(p);
        return inner.promises.stat(p);
      },
    },
  };
  return { fs, stats };
}

describe('RFC Location: the local file in the working directory or the nearest ancestor', () => {
  const tree = {
    '/work/project/pact.toml': '[pact]',
    '/work/other/.pact.toml': '[pact]',
    '/work/both/pact.toml': '[pact]',
    '/work/both/.pact.toml': '[pact]',
  };
  const host = (cwd: string | undefined) => ({ os: 'linux' as const, cwd, fs: memoryFs(tree) });

  it('finds pact.toml in the working directory', () => {
    expect(findLocalConfig(host('/work/project'))).toEqual({
      path: '/work/project/pact.toml',
      diagnostics: [],
    });
  });

  it('finds .pact.toml', () => {
    expect(findLocalConfig(host('/work/other')).path).toBe('/work/other/.pact.toml');
  });

  it('walks up to the nearest ancestor that has one', () => {
    expect(findLocalConfig(host('/work/project/a/b/c')).path).toBe('/work/project/pact.toml');
  });

  it('stops at the first directory that has one (a nearer file hides a farther one)', () => {
    const fs = memoryFs({ '/a/pact.toml': '', '/a/b/.pact.toml': '' });
    expect(findLocalConfig({ os: 'linux', cwd: '/a/b/c', fs }).path).toBe('/a/b/.pact.toml');
  });

  it('both names in one directory: pact.toml, warning local-config-both (D3)', () => {
    const r = findLocalConfig(host('/work/both/sub'));
    expect(r.path).toBe('/work/both/pact.toml');
    expect(r.diagnostics).toMatchObject([
      { code: 'local-config-both', severity: 'warning', source: { file: '/work/both/.pact.toml' } },
    ]);
  });

  it('none up to the root: no path, no diagnostic', () => {
    expect(findLocalConfig(host('/elsewhere/x'))).toEqual({ diagnostics: [] });
  });

  it('no working directory: no search and no disk work', () => {
    const { fs, stats } = countingFs(memoryFs(tree));
    expect(findLocalConfig({ os: 'linux', cwd: undefined, fs })).toEqual({ diagnostics: [] });
    expect(stats).toEqual([]);
  });

  it('does the least disk work: one stat per candidate name per level, nothing else', () => {
    const { fs, stats } = countingFs(memoryFs(tree));
    findLocalConfig({ os: 'linux', cwd: '/work/project/a/b', fs });
    expect(stats).toEqual([
      '/work/project/a/b/pact.toml',
      '/work/project/a/b/.pact.toml',
      '/work/project/a/pact.toml',
      '/work/project/a/.pact.toml',
      '/work/project/pact.toml',
      '/work/project/.pact.toml', // asked only to detect both names (D3)
    ]);
  });

  it.each([
    ['/work/project/a/b'],
    ['/work//project/./a/../a/b/'],
    ['/w'],
    ['/'],
    ['work/project/a'],
  ])(
    'walks every level up from %j to the root, the same with sync and promise calls',
    async (cwd) => {
      // Every level from the normalised working directory up, as posix.dirname gives them.
      const expected: string[] = [];
      for (let dir = posix.normalize(cwd); ; dir = posix.dirname(dir)) {
        expected.push(posix.join(dir, 'pact.toml'), posix.join(dir, '.pact.toml'));
        if (posix.dirname(dir) === dir) break;
      }
      const sync = countingFs(memoryFs({}));
      expect(findLocalConfig({ os: 'linux', cwd, fs: sync.fs })).toEqual({ diagnostics: [] });
      expect(sync.stats).toEqual(expected);
      const promised = countingFs(memoryFs({}));
      await findLocalConfigAsync({ os: 'linux', cwd, fs: promised.fs });
      expect(promised.stats).toEqual(expected);
    },
  );

  it('a directory it may not read (EACCES on stat) counts as missing: the walk goes on', () => {
    const { fs } = countingFs(memoryFs(tree), {
      '/work/project/locked/pact.toml': 'EACCES',
      '/work/project/locked/.pact.toml': 'EACCES',
    });
    expect(findLocalConfig({ os: 'linux', cwd: '/work/project/locked', fs }).path).toBe(
      '/work/project/pact.toml',
    );
  });

  it('the async form gives the same answer, EACCES included', async () => {
    const { fs } = countingFs(memoryFs(tree), { '/work/project/a/pact.toml': 'EACCES' });
    await expect(
      findLocalConfigAsync({ os: 'linux', cwd: '/work/project/a', fs }),
    ).resolves.toEqual({
      path: '/work/project/pact.toml',
      diagnostics: [],
    });
    const both = await findLocalConfigAsync(host('/work/both'));
    expect(both.diagnostics.map((d) => d.code)).toEqual(['local-config-both']);
  });

  it('Windows paths: walks up to the drive root with Windows rules', () => {
    const fs = memoryFs({ 'C:\\Users\\me\\.pact.toml': '' }, { os: 'windows' });
    const r = findLocalConfig({ os: 'windows', cwd: 'C:\\Users\\me\\src\\app', fs });
    expect(r.path).toBe('C:\\Users\\me\\.pact.toml');
    expect(findLocalConfig({ os: 'windows', cwd: 'D:\\x', fs })).toEqual({ diagnostics: [] });
  });

  it('Windows: forward-slash working directory is normalised', () => {
    const fs = memoryFs({ 'C:\\p\\pact.toml': '' }, { os: 'windows' });
    expect(findLocalConfig({ os: 'windows', cwd: 'C:/p/q', fs }).path).toBe('C:\\p\\pact.toml');
  });
});

describe('RFC Location: the walk up on a real disk', () => {
  let root: string;
  const fs = () => runtimeHost().host.fs;
  beforeEach(() => {
    root = nodeFs.realpathSync(nodeFs.mkdtempSync(join(tmpdir(), 'pact-toml-config-')));
  });
  afterEach(() => {
    nodeFs.rmSync(root, { recursive: true, force: true });
  });

  it('finds the file in an ancestor of a real directory', async () => {
    nodeFs.mkdirSync(join(root, 'p/a/b'), { recursive: true });
    nodeFs.writeFileSync(join(root, 'p/.pact.toml'), '[pact]\n');
    const h = { os: 'linux' as const, cwd: join(root, 'p/a/b'), fs: fs() };
    expect(findLocalConfig(h).path).toBe(join(root, 'p/.pact.toml'));
    expect((await findLocalConfigAsync(h)).path).toBe(join(root, 'p/.pact.toml'));
  });

  it('a directory named pact.toml is not a config file: .pact.toml at the same level is used', () => {
    nodeFs.mkdirSync(join(root, 'p/pact.toml'), { recursive: true });
    nodeFs.writeFileSync(join(root, 'p/.pact.toml'), '');
    expect(findLocalConfig({ os: 'linux', cwd: join(root, 'p'), fs: fs() }).path).toBe(
      join(root, 'p/.pact.toml'),
    );
  });

  it('a directory named pact.toml alone: the walk goes on up', () => {
    nodeFs.mkdirSync(join(root, 'p/q/pact.toml'), { recursive: true });
    nodeFs.writeFileSync(join(root, 'p/pact.toml'), '');
    expect(findLocalConfig({ os: 'linux', cwd: join(root, 'p/q'), fs: fs() }).path).toBe(
      join(root, 'p/pact.toml'),
    );
  });

  it('survives a symlink loop named pact.toml (ELOOP counts as missing)', async () => {
    nodeFs.mkdirSync(join(root, 'p/q'), { recursive: true });
    nodeFs.symlinkSync(join(root, 'p/q/.pact.toml'), join(root, 'p/q/pact.toml'));
    nodeFs.symlinkSync(join(root, 'p/q/pact.toml'), join(root, 'p/q/.pact.toml'));
    nodeFs.writeFileSync(join(root, 'p/pact.toml'), '');
    const h = { os: 'linux' as const, cwd: join(root, 'p/q'), fs: fs() };
    expect(findLocalConfig(h).path).toBe(join(root, 'p/pact.toml'));
    expect((await findLocalConfigAsync(h)).path).toBe(join(root, 'p/pact.toml'));
  });

  it('a working directory reached through a symlink loop walks up lexically and ends', () => {
    nodeFs.mkdirSync(join(root, 'p'), { recursive: true });
    nodeFs.symlinkSync(join(root, 'p'), join(root, 'p/self'));
    nodeFs.writeFileSync(join(root, 'pact.toml'), '');
    const cwd = join(root, 'p/self/self/self/self');
    expect(findLocalConfig({ os: 'linux', cwd, fs: fs() }).path).toBe(join(root, 'pact.toml'));
  });

  it('a symlink to a real file counts as the file', () => {
    nodeFs.mkdirSync(join(root, 'p'), { recursive: true });
    nodeFs.writeFileSync(join(root, 'shared.toml'), '');
    nodeFs.symlinkSync(join(root, 'shared.toml'), join(root, 'p/pact.toml'));
    expect(findLocalConfig({ os: 'linux', cwd: join(root, 'p'), fs: fs() }).path).toBe(
      join(root, 'p/pact.toml'),
    );
  });

  // Root ignores permission bits, so chmod 000 proves nothing there; the fake-fs EACCES test above always runs.
  it.skipIf(process.getuid?.() === 0)(
    'a real directory with mode 000 is passed over (skipped as root)',
    () => {
      nodeFs.mkdirSync(join(root, 'p/locked/in'), { recursive: true });
      nodeFs.writeFileSync(join(root, 'p/pact.toml'), '');
      nodeFs.chmodSync(join(root, 'p/locked'), 0o000);
      try {
        const r = findLocalConfig({ os: 'linux', cwd: join(root, 'p/locked/in'), fs: fs() });
        expect(r.path).toBe(join(root, 'p/pact.toml'));
      } finally {
        nodeFs.chmodSync(join(root, 'p/locked'), 0o755);
      }
    },
  );
});
