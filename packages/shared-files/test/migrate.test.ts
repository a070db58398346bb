import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrateLegacyPactDir } from '../src/index.js';
import { codes, ensureBuilt, fixture, packageDir, posix, tempDir } from './helpers.js';

// RFC "Drawbacks": "a backwards compatible way to ensure that users can migrate to the new
// standard" — ~/.pact moves to the RFC's "Shared Files" and "Location" places.

/** rel path under ~/.pact → its destination, relative to home. */
const DEST: Record<string, string> = {
  'config.toml': '.config/pact/config.toml',
  'plugins/csv-0.0.6/pact-plugin.json': '.local/share/pact/plugins/csv-0.0.6/pact-plugin.json',
  'plugins/csv-0.0.6/pact-csv-plugin': '.local/share/pact/plugins/csv-0.0.6/pact-csv-plugin',
  'plugins/csv-0.0.6/current': '.local/share/pact/plugins/csv-0.0.6/current',
  'plugins/protobuf-0.5.4/pact-plugin.json':
    '.local/share/pact/plugins/protobuf-0.5.4/pact-plugin.json',
  'plugins/protobuf-0.5.4/bin/plugin': '.local/share/pact/plugins/protobuf-0.5.4/bin/plugin',
  'plugins/logs/plugin.log': '.local/share/pact/plugins/logs/plugin.log',
  'ffi/libpact_ffi.so': '.local/share/pact/ffi/libpact_ffi.so',
  'plugins/empty': '.local/share/pact/plugins/empty',
};

interface Original {
  readonly kind: 'file' | 'symlink' | 'dir';
  readonly data?: Buffer;
  readonly link?: string;
  readonly mode?: number;
}

/** Lays out a legacy ~/.pact in a fresh home; returns the home and what each entry holds. */
function legacyHome(): { home: string; originals: Record<string, Original> } {
  const home = tempDir();
  const pact = join(home, '.pact');
  const originals: Record<string, Original> = {};
  const file = (rel: string, data: Buffer | string, mode = 0o644) => {
    const p = join(pact, rel);
    mkdirSync(dirname(p), { recursive: true, mode: 0o755 });
    writeFileSync(p, data);
    chmodSync(p, mode);
    originals[rel] = { kind: 'file', data: Buffer.from(data), mode };
  };
  file('config.toml', '[broker]\nbase-url = "https://broker"\n', 0o600);
  file('plugins/csv-0.0.6/pact-plugin.json', '{"name":"csv","version":"0.0.6"}');
  file(
    'plugins/csv-0.0.6/pact-csv-plugin',
    Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251)),
    0o755,
  );
  symlinkSync('pact-csv-plugin', join(pact, 'plugins/csv-0.0.6/current'));
  originals['plugins/csv-0.0.6/current'] = { kind: 'symlink', link: 'pact-csv-plugin' };
  file('plugins/protobuf-0.5.4/pact-plugin.json', '{"name":"protobuf","version":"0.5.4"}');
  file('plugins/protobuf-0.5.4/bin/plugin', '#!/bin/sh\necho hi\n', 0o755);
  file('plugins/logs/plugin.log', 'log line\n');
  file('ffi/libpact_ffi.so', Buffer.alloc(1234, 7));
  mkdirSync(join(pact, 'plugins/empty'));
  originals['plugins/empty'] = { kind: 'dir' };
  return { home, originals };
}

const ctx = (home: string) => ({ os: 'linux' as const, env: {}, home });

/** Whether the entry at `p` is the original, exactly; `undefined` if nothing is there. */
function holds(p: string, o: Original): boolean | undefined {
  const st = lstatSync(p, { throwIfNoEntry: false });
  if (!st) return undefined;
  if (o.kind === 'dir') return st.isDirectory();
  if (o.kind === 'symlink') return st.isSymbolicLink() && readlinkSync(p) === o.link;
  return st.isFile() && readFileSync(p).equals(o.data!);
}

function allFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => !d.isDirectory())
    .map((d) => relative(root, join(d.parentPath, d.name)));
}

