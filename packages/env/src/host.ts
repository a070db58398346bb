import * as nodeFs from 'node:fs';
import * as nodeOs from 'node:os';

// The global `process` (Node, Bun, Deno 2), not `import process from 'node:process'`: that
// import builds a namespace from every property of `process`, which opens stdout and stdin
// (and loads `net` when they are pipes) at import time.
import { type Diagnostic, diagnostic } from './diagnostic.js';

/**
 * The operating-system family whose rules apply. `linux` stands for every
 * Unix-like other than macOS (the RFC gives them all the XDG rule); `unknown`
 * is an OS that could not be detected, for which the RFC's fallback
 * locations are used.
 */
export type Os = 'linux' | 'macos' | 'windows' | 'unknown';

/** The four values of {@link Os}. */
export const OSES: readonly Os[] = ['linux', 'macos', 'windows', 'unknown'];

/** An environment: variable name to value. Unset variables are absent or `undefined`. */
export type EnvRecord = Readonly<Record<string, string | undefined>>;

/** What the packages need to know of a file. */
export interface HostStat {
  isFile(): boolean;
  isDirectory(): boolean;
  /** Permission bits, where the file system has them. */
  readonly mode?: number;
}

/**
 * The small read interface the packages use. `node:fs` and memfs's `fs`
 * both satisfy it, so tests can hand in an in-memory tree.
 */
export interface HostFs {
  readFileSync(path: string): Uint8Array;
  statSync(path: string, options: { throwIfNoEntry: false }): HostStat | undefined;
  readonly promises: {
    readFile(path: string): Promise<Uint8Array>;
    stat(path: string): Promise<HostStat>;
  };
}

/**
 * Everything a rule may depend on. Every rule in pact-config is a function of
 * a host, so a test (or the conformance suite) can run Windows rules on Linux
 * by handing in `os: 'windows'`.
 */
export interface Host {
  readonly os: Os;
  readonly env: EnvRecord;
  /** The home directory, or `undefined` when none could be found. */
  readonly home: string | undefined;
  /** The working directory, or `undefined` when it may not be read. */
  readonly cwd: string | undefined;
  readonly fs: HostFs;
}

/** The JavaScript runtime running this code. */
export interface RuntimeInfo {
  readonly name: 'node' | 'bun' | 'deno' | 'unknown';
  readonly version: string;
}

interface DenoLike {
  version?: { deno?: string };
}

const g = () => globalThis as { Deno?: DenoLike; Bun?: { version?: string } };

/** Names the runtime: Node, Bun or Deno, with its version. */
export function runtimeInfo(): RuntimeInfo {
  const { Deno, Bun } = g();
  if (Deno) return { name: 'deno', version: Deno.version?.deno ?? 'unknown' };
  if (Bun) return { name: 'bun', version: Bun.version ?? 'unknown' };
  if (typeof process?.versions?.node === 'string') {
    return { name: 'node', version: process.versions.node };
  }
  return { name: 'unknown', version: 'unknown' };
}

const UNIX_LIKE = new Set([
  'linux',
  'freebsd',
  'openbsd',
  'netbsd',
  'sunos',
  'solaris',
  'illumos',
  'aix',
  'android',
  'haiku',
  'cygwin',
]);

/**
 * Maps a platform name (`process.platform`, or Deno's `Deno.build.os`) to the
 * RFC's OS family. Unix-likes other than macOS map to `linux`.
 *
 * @example
 * ```ts
 * osFromPlatform('darwin');  // 'macos'
 * osFromPlatform('freebsd'); // 'linux'
 * osFromPlatform('plan9');   // 'unknown'
 * ```
 */
export function osFromPlatform(platform: string): Os {
  if (platform === 'darwin') return 'macos';
  if (platform === 'win32' || platform === 'windows') return 'windows';
  if (UNIX_LIKE.has(platform)) return 'linux';
  return 'unknown';
}

/** The home directory named by the environment for an OS, if any (empty counts as unset). */
export function homeFromEnv(env: EnvRecord, os: Os): string | undefined {
  const get = envGetter(env, os);
  if (os === 'windows') {
    const profile = get('USERPROFILE');
    if (profile) return profile;
    const drive = get('HOMEDRIVE');
    const path = get('HOMEPATH');
    if (drive && path) return drive + path;
    return get('HOME') || undefined;
  }
  return get('HOME') || undefined;
}

