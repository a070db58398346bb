import * as nodeFs from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  type Diagnostic,
  dedupeDiagnostics,
  diagnostic,
  type Os,
  osFromPlatform,
  PactConfigError,
} from '@pact-config/env';
import type { DirectoryLocation } from '@pact-config/paths';
import { isExplicit, type SharedLocations } from './locations.js';

/** The mode given to a directory this package creates: owner only (POSIX). */
export const OWNER_ONLY = 0o700;

/**
 * The file-system calls directory creation makes. `node:fs` satisfies it (the
 * default); a test can hand in a fake to force `EACCES`, a race, and so on.
 */
export interface DirFs {
  mkdirSync(path: string, options: { recursive: true; mode: number }): string | undefined;
  statSync(
    path: string,
    options: { throwIfNoEntry: false },
  ): { isDirectory(): boolean; readonly mode: number } | undefined;
  chmodSync(path: string, mode: number): void;
}

/** Options of {@link ensureDir}. */
export interface EnsureDirOptions {
  /** The OS whose rules apply; default: the running one. On `windows`, modes are neither set nor checked. */
  readonly os?: Os;
  readonly fs?: DirFs;
  /**
   * The user set this location explicitly: an existing directory that is open
   * to group or others is then reported as `info`, not `warning` (D38).
   */
  readonly explicit?: boolean;
  /** Also `chmod 700` an _existing_ directory open to group or others (default: only report it). */
  readonly fixPermissions?: boolean;
  /** What the directory is, for messages; default `directory`. */
  readonly what?: string;
}

/** The result of {@link ensureDir}. */
export interface EnsureDirResult {
  readonly path: string;
  /** This call created the directory (another process may have created it at the same time). */
  readonly created: boolean;
  /** The permission bits afterwards (`mode & 0o777`); absent on Windows. */
  readonly mode?: number;
  readonly diagnostics: readonly Diagnostic[];
}

const errCode = (e: unknown): string | undefined => {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : undefined;
};

/**
 * Creates a directory, and its missing parents, with owner-only permissions
 * (`0o700`, as the XDG Base Directory spec asks), safely when several
 * processes do it at once (D38).
 *
 * - `mkdir -p` semantics: a directory that exists already, or that another
 *   process creates at the same moment, is success.
 * - Only directories created by this call are `chmod`ed to `0o700` (so an
 *   unusual umask cannot leave them unusable). An existing directory is never
 *   changed unless `fixPermissions` is set: if group or others have any
 *   permission on it, a `shared-dir-permissions` diagnostic says so.
 * - On Windows (`os: 'windows'`) modes mean nothing and are skipped; the
 *   directory inherits the ACL of its parent (under `%APPDATA%`, the user's).
 * - Something other than a directory at the path throws a
 *   {@link PactConfigError} `shared-dir-not-directory`; a `mkdir` the OS
 *   refuses (`EACCES`, `EROFS`, …) throws `shared-dir-create-failed`.
 *
 * @example
 * ```ts
 * const r = ensureDir('/tmp/x/pact/plugins');
 * r.created; // true the first time
 * r.mode?.toString(8); // '700'
 * ```
 */