describe.runIf(posix)('migrating a legacy ~/.pact (RFC "Drawbacks", "Shared Files")', () => {
  it('is a dry run by default: the plan, and nothing written', () => {
    const { home, originals } = legacyHome();
    const plan = migrateLegacyPactDir(ctx(home));
    expect(plan).toMatchObject({
      from: join(home, '.pact'),
      dataHome: join(home, '.local/share/pact'),
      pluginDir: join(home, '.local/share/pact/plugins'),
      configFile: join(home, '.config/pact/config.toml'),
      applied: false,
      status: 'planned',
      conflicts: [],
      diagnostics: [],
    });
    const pairs = Object.fromEntries(
      plan.steps.map((s) => [
        relative(join(home, '.pact'), s.source),
        relative(home, s.destination),
      ]),
    );
    expect(pairs).toEqual(DEST);
    expect(new Set(plan.steps.map((s) => s.action))).toEqual(new Set(['copy']));
    expect(plan.steps.find((s) => s.source.endsWith('pact-csv-plugin'))?.unit).toBe(
      'plugins/csv-0.0.6',
    );
    expect(existsSync(join(home, '.local'))).toBe(false);
    expect(existsSync(join(home, '.config'))).toBe(false);
    for (const [rel, o] of Object.entries(originals))
      expect(holds(join(home, '.pact', rel), o)).toBe(true);
  });

  it('apply: copies, verifies, then removes the sources; modes and links kept; a second run has nothing to do', () => {
    const { home, originals } = legacyHome();
    const events: string[] = [];
    const done = migrateLegacyPactDir(ctx(home), {
      apply: true,
      onProgress: (e) => events.push(e.event),
    });
    expect(done).toMatchObject({ applied: true, status: 'done', conflicts: [], diagnostics: [] });
    for (const [rel, o] of Object.entries(originals)) {
      const dest = join(home, DEST[rel]!);
      expect(holds(dest, o), rel).toBe(true);
      if (o.mode !== undefined) expect(statSync(dest).mode & 0o777, rel).toBe(o.mode);
    }
    expect(existsSync(join(home, '.pact'))).toBe(false);
    expect(statSync(join(home, '.local/share/pact')).mode & 0o777).toBe(0o700);
    expect(statSync(join(home, '.config/pact')).mode & 0o777).toBe(0o700);
    // every removal comes after every copy
    expect(events.lastIndexOf('copied')).toBeLessThan(events.indexOf('removed'));
    expect(allFiles(home).filter((f) => f.includes('.tmp-'))).toEqual([]);
    const again = migrateLegacyPactDir(ctx(home), { apply: true });
    expect(again).toMatchObject({ status: 'nothing-to-do', steps: [], diagnostics: [] });
    expect(migrateLegacyPactDir(ctx(home)).status).toBe('nothing-to-do');
  });

  it('never overwrites: a different destination file is migrate-conflict, and its whole plugin stays', () => {
    const { home, originals } = legacyHome();
    const clash = join(home, DEST['plugins/csv-0.0.6/pact-plugin.json']!);
    mkdirSync(dirname(clash), { recursive: true });
    writeFileSync(clash, '{"name":"csv","version":"0.0.6","mine":true}');
    const plan = migrateLegacyPactDir(ctx(home));
    expect(plan.conflicts.map((s) => s.destination)).toEqual([clash]);
    expect(codes(plan.diagnostics)).toEqual(['migrate-conflict']);
    expect(plan.diagnostics[0]?.message).toContain(clash);
    const csv = plan.steps.filter((s) => s.unit === 'plugins/csv-0.0.6').map((s) => s.action);
    expect(csv.sort()).toEqual(['conflict', 'held', 'held']);

    const r = migrateLegacyPactDir(ctx(home), { apply: true });
    expect(r.status).toBe('incomplete');
    expect(readFileSync(clash, 'utf8')).toContain('"mine":true');
    for (const [rel, o] of Object.entries(originals)) {
      const atSource = holds(join(home, '.pact', rel), o);
      if (rel.startsWith('plugins/csv-0.0.6/')) {
        expect(atSource, rel).toBe(true);
        if (rel !== 'plugins/csv-0.0.6/pact-plugin.json')
          expect(holds(join(home, DEST[rel]!), o), rel).toBeUndefined();
      } else {
        expect(atSource, rel).toBeUndefined();
        expect(holds(join(home, DEST[rel]!), o), rel).toBe(true);
      }
    }
    // Running again reports the same conflict and changes nothing.
    const again = migrateLegacyPactDir(ctx(home), { apply: true });
    expect(again.status).toBe('incomplete');
    expect(again.conflicts.map((s) => s.destination)).toEqual([clash]);
  });

  it('a destination that already holds the same content counts as done (in-place)', () => {
    const { home } = legacyHome();
    const dest = join(home, DEST['ffi/libpact_ffi.so']!);
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, Buffer.alloc(1234, 7));
    const plan = migrateLegacyPactDir(ctx(home));
    expect(plan.steps.find((s) => s.destination === dest)?.action).toBe('in-place');
    const done = migrateLegacyPactDir(ctx(home), { apply: true });
    expect(done.status).toBe('done');
    expect(existsSync(join(home, '.pact'))).toBe(false);
    // The data home existed already (mkdir's 0755): reported, never changed (D38).
    expect(codes(done.diagnostics)).toContain('shared-dir-permissions');
    expect(statSync(join(home, '.local/share/pact')).mode & 0o777).toBe(0o755);
  });

  it('removes temporary copies left by a process that is gone, keeps those of a live one', () => {
    const { home } = legacyHome();
    const dest = join(home, DEST['config.toml']!);
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(`${dest}.tmp-999999999`, 'half');
    writeFileSync(`${dest}.tmp-${process.ppid}`, 'someone else, alive');
    migrateLegacyPactDir(ctx(home), { apply: true });
    expect(existsSync(`${dest}.tmp-999999999`)).toBe(false);
    expect(existsSync(`${dest}.tmp-${process.ppid}`)).toBe(true);
  });

  it('nothing to do without a ~/.pact; migrate-target-invalid without a target or with overlapping ones', () => {
    const home = tempDir();
    expect(migrateLegacyPactDir(ctx(home)).status).toBe('nothing-to-do');
    mkdirSync(join(home, '.pact', 'plugins'), { recursive: true });
    writeFileSync(join(home, '.pact', 'plugins', 'x'), 'x');
    const unknown = migrateLegacyPactDir({ os: 'unknown', env: {}, home }, { apply: true });
    expect(codes(unknown.diagnostics)).toEqual(['migrate-target-invalid']);
    expect(unknown.steps).toEqual([]);
    const inside = migrateLegacyPactDir(ctx(home), { dataHome: join(home, '.pact', 'new') });
    expect(codes(inside.diagnostics)).toEqual(['migrate-target-invalid']);
    const around = migrateLegacyPactDir(ctx(home), { dataHome: home });
    expect(codes(around.diagnostics)).toEqual(['migrate-target-invalid']);
    expect(existsSync(join(home, '.pact', 'plugins', 'x'))).toBe(true);
  });

  it('an empty ~/.pact left behind is removed by apply', () => {
    const home = tempDir();
    mkdirSync(join(home, '.pact'));
    expect(migrateLegacyPactDir(ctx(home), { apply: true }).status).toBe('nothing-to-do');
    expect(existsSync(join(home, '.pact'))).toBe(false);
  });
});

