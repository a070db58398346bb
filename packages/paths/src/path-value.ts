import { type Diagnostic, diagnostic, type Os, type Source } from '@pact-config/env';
import { type OsPath, pathApi } from './os-path.js';

/** Where a path value was written, which decides the rules it follows. */
export type PathOrigin = 'file' | 'env' | 'cli';

/** What {@link resolvePathValue} needs besides the value. */
export interface PathValueContext {
  readonly os: Os;
  readonly home: string | undefined;
  /**
   * The directory relative values resolve against: the directory of the
   * configuration file for a file value, the working directory otherwise.
   */
  readonly baseDir: string | undefined;
  /** Who wrote the value; `file` (the default) applies the RFC's backslash rule. */
  readonly origin?: PathOrigin;
  /** Where the value came from, attached to the diagnostics. */
  readonly source?: Source;
}

/** The result of {@link resolvePathValue}: an absolute path in the OS's own form, or none. */
export interface PathValueResult {
  readonly path: string | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

const DRIVE_RELATIVE = /^[A-Za-z]:(?![\\/])/;

/**
 * Resolves a path value by the RFC's "Path Handling" rules and gives it in
 * the target OS's own form (backslashes on Windows).
 *
 * - Values in a configuration file use `/`. A backslash there is undefined
 *   behaviour in the RFC; pact-config converts it to `/` and warns
 *   (`path-backslash`). Values from the environment or the command line are
 *   taken as the OS writes them.
 * - A leading `~`, alone or before `/`, is the home directory; `~` anywhere
 *   else, and `~user`, are literal; `./~` is the relative path `~`.
 * - A relative value resolves against `baseDir`: for a file value, the
 *   directory of the file that holds it.
 * - A value with a NUL character is no path on any OS: `path-invalid`, ignored.
 * - Windows drive paths (`C:/x`), UNC paths (`//server/share`) and
 *   root-relative paths (`/x`, on the drive of `baseDir`) are understood when
 *   `os` is `windows`.
 *
 * @example
 * ```ts
 * resolvePathValue('~/.local/share/pact', { os: 'linux', home: '/home/u', baseDir: '/p' }).path;
 * // '/home/u/.local/share/pact'
 * resolvePathValue('.pact/data', { os: 'windows', home: 'C:\\Users\\u', baseDir: 'C:\\work\\p' }).path;
 * // 'C:\\work\\p\\.pact\\data'
 * ```
 */
export function resolvePathValue(value: string, ctx: PathValueContext): PathValueResult {
  const diagnostics: Diagnostic[] = [];
  const where = ctx.source ? { source: ctx.source } : {};
  const api = pathApi(ctx.os);
  let v = value;

  if (v === '') {
    diagnostics.push(
      diagnostic('path-empty', 'warning', 'The path is empty, so it is ignored.', {
        hint: 'Give a path, or "." for the directory of the configuration file.',
        ...where,
      }),
    );
    return { path: undefined, diagnostics };
  }

  if (v.includes('\0')) {
    // No OS accepts a NUL in a path (Node's fs throws on one), so it can only be a mistake.
    diagnostics.push(
      diagnostic(
        'path-invalid',
        'error',
        `The path '${value.replaceAll('\0', '\\0')}' contains a NUL character, so it is ignored.`,
        { hint: 'Remove the NUL (\\0, \\u0000) from the path.', ...where },
      ),
    );
    return { path: undefined, diagnostics };
  }

  if ((ctx.origin ?? 'file') === 'file' && v.includes('\\')) {
    v = v.replaceAll('\\', '/');
    diagnostics.push(
      diagnostic(
        'path-backslash',
        'warning',
        `The path '${value}' uses a backslash; it was read as '${v}'.`,
        {
          hint: 'Write paths in configuration files with forward slashes (/), on every OS.',
          ...where,
        },
      ),
    );
  }

  if (ctx.os === 'windows' && DRIVE_RELATIVE.test(v)) {
    // `C:foo` depends on a per-drive working directory no configuration can know.
    const fixed = `${v.slice(0, 2)}/${v.slice(2)}`;
    diagnostics.push(
      diagnostic(
        'path-drive-relative',
        'warning',
        `The path '${value}' is relative to a drive's working directory; it was read as '${fixed}'.`,
        { hint: 'Write a full drive path such as C:/dir.', ...where },
      ),
    );
    v = fixed;
  }

  if (v === '~' || v.startsWith('~/') || (ctx.os === 'windows' && v.startsWith('~\\'))) {
    if (ctx.home === undefined) {
      diagnostics.push(homeUnknown(value, where));
      return { path: undefined, diagnostics };
    }
    return { path: resolveIn(api, ctx.home, v.slice(2) || '.'), diagnostics };
  }

  if (api.isAbsolute(v) && (ctx.os !== 'windows' || api.parse(v).root.length > 1)) {
    return { path: normalNative(api, v), diagnostics };
  }
  if (ctx.baseDir === undefined) {
    diagnostics.push(
      diagnostic(
        'path-no-base',
        'warning',
        `The relative path '${value}' has no directory to resolve against.`,
        {
          hint: 'Use an absolute path.',
          ...where,
        },
      ),
    );
    return { path: undefined, diagnostics };
  }
  return { path: resolveIn(api, ctx.baseDir, v), diagnostics };
}

const TRAILING = /(?<=[^\\/:])[\\/]+$/;
const TRAILING_POSIX = /(?<=[^/])\/+$/;

/** Drops trailing separators (not a root's); on POSIX a backslash is a file-name character, kept. */
function dropTrailing(api: OsPath, p: string): string {
  const last = p.charCodeAt(p.length - 1);
  // Most paths end in a name: nothing to drop, and no pattern to run.
  if (last !== 47 && (last !== 92 || api.sep !== '\\')) return p;
  return p.replace(api.sep === '\\' ? TRAILING : TRAILING_POSIX, '');
}

function toNative(api: OsPath, p: string): string {
  return api.sep === '\\' ? p.replaceAll('/', '\\') : p;
}

/**
 * `p` normalised, in the OS's own form, without trailing separators. A POSIX path with
 * nothing to normalise is given back as it is: a load resolves a few paths, nearly all
 * of them plain, and the check costs a fraction of `normalize`.
 */
function normalNative(api: OsPath, p: string): string {
  if (api.sep === '/' && isPlainPosix(p)) return p;
  return dropTrailing(api, api.normalize(toNative(api, p)));
}

/**
 * Whether POSIX `normalize` gives `p` back unchanged and it has no trailing `/`: it is
 * `/`, or its segments (after a leading `/`) are none of empty, `.` and `..`.
 */
export function isPlainPosix(p: string): boolean {
  if (p === '/') return true;
  const n = p.length;
  let start = p.charCodeAt(0) === 47 ? 1 : 0;
  if (start === n) return false;
  for (let i = start; i <= n; i++) {
    if (i < n && p.charCodeAt(i) !== 47) continue;
    const len = i - start;
    // An empty segment (`//`, a trailing `/`), `.` or `..`.
    if (len === 0) return false;
    if (len <= 2 && p.charCodeAt(start) === 46 && (len === 1 || p.charCodeAt(start + 1) === 46))
      return false;
    start = i + 1;
  }
  return true;
}

/** `base` joined with `rel` and normalised, never asking the running process for anything. */
export function resolveIn(api: OsPath, base: string, rel: string): string {
  if (api.isAbsolute(rel)) return normalNative(api, resolveRooted(api, base, rel));
  // Two plain POSIX paths join by concatenation: what `join` would give, for less.
  if (api.sep === '/' && isPlainPosix(base) && isPlainPosix(rel)) {
    return base === '/' ? `/${rel}` : `${base}/${rel}`;
  }
  // `join` normalises (and on Windows turns `/` into `\\`) already.
  return dropTrailing(api, api.join(base, rel));
}

function resolveRooted(api: OsPath, base: string, rel: string): string {
  // On Windows `/x` is rooted but takes its drive from the base.
  if (api.sep === '\\' && api.parse(rel).root.length <= 1)
    return api.join(api.parse(base).root, rel);
  return rel;
}

function homeUnknown(value: string, where: { source?: Source }): Diagnostic {
  return diagnostic(
    'home-unknown',
    'warning',
    `The path '${value}' starts with ~ but the home directory is not known, so it is ignored.`,
    { hint: 'Set HOME (USERPROFILE on Windows), or use an absolute path.', ...where },
  );
}
