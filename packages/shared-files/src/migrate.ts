import type * as Crypto from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { type Diagnostic, diagnostic, PactConfigError } from '@pact-config/env';
import {
  dataHomeCandidates,
  FALLBACK_DIR,
  type PathContext,
  PLUGINS_DIR,
  USER_CONFIG_NAME,
  userConfigCandidates,
} from '@pact-config/paths';
import { ensureDir } from './create.js';

/**
 * What happens to one entry of the legacy directory.
 * - `copy`: copied to the destination, then the source is removed;
 * - `in-place`: the destination already holds the same content (an earlier,
 *   interrupted run), so only the source is removed;
 * - `conflict`: the destination holds something else; nothing is overwritten
 *   and the source stays (`migrate-conflict`);
 * - `held`: another entry of the same unit (one plugin, say) is a conflict,
 *   so this one stays too, and the unit is never split;
 * - `skip`: not a file, a symbolic link or a directory (a socket, say); it stays.
 */
export type MigrationAction = 'copy' | 'in-place' | 'conflict' | 'held' | 'skip';

/** One entry of a {@link MigrationPlan}. */
export interface MigrationStep {
  readonly source: string;
  readonly destination: string;
  /** `dir` only for an empty directory; a directory's files are steps of their own. */
  readonly type: 'file' | 'symlink' | 'dir' | 'other';
  readonly action: MigrationAction;
  /** What moves as a whole: `config.toml`, `plugins/<name>-<version>`, or a top-level entry. */
  readonly unit: string;
}

/** A progress event of {@link migrateLegacyPactDir} with `apply: true`. */
export interface MigrationEvent {
  /**
   * `tmp-written`: the copy is complete and verified at `<destination>.tmp-<pid>`;
   * `placed`: it is linked or renamed into place;
   * `copied`: the temporary name is gone and the destination is verified;
   * `removed`: the source is removed (after every copy is verified).
   */
  readonly event: 'tmp-written' | 'placed' | 'copied' | 'removed';
  readonly source: string;
  readonly destination: string;
}

/** Options of {@link migrateLegacyPactDir}. */
export interface MigrateOptions {
  /** Do the work; without it (the default) only the plan is made, and nothing is written. */
  readonly apply?: boolean;
  /** The legacy directory; default `~/.pact`. */
  readonly from?: string;
  /** The new data home; default the OS's location (`$XDG_DATA_HOME/pact`, `%APPDATA%\pact`). */
  readonly dataHome?: string;
  /** Where `plugins/` goes; default `<data home>/plugins`. */
  readonly pluginDir?: string;
  /** Where `config.toml` goes; default the OS's user configuration file. */
  readonly configFile?: string;
  /** Called as the work goes on (for progress output, and for the tests that kill the process part-way). */
  readonly onProgress?: (event: MigrationEvent) => void;
}

/** The plan, and with `apply: true` what was done. */
export interface MigrationPlan {
  readonly from: string | undefined;
  readonly dataHome: string | undefined;
  readonly pluginDir: string | undefined;
  readonly configFile: string | undefined;
  readonly applied: boolean;
  /**
   * `nothing-to-do`: no legacy directory, or nothing left in it;
   * `planned`: a dry run with work to do; `done`: everything moved;
   * `incomplete`: conflicts or skipped entries stay in the legacy directory.
   */
  readonly status: 'nothing-to-do' | 'planned' | 'done' | 'incomplete';
  readonly steps: readonly MigrationStep[];
  /** The steps that are `conflict`s. */
  readonly conflicts: readonly MigrationStep[];
  readonly diagnostics: readonly Diagnostic[];
}

interface Entry {
  readonly source: string;
  readonly rel: readonly string[];
  readonly type: MigrationStep['type'];
}

const code = (e: unknown) => String((e as { code?: unknown } | null)?.code ?? e);

/**
 * Moves a legacy `~/.pact` to the RFC's locations (RFC "Drawbacks": the
 * backwards-compatible way out of the de-facto `~/.pact`): `plugins/` into
 * `<data home>/plugins`, `config.toml` to the OS's user configuration file,
 * everything else into the data home, keeping relative paths, file modes and
 * modification times (D41).
 *
 * A **dry run by default**: the plan (each source → destination, and the
 * conflicts) is returned and nothing is written. With `apply: true`:
 *
 * 1. every file is copied to `<destination>.tmp-<pid>`, flushed, verified
 *    (size and SHA-256 against the source), then hard-linked into place,
 *    which fails rather than overwrite (rename where the file system has no
 *    hard links), and verified again;
 * 2. only when every copy is in place and verified are the sources removed,
 *    each after one more verification, then the emptied directories.
 *
 * So a process killed at any point leaves every file complete at its source,
 * its destination, or both; running again finishes the work (a destination
 * that already holds the same content counts as done), and a run after that
 * has nothing to do. A destination holding _different_ content is never
 * overwritten: `migrate-conflict`, and that whole unit (one plugin, the
 * config file) stays where it is. Only files, symbolic links and empty
 * directories move; anything else stays with `migrate-skipped`.
 *
 * Uses `node:fs` directly (Node, Bun, Deno). Throws `PactConfigError`
 * (`migrate-failed`) on an I/O error part-way; what is done stays done, and
 * running again carries on.
 *
 * @example
 * ```ts
 * const { host } = runtimeHost();
 * const plan = migrateLegacyPactDir(host); // dry run
 * plan.steps.map((s) => `${s.source} -> ${s.destination} (${s.action})`);
 * if (plan.conflicts.length === 0) migrateLegacyPactDir(host, { apply: true });
 * ```
 */