describe.runIf(posix)(
  'migration killed part-way (SIGKILL) loses nothing, and a rerun finishes it',
  () => {
    beforeAll(() => ensureBuilt(), 60_000);

    const child = (home: string, killAt: number) =>
      new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>(
        (resolve, reject) => {
          const p = spawn(process.execPath, [fixture('migrate-kill.mjs'), home, String(killAt)], {
            cwd: packageDir,
            stdio: ['ignore', 'pipe', 'inherit'],
          });
          let stdout = '';
          p.stdout.on('data', (b) => {
            stdout += b;
          });
          p.on('error', reject);
          p.on('close', (code, signal) => resolve({ code, signal, stdout }));
        },
      );

    it('for every kill point: each original is whole at its source or its destination; rerun: only at the destination', async () => {
      // How many progress events a full run gives: 9 entries (3 events each, 1 for the empty
      // dir) plus 8 removals.
      const probe = legacyHome();
      const full = await child(probe.home, 0);
      const { events } = JSON.parse(full.stdout) as { events: number };
      expect(events).toBe(8 * 3 + 1 + 8);

      const points = Array.from({ length: events }, (_, i) => i + 1);
      const runs = await Promise.all(
        points.map(async (killAt) => {
          const { home, originals } = legacyHome();
          const r = await child(home, killAt);
          return { killAt, home, originals, r };
        }),
      );
      for (const { killAt, home, originals, r } of runs) {
        expect(r.signal, `kill at ${killAt}`).toBe('SIGKILL');
        // Right after the kill: nothing lost, nothing half-written at a destination.
        for (const [rel, o] of Object.entries(originals)) {
          const src = holds(join(home, '.pact', rel), o);
          const dst = holds(join(home, DEST[rel]!), o);
          expect(src === true || dst === true, `kill at ${killAt}: ${rel}`).toBe(true);
          expect(src !== false && dst !== false, `kill at ${killAt}: ${rel} differs`).toBe(true);
        }
        // Rerun in this process: it finishes the work.
        const rerun = migrateLegacyPactDir(ctx(home), { apply: true });
        expect(rerun.status, `kill at ${killAt}`).toBe('done');
        expect(rerun.conflicts).toEqual([]);
        for (const [rel, o] of Object.entries(originals)) {
          expect(holds(join(home, '.pact', rel), o), `${killAt}: ${rel} at source`).toBeUndefined();
          expect(holds(join(home, DEST[rel]!), o), `${killAt}: ${rel} at destination`).toBe(true);
        }
        expect(existsSync(join(home, '.pact'))).toBe(false);
        // Exactly the originals, once each: no temporary copies, nothing extra.
        expect(allFiles(home).sort()).toEqual(
          Object.entries(DEST)
            .filter(([rel]) => originals[rel]?.kind !== 'dir')
            .map(([, d]) => d)
            .sort(),
        );
        expect(migrateLegacyPactDir(ctx(home), { apply: true }).status).toBe('nothing-to-do');
      }
    }, 120_000);
  },
);