/**
 * A lookup over an environment record. On Windows variable names are
 * case-insensitive, as the OS treats them.
 */
export function envGetter(env: EnvRecord, os: Os): (name: string) => string | undefined {
  if (os !== 'windows') return (name) => env[name];
  const upper = new Map<string, string | undefined>();
  for (const key of Object.keys(env)) {
    const k = key.toUpperCase();
    if (!upper.has(k)) upper.set(k, env[key]);
  }
  return (name) => upper.get(name.toUpperCase());
}

function isPermissionError(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  return name === 'NotCapable' || name === 'PermissionDenied';
}

function permissionDiagnostic(what: string, flag: string): Diagnostic {
  return diagnostic(
    'runtime-permission',
    'warning',
    `Deno did not allow reading the ${what}; pact-config carries on without it.`,
    { hint: `Run Deno with ${flag} (or -A) so the ${what} can be read.` },
  );
}

/** The result of {@link runtimeHost}: the host, and what could not be read. */
export interface RuntimeHost {
  readonly host: Host;
  readonly runtime: RuntimeInfo;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Builds the host from the running runtime (Node, Bun or Deno). Nothing is
 * read until this is called.
 *
 * The home directory is taken from the environment first (`HOME`; on Windows
 * `USERPROFILE`, then `HOMEDRIVE` + `HOMEPATH`), so that the three runtimes
 * agree; only when that is unset or empty is the runtime's own `homedir()`
 * asked. Under Deno, a permission that is missing (`--allow-env`,
 * `--allow-sys`, `--allow-read`) becomes a `runtime-permission` diagnostic
 * naming the flag, never a thrown `NotCapable`.
 *
 * `host.env` is the live `process.env`, not a copy: a rule reads a variable
 * when it needs it. Hand in your own record for a fixed environment.
 *
 * @example
 * ```ts
 * const { host, diagnostics } = runtimeHost();
 * host.os; // 'linux' on Linux
 * ```
 */
export function runtimeHost(): RuntimeHost {
  const diagnostics: Diagnostic[] = [];
  const os = osFromPlatform(process.platform);

  let env: EnvRecord = {};
  try {
    // The live environment, not a copy: the rules read only the variables they need, and a
    // copy of every variable costs more than the whole load. Its names are listed once here
    // so that Deno, without --allow-env, says so now (a diagnostic) rather than on a later read.
    const live = process.env;
    if (g().Deno) Object.keys(live);
    env = live;
  } catch (e) {
    if (!isPermissionError(e)) throw e;
    diagnostics.push(permissionDiagnostic('environment', '--allow-env'));
  }

  let home = homeFromEnv(env, os);
  if (home === undefined) {
    try {
      home = nodeOs.homedir() || undefined;
    } catch (e) {
      if (!isPermissionError(e)) throw e;
      diagnostics.push(permissionDiagnostic('home directory', '--allow-sys'));
    }
  }
  if (home === undefined && !diagnostics.some((d) => d.code === 'runtime-permission')) {
    diagnostics.push(
      diagnostic('home-unknown', 'warning', 'The home directory could not be found.', {
        hint: 'Set HOME (USERPROFILE on Windows); locations under ~ are skipped until then.',
      }),
    );
  }

  let cwd: string | undefined;
  try {
    cwd = process.cwd();
  } catch (e) {
    if (!isPermissionError(e)) throw e;
    diagnostics.push(permissionDiagnostic('working directory', '--allow-read'));
  }

  return { host: { os, env, home, cwd, fs: runtimeFs() }, runtime: runtimeInfo(), diagnostics };
}

let nodeHostFs: HostFs | undefined;
/**
 * The runtime's file system as a {@link HostFs}: one object, made on first use (it holds
 * no state), frozen so that no caller can change it for the others.
 */
function runtimeFs(): HostFs {
  nodeHostFs ??= Object.freeze({
    readFileSync: (path: string) => nodeFs.readFileSync(path),
    statSync: (path: string, options: { throwIfNoEntry: false }) => nodeFs.statSync(path, options),
    promises: Object.freeze({
      readFile: (path: string) => nodeFs.promises.readFile(path),
      stat: (path: string) => nodeFs.promises.stat(path),
    }),
  });
  return nodeHostFs;
}