export function migrateLegacyPactDir(
  ctx: Pick<PathContext, 'os' | 'env' | 'home'>,
  options: MigrateOptions = {},
): MigrationPlan {
  const diagnostics: Diagnostic[] = [];
  const full = { os: ctx.os, env: ctx.env, home: ctx.home };
  const from = options.from ?? (ctx.home === undefined ? undefined : join(ctx.home, FALLBACK_DIR));
  const dataHome = options.dataHome ?? dataHomeCandidates(full).primary?.path;
  const pluginDir =
    options.pluginDir ?? (dataHome === undefined ? undefined : join(dataHome, PLUGINS_DIR));
  const configFile = options.configFile ?? userConfigCandidates(full).primary?.path;
  const base = { from, dataHome, pluginDir, configFile, applied: false };
  const nothing = (): MigrationPlan => ({
    ...base,
    status: 'nothing-to-do',
    steps: [],
    conflicts: [],
    diagnostics,
  });

  if (from === undefined || !fs.lstatSync(from, { throwIfNoEntry: false })?.isDirectory()) {
    return nothing();
  }
  const targetProblem = checkTargets(from, { dataHome, pluginDir, configFile });
  if (targetProblem !== undefined || dataHome === undefined || pluginDir === undefined) {
    diagnostics.push(
      diagnostic(
        'migrate-target-invalid',
        'error',
        `${from} cannot be migrated: ${targetProblem ?? 'this OS has no other data home (the RFC uses the fallback here)'}.`,
        { hint: 'Give the data home, plugin directory and configuration file to migrate to.' },
      ),
    );
    return nothing();
  }

  const destinationOf = (rel: readonly string[]): string | undefined => {
    if (rel.length === 1 && rel[0] === USER_CONFIG_NAME) return configFile;
    if (rel[0] === PLUGINS_DIR) return join(pluginDir, ...rel.slice(1));
    return join(dataHome, ...rel);
  };
  const unitOf = (rel: readonly string[]) =>
    rel[0] === PLUGINS_DIR && rel.length > 1 ? `${PLUGINS_DIR}/${rel[1]}` : (rel[0] ?? '.');

  // The plan.
  const planned: { -readonly [K in keyof MigrationStep]: MigrationStep[K] }[] = [];
  for (const entry of walk(from)) {
    const destination = destinationOf(entry.rel);
    const unit = unitOf(entry.rel);
    if (destination === undefined) {
      diagnostics.push(skipped(entry.source, 'there is no user configuration location on this OS'));
      planned.push({
        source: entry.source,
        destination: '',
        type: entry.type,
        action: 'skip',
        unit,
      });
      continue;
    }
    let action: MigrationAction;
    if (entry.type === 'other') {
      action = 'skip';
      diagnostics.push(skipped(entry.source, 'it is not a file, a link or a directory'));
    } else {
      action = compare(entry, destination);
    }
    planned.push({ source: entry.source, destination, type: entry.type, action, unit });
  }
  const conflictUnits = new Set(planned.filter((s) => s.action === 'conflict').map((s) => s.unit));
  for (const s of planned) {
    if (s.action === 'conflict') diagnostics.push(conflict(s));
    else if (conflictUnits.has(s.unit) && s.action !== 'skip') s.action = 'held';
  }
  const result = (applied: boolean): MigrationPlan => {
    const left = planned.some((s) => s.action !== 'copy' && s.action !== 'in-place');
    const work = planned.some((s) => s.action === 'copy' || s.action === 'in-place');
    return {
      ...base,
      applied,
      status: !applied && work ? 'planned' : left ? 'incomplete' : 'done',
      steps: planned.map((s) => ({ ...s })),
      conflicts: planned.filter((s) => s.action === 'conflict').map((s) => ({ ...s })),
      diagnostics: [...diagnostics],
    };
  };
  if (planned.length === 0) {
    // An empty legacy directory (a run killed just before its last rmdir, say).
    if (options.apply) removeEmptyDirs(from);
    return nothing();
  }
  if (!options.apply) return result(false);

  // 1. Copy and verify everything.
  const emit = options.onProgress ?? (() => {});
  diagnostics.push(...ensureDir(dataHome, { what: 'data home' }).diagnostics);
  if (planned.some((s) => s.unit.startsWith(`${PLUGINS_DIR}/`) && s.action === 'copy')) {
    diagnostics.push(...ensureDir(pluginDir, { what: 'plugin directory' }).diagnostics);
  }
  if (configFile && planned.some((s) => s.destination === configFile && s.action === 'copy')) {
    const what = 'configuration directory';
    diagnostics.push(...ensureDir(dirname(configFile), { what }).diagnostics);
  }
  for (const s of planned) {
    // A run killed between placing a copy and removing its temporary name left one behind.
    if (s.action === 'in-place' && s.type !== 'dir') removeStaleTemps(s.destination);
    if (s.action !== 'copy') continue;
    try {
      const placed = copyOne(s, emit);
      if (!placed) {
        // Someone else put different content there since the plan was made.
        s.action = 'conflict';
        diagnostics.push(conflict(s));
      }
    } catch (e) {
      throw failed(s, e);
    }
  }
  const lateConflicts = new Set(planned.filter((s) => s.action === 'conflict').map((s) => s.unit));
  for (const s of planned) {
    if (lateConflicts.has(s.unit) && (s.action === 'copy' || s.action === 'in-place')) {
      s.action = 'held';
    }
  }

  // 2. Every copy is in place: remove the sources, each after one more check.
  for (const s of planned) {
    if (s.action !== 'copy' && s.action !== 'in-place') continue;
    if (s.type === 'dir') continue;
    try {
      if (!same(s.source, s.destination, s.type)) {
        s.action = 'conflict';
        diagnostics.push(conflict(s));
        continue;
      }
      fs.unlinkSync(s.source);
    } catch (e) {
      if (code(e) !== 'ENOENT') throw failed(s, e);
    }
    emit({ event: 'removed', source: s.source, destination: s.destination });
  }
  removeEmptyDirs(from);
  return result(true);
}

