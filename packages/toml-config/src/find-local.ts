import { type Diagnostic, diagnostic, type Host } from '@pact-config/env';
import { LOCAL_CONFIG_NAMES, pathApi } from '@pact-config/paths';
import { runAsync, runSync, stat, type Task } from './io.js';

/** The result of {@link findLocalConfig}. */
export interface LocalConfigResult {
  /** The local configuration file, or `undefined` when none was found (or `cwd` is unknown). */
  readonly path?: string;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The search for the local file as a task: from `cwd` up to the root, at
 * each level `pact.toml` then `.pact.toml`, one stat each; the first level
 * holding either ends the search. Only regular files count: a directory named
 * `pact.toml` is passed over (then `.pact.toml` at the same level is asked),
 * and a path whose stat fails (EACCES, ELOOP from a symlink loop, …) counts
 * as missing. The walk is lexical (`dirname`), so a symlinked working
 * directory cannot make it loop.
 */
export function* findLocalTask(host: Pick<Host, 'os' | 'cwd'>): Task<LocalConfigResult> {
  if (host.cwd === undefined || host.cwd === '') return { diagnostics: [] };
  const api = pathApi(host.os);
  let dir = api.normalize(host.cwd);
  const [first, second] = LOCAL_CONFIG_NAMES;
  for (;;) {
    const primary = api.join(dir, first);
    if ((yield* stat(primary)) === 'file') {
      const other = api.join(dir, second);
      if ((yield* stat(other)) === 'file') {
        return {
          path: primary,
          diagnostics: [
            diagnostic(
              'local-config-both',
              'warning',
              `${first} and ${second} are both in ${dir}; ${first} is read and ${second} is ignored.`,
              {
                hint: `Merge them into ${first} and delete ${second}.`,
                source: { kind: 'local', file: other },
              },
            ),
          ],
        };
      }
      return { path: primary, diagnostics: [] };
    }
    const other = api.join(dir, second);
    if ((yield* stat(other)) === 'file') return { path: other, diagnostics: [] };
    const parent = api.dirname(dir);
    if (parent === dir) return { diagnostics: [] };
    dir = parent;
  }
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
  return runSync(findLocalTask(host), host.fs);
}

/** {@link findLocalConfig} with the file system's promise API. */
export function findLocalConfigAsync(
  host: Pick<Host, 'os' | 'cwd' | 'fs'>,
): Promise<LocalConfigResult> {
  return runAsync(findLocalTask(host), host.fs);
}
