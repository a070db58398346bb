import { type Diagnostic, diagnostic, type Host } from '@pact-config/env';
import { LOCAL_CONFIG_NAMES, type PathKind, pathApi } from '@pact-config/paths';
import { firstFile, runAsync, runSync, stat, type Task } from './io.js';

/** The result of {@link findLocalConfig}. */
export interface LocalConfigResult {
  /** The local configuration file, or `undefined` when none was found (or `cwd` is unknown). */
  readonly path?: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** What the search found, with the D3 check still to run when it was not settled by the search. */
export interface LocalSearch extends LocalConfigResult {
  /** Whether `.pact.toml` is beside the `pact.toml` found (D3): one stat, run when asked. */
  readonly pending?: Task<Diagnostic[]>;
}

/**
 * The search for the local file as a task: from `cwd` up to the root, at
 * each level `pact.toml` then `.pact.toml`; the first level holding either
 * ends the search. Only regular files count: a directory named `pact.toml`
 * is passed over (then `.pact.toml` at the same level is asked), and a path
 * whose stat fails (EACCES, ELOOP from a symlink loop, …) counts as missing.
 * The walk is lexical (`dirname`), so a symlinked working directory cannot
 * make it loop. With sync calls it is one stat per name and level up to the
 * find; with promises every level is stat'ed at once.
 *
 * When `pact.toml` is found, whether `.pact.toml` is beside it (D3) is left
 * to `pending` (a stat, unless the search already made it).
 */
export function* findLocalTask(host: Pick<Host, 'os' | 'cwd'>): Task<LocalSearch> {
  if (host.cwd === undefined || host.cwd === '') return { diagnostics: [] };
  const api = pathApi(host.os);
  const [first, second] = LOCAL_CONFIG_NAMES;
  // The candidates two per level, built as they are asked for: the sync search stops at
  // the level it finds and builds nothing above it.
  const paths: string[] = [];
  let dir: string | undefined = normalized(api, host.cwd);
  // A normalized absolute path's parents are absolute too, and for those plain
  // concatenation is `join`, and cheaper.
  const absolute = api.isAbsolute(dir);
  const posixAbsolute = absolute && api.sep === '/';
  const pathAt = (index: number): string | undefined => {
    while (index >= paths.length && dir !== undefined) {
      const base = !absolute ? undefined : dir.endsWith(api.sep) ? dir : dir + api.sep;
      paths.push(
        base === undefined ? api.join(dir, first) : base + first,
        base === undefined ? api.join(dir, second) : base + second,
      );
      const parent = posixAbsolute && !dir.endsWith('/') ? posixParent(dir) : api.dirname(dir);
      dir = parent === dir ? undefined : parent;
    }
    return paths[index];
  };
  const { index, kinds } = yield* firstFile(pathAt);
  if (index < 0) return { diagnostics: [] };
  const path = paths[index]!;
  if (index % 2 === 1) return { path, diagnostics: [] };
  const other = paths[index + 1]!;
  return { path, diagnostics: [], pending: bothCheck(api.dirname(path), other, kinds[index + 1]) };
}

/**
 * The D3 check: whether `other` (`.pact.toml`) is a file beside the `pact.toml` found in
 * `dir`; `known` when the search already stat'ed it. A top-level generator, not one made
 * inside the search: a generator function made per call gives V8 a new map for its
 * objects each time, and what those maps hold outlives many loads.
 */
function* bothCheck(dir: string, other: string, known: PathKind | undefined): Task<Diagnostic[]> {
  const kind = known ?? (yield* stat(other));
  return kind === 'file' ? [bothDiagnostic(dir, other)] : [];
}

/**
 * `posix.dirname(dir)` for an absolute path without a trailing `/`: a search from
 * `lastIndexOf` where `dirname` walks back one character at a time (the walk up asks it
 * at every level).
 */
function posixParent(dir: string): string {
  const i = dir.lastIndexOf('/');
  return i <= 0 ? '/' : dir.slice(0, i);
}

let lastCwd: { api: unknown; cwd: string; normal: string } | undefined;

/** `api.normalize(cwd)`, remembered for the last working directory (it rarely changes). */
function normalized(api: ReturnType<typeof pathApi>, cwd: string): string {
  if (lastCwd?.api !== api || lastCwd.cwd !== cwd) {
    lastCwd = { api, cwd, normal: api.normalize(cwd) };
  }
  return lastCwd.normal;
}

function bothDiagnostic(dir: string, other: string): Diagnostic {
  const [first, second] = LOCAL_CONFIG_NAMES;
  return diagnostic(
    'local-config-both',
    'warning',
    `${first} and ${second} are both in ${dir}; ${first} is read and ${second} is ignored.`,
    {
      hint: `Merge them into ${first} and delete ${second}.`,
      source: { kind: 'local', file: other },
    },
  );
}

/**
 * Finds the local configuration file (RFC "Location"): `pact.toml` or
 * `.pact.toml` in the working directory, else in the nearest ancestor. When a
 * directory holds both, `pact.toml` is used with a `local-config-both`
 * warning (D3).
 *
 * @example
 * ```ts
 * findLocalConfig({ os: 'linux', cwd: '/p/sub', fs }).path; // '/p/.pact.toml'
 * ```
 */
export function findLocalConfig(host: Pick<Host, 'os' | 'cwd' | 'fs'>): LocalConfigResult {
  return runSync(settled(findLocalTask(host)), host.fs);
}

/** {@link findLocalConfig} with the file system's promise API. */
export function findLocalConfigAsync(
  host: Pick<Host, 'os' | 'cwd' | 'fs'>,
): Promise<LocalConfigResult> {
  return runAsync(settled(findLocalTask(host)), host.fs);
}

/** The search with its D3 check run. */
function* settled(search: Task<LocalSearch>): Task<LocalConfigResult> {
  const { path, diagnostics, pending } = yield* search;
  const more = pending ? yield* pending : [];
  return { ...(path !== undefined && { path }), diagnostics: [...diagnostics, ...more] };
}