export function ensureDir(path: string, options: EnsureDirOptions = {}): EnsureDirResult {
  const fs = options.fs ?? nodeFs;
  const os = options.os ?? osFromPlatform(process.platform);
  const posix = os !== 'windows';
  const what = options.what ?? 'directory';
  const diagnostics: Diagnostic[] = [];

  let first: string | undefined;
  try {
    first = fs.mkdirSync(path, { recursive: true, mode: OWNER_ONLY });
  } catch (e) {
    const code = errCode(e);
    // EEXIST here means a file (not a directory) is at the path or a parent;
    // ENOTDIR means a parent is a file. Both are reported by the check below.
    if (code !== 'EEXIST' && code !== 'ENOTDIR') throw createFailed(path, what, e);
  }

  let stat: ReturnType<DirFs['statSync']>;
  try {
    stat = fs.statSync(path, { throwIfNoEntry: false });
  } catch {
    stat = undefined; // ENOTDIR: a parent is a file
  }
  if (!stat?.isDirectory()) {
    throw new PactConfigError(
      diagnostic(
        'shared-dir-not-directory',
        'error',
        `The ${what} ${path} cannot be created: ${stat ? 'a file is there' : 'a parent is not a directory'}.`,
        { hint: `Move the file out of the way, or set the ${what} to another path.` },
      ),
    );
  }

  if (first !== undefined && posix) {
    // mkdir applied the mode minus the umask; set exactly 0o700 on what this call made.
    // `first` is the top directory this call created; it and everything below it, down to
    // `path`, are new. Walk up from `path` and stop there (never above it).
    const top = resolve(first);
    const made: string[] = [];
    for (let p = resolve(path); p.length >= top.length; p = dirname(p)) {
      made.push(p);
      if (p === top || dirname(p) === p) break;
    }
    for (const p of made) {
      try {
        fs.chmodSync(p, OWNER_ONLY);
      } catch (e) {
        throw createFailed(p, what, e);
      }
    }
    return { path, created: true, mode: OWNER_ONLY, diagnostics };
  }
  if (!posix) return { path, created: first !== undefined, diagnostics };

  let mode = stat.mode & 0o777;
  if ((mode & 0o077) !== 0) {
    const octal = mode.toString(8).padStart(3, '0');
    if (options.fixPermissions) {
      try {
        fs.chmodSync(path, OWNER_ONLY);
      } catch (e) {
        throw createFailed(path, what, e);
      }
      diagnostics.push(
        diagnostic(
          'shared-dir-permissions',
          'info',
          `The ${what} ${path} was open to group or others (${octal}); its mode is now 700.`,
          { hint: 'Only your user account needs to read it.' },
        ),
      );
      mode = OWNER_ONLY;
    } else {
      diagnostics.push(
        diagnostic(
          'shared-dir-permissions',
          options.explicit ? 'info' : 'warning',
          `The ${what} ${path} is open to group or others (mode ${octal}); it is left as it is.`,
          {
            hint: options.explicit
              ? `It was set explicitly, so pact-config does not change it; run \`chmod 700 ${path}\` if only you should read it.`
              : `Run \`chmod 700 ${path}\` so only your user account can read it.`,
          },
        ),
      );
    }
  }
  return { path, created: false, mode, diagnostics };
}

function createFailed(path: string, what: string, e: unknown): PactConfigError {
  const code = errCode(e) ?? (e instanceof Error ? e.message : String(e));
  return new PactConfigError(
    diagnostic(
      'shared-dir-create-failed',
      'error',
      `The ${what} ${path} cannot be created (${code}).`,
      {
        hint:
          code === 'EACCES' || code === 'EPERM'
            ? `You may not write to a parent of ${path}; set the ${what} to a path you own.`
            : `Check the path, or set the ${what} to another path.`,
      },
    ),
  );
}

/** The result of {@link ensureSharedDirs}. */
export interface EnsureSharedDirsResult {
  readonly dataHome: EnsureDirResult;
  readonly pluginDir: EnsureDirResult;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Creates the data home and the plugin directory (see {@link ensureDir}),
 * each as explicit as its location says. A location with no path (no home
 * directory known) throws `shared-dir-unknown`.
 *
 * @example
 * ```ts
 * const { host } = runtimeHost();
 * const made = ensureSharedDirs(sharedLocations(host));
 * made.pluginDir.path; // e.g. /home/me/.local/share/pact/plugins
 * ```
 */
export function ensureSharedDirs(
  locations: Pick<SharedLocations, 'dataHome' | 'pluginDir'>,
  options: Omit<EnsureDirOptions, 'explicit' | 'what'> = {},
): EnsureSharedDirsResult {
  const one = (loc: DirectoryLocation, what: string): EnsureDirResult => {
    if (loc.path === undefined) {
      throw new PactConfigError(
        diagnostic(
          'shared-dir-unknown',
          'error',
          `The ${what} is not known, so it cannot be created.`,
          {
            hint: `Set HOME (USERPROFILE on Windows), or set the ${what} explicitly (${what === 'data home' ? 'PACT_DATA_HOME' : 'PACT_PLUGIN_DIR'}).`,
          },
        ),
      );
    }
    return ensureDir(loc.path, { ...options, explicit: isExplicit(loc), what });
  };
  const dataHome = one(locations.dataHome, 'data home');
  const pluginDir = one(locations.pluginDir, 'plugin directory');
  return {
    dataHome,
    pluginDir,
    diagnostics: dedupeDiagnostics([...dataHome.diagnostics, ...pluginDir.diagnostics]),
  };
}