const NAMES: Record<string, string> = {
  dataHome: 'data home',
  pluginDir: 'plugin directory',
  configFile: 'configuration file',
};

function checkTargets(
  from: string,
  targets: Record<string, string | undefined>,
): string | undefined {
  /** `a` is `b` or inside it. */
  const inside = (a: string, b: string) => {
    const r = relative(resolve(b), resolve(a));
    return r === '' || (r !== '..' && !r.startsWith(`..${sep}`) && !isAbsolute(r));
  };
  for (const [name, target] of Object.entries(targets)) {
    if (target === undefined) continue;
    if (inside(target, from) || (name === 'dataHome' && inside(from, target))) {
      return `the ${NAMES[name] ?? name} ${target} and ${from} overlap`;
    }
  }
  return undefined;
}

function* walk(root: string): Generator<Entry> {
  const go = function* (dir: string, rel: string[]): Generator<Entry> {
    const names = fs.readdirSync(dir).sort();
    if (names.length === 0 && rel.length > 0) {
      yield { source: dir, rel, type: 'dir' };
      return;
    }
    for (const name of names) {
      const source = join(dir, name);
      const st = fs.lstatSync(source);
      const r = [...rel, name];
      if (st.isDirectory()) yield* go(source, r);
      else if (st.isFile()) yield { source, rel: r, type: 'file' };
      else if (st.isSymbolicLink()) yield { source, rel: r, type: 'symlink' };
      else yield { source, rel: r, type: 'other' };
    }
  };
  yield* go(root, []);
}

function hashOf(path: string): string {
  return sha256().update(fs.readFileSync(path)).digest('hex');
}

/** Whether `b` holds what `a` holds (size and SHA-256 for files; the target for links). */
function same(a: string, b: string, type: MigrationStep['type']): boolean {
  const sb = fs.lstatSync(b, { throwIfNoEntry: false });
  if (!sb) return false;
  if (type === 'dir') return sb.isDirectory();
  if (type === 'symlink') return sb.isSymbolicLink() && fs.readlinkSync(a) === fs.readlinkSync(b);
  const sa = fs.lstatSync(a);
  return sb.isFile() && sa.size === sb.size && hashOf(a) === hashOf(b);
}

function compare(entry: Entry, destination: string): MigrationAction {
  const st = fs.lstatSync(destination, { throwIfNoEntry: false });
  if (!st) return 'copy';
  return same(entry.source, destination, entry.type) ? 'in-place' : 'conflict';
}

function tmpName(destination: string, pid: number): string {
  return `${destination}.tmp-${pid}`;
}

/** Removes `<destination>.tmp-<pid>` files left by processes that are gone. */
function removeStaleTemps(destination: string): void {
  const dir = dirname(destination);
  const prefix = `${destination.slice(dir.length + 1)}.tmp-`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (!Number.isInteger(pid) || pid <= 0) continue;
    if (pid !== process.pid && alive(pid)) continue;
    fs.rmSync(join(dir, name), { force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return code(e) !== 'ESRCH';
  }
}

/** Copies one entry into place; `false` when the destination turned out to hold something else. */
function copyOne(s: MigrationStep, emit: (e: MigrationEvent) => void): boolean {
  const parent = dirname(s.source);
  const parentMode = fs.statSync(parent).mode & 0o777;
  fs.mkdirSync(dirname(s.destination), { recursive: true, mode: parentMode | 0o700 });
  if (s.type === 'dir') {
    const mode = fs.statSync(s.source).mode & 0o777;
    fs.mkdirSync(s.destination, { recursive: true, mode: mode | 0o700 });
    emit({ event: 'copied', source: s.source, destination: s.destination });
    return fs.statSync(s.destination).isDirectory();
  }
  removeStaleTemps(s.destination);
  const tmp = tmpName(s.destination, process.pid);
  fs.rmSync(tmp, { force: true });
  if (s.type === 'symlink') {
    fs.symlinkSync(fs.readlinkSync(s.source), tmp);
  } else {
    const st = fs.statSync(s.source);
    fs.copyFileSync(s.source, tmp);
    fs.chmodSync(tmp, st.mode & 0o7777);
    const fd = fs.openSync(tmp, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.utimesSync(tmp, st.atime, st.mtime);
  }
  if (!same(s.source, tmp, s.type)) {
    fs.rmSync(tmp, { force: true });
    throw new Error('the copy does not match the source');
  }
  emit({ event: 'tmp-written', source: s.source, destination: s.destination });
  if (!place(tmp, s.destination, s.type)) {
    fs.rmSync(tmp, { force: true });
    return same(s.source, s.destination, s.type);
  }
  emit({ event: 'placed', source: s.source, destination: s.destination });
  fs.rmSync(tmp, { force: true });
  if (!same(s.source, s.destination, s.type))
    throw new Error('the destination does not match the source');
  emit({ event: 'copied', source: s.source, destination: s.destination });
  return true;
}

/** Puts `tmp` at `destination` without overwriting; `false` if something is there already. */
function place(tmp: string, destination: string, type: MigrationStep['type']): boolean {
  if (type === 'file') {
    try {
      fs.linkSync(tmp, destination);
      return true;
    } catch (e) {
      const c = code(e);
      if (c === 'EEXIST') return false;
      if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK'].includes(c)) throw e;
      // No hard links here: fall back to a rename after a check.
    }
  }
  if (fs.lstatSync(destination, { throwIfNoEntry: false })) return false;
  fs.renameSync(tmp, destination);
  return true;
}

function removeEmptyDirs(root: string): void {
  const go = (dir: string): void => {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const p = join(dir, name);
      if (fs.lstatSync(p, { throwIfNoEntry: false })?.isDirectory()) go(p);
    }
    try {
      fs.rmdirSync(dir);
    } catch {
      // Not empty (a conflict or a skipped entry stays), or gone already.
    }
  };
  go(root);
}

function conflict(s: MigrationStep): Diagnostic {
  return diagnostic(
    'migrate-conflict',
    'warning',
    `${s.destination} already exists with other content, so ${s.source} is not moved${s.unit.includes('/') ? ` (nor the rest of ${s.unit})` : ''}.`,
    {
      hint: `Compare the two; delete or rename the one you do not want, then run the migration again. Nothing was overwritten.`,
    },
  );
}

function skipped(source: string, why: string): Diagnostic {
  return diagnostic('migrate-skipped', 'warning', `${source} stays where it is: ${why}.`, {
    hint: 'Move it yourself if it is still needed.',
  });
}

function failed(s: MigrationStep, e: unknown): PactConfigError {
  const why = e instanceof Error && !('code' in e) ? e.message : code(e);
  return new PactConfigError(
    diagnostic(
      'migrate-failed',
      'error',
      `Migrating ${s.source} to ${s.destination} failed (${why}); nothing is lost.`,
      {
        hint: 'Fix the cause, then run the migration again: it carries on where it stopped.',
      },
    ),
  );
}

let crypto: typeof Crypto | undefined;
/** `node:crypto` is loaded on the first hash, so importing the package (or the facade) does not load it. */
function sha256(): Crypto.Hash {
  crypto ??= createRequire(import.meta.url)('node:crypto') as typeof Crypto;
  return crypto.createHash('sha256');
}
