import {
  type Diagnostic,
  diagnostic,
  type EnvRecord,
  emptyDiagnostic,
  envGetter,
  type Os,
  PactConfigError,
  type Source,
  type Sourced,
} from '@pact-config/env';
import { pathApi } from './os-path.js';
import { resolveIn, resolvePathValue } from './path-value.js';

/** What every location rule depends on. `cwd` resolves relative values from the environment. */
export interface PathContext {
  readonly os: Os;
  readonly env: EnvRecord;
  readonly home: string | undefined;
  readonly cwd?: string | undefined;
}

/** What is at a path: the one question the location rules ask of a disk. */
export type PathKind = 'file' | 'directory' | 'missing';

/** Answers {@link PathKind} for a path; injected so the rules stay pure. */
export type Probe = (path: string) => PathKind;

/** Which rule of the RFC gave a location. */
export type LocationRule =
  | 'cli'
  | 'env'
  | 'config'
  | 'xdg'
  | 'xdg-default'
  | 'appdata'
  | 'fallback'
  | 'data-home';

/** A location the RFC defines, before anything is known of the disk. */
export interface Candidate {
  readonly path: string;
  readonly rule: LocationRule;
  readonly source: Source;
}

/** The OS's own location and the fallback, in the order they are tried. */
export interface Candidates {
  /** `$XDG_…/pact…` on Unix-likes and macOS, `%APPDATA%\pact…` on Windows; none on an unknown OS. */
  readonly primary?: Candidate;
  /** `~/.pact…`, when the home directory is known. */
  readonly fallback?: Candidate;
  readonly diagnostics: readonly Diagnostic[];
}

/** The directory names and file names the RFC fixes. */
export const PACT_DIR = 'pact';
export const FALLBACK_DIR = '.pact';
export const USER_CONFIG_NAME = 'config.toml';
export const LOCAL_CONFIG_NAMES = ['pact.toml', '.pact.toml'] as const;
export const PLUGINS_DIR = 'plugins';

type Base = 'config' | 'data';

const XDG: Record<Base, { name: string; dflt: string }> = {
  config: { name: 'XDG_CONFIG_HOME', dflt: '.config' },
  data: { name: 'XDG_DATA_HOME', dflt: '.local/share' },
};

/**
 * The OS's base directory for configuration or data, or none: on Unix-likes
 * and macOS `$XDG_CONFIG_HOME` / `$XDG_DATA_HOME`, ignoring an empty or
 * relative value as the XDG Base Directory spec says, else under `~`; on
 * Windows `%APPDATA%`.
 */
function osBase(ctx: PathContext, base: Base, diagnostics: Diagnostic[]): Candidate | undefined {
  const get = envGetter(ctx.env, ctx.os);
  if (ctx.os === 'unknown') return undefined;
  if (ctx.os === 'windows') {
    const appdata = get('APPDATA');
    const api = pathApi('windows');
    if (appdata && api.isAbsolute(appdata) && api.parse(appdata).root.length > 1) {
      return { path: appdata, rule: 'appdata', source: { kind: 'env', name: 'APPDATA' } };
    }
    diagnostics.push(
      diagnostic(
        'appdata-missing',
        'warning',
        appdata
          ? `APPDATA is '${appdata}', which is not an absolute path, so the fallback location under ~ is used.`
          : 'APPDATA is not set, so the fallback location under ~ is used.',
        {
          hint: 'Set APPDATA to your roaming application-data folder.',
          source: { kind: 'env', name: 'APPDATA' },
        },
      ),
    );
    return undefined;
  }
  const { name, dflt } = XDG[base];
  const value = get(name);
  if (value !== undefined && value !== '') {
    if (value.startsWith('/')) return { path: value, rule: 'xdg', source: { kind: 'env', name } };
    diagnostics.push(
      diagnostic(
        'xdg-relative',
        'warning',
        `${name} is '${value}', a relative path, so it is ignored.`,
        {
          hint: `The XDG Base Directory spec requires an absolute path; set ${name} to one, or unset it.`,
          source: { kind: 'env', name },
        },
      ),
    );
  } else if (value === '') {
    diagnostics.push(emptyDiagnostic(name));
  }
  if (ctx.home === undefined) return undefined;
  return {
    path: resolveIn(pathApi(ctx.os), ctx.home, dflt),
    rule: 'xdg-default',
    source: { kind: 'default', detail: `~/${dflt}` },
  };
}

/** `[first, ...tail].join(sep)` without the array (every load takes this path). */
function joined(first: string, tail: readonly string[], sep: string): string {
  let out = first;
  for (const part of tail) out += sep + part;
  return out;
}

function candidates(ctx: PathContext, base: Base, tail: string[]): Candidates {
  const diagnostics: Diagnostic[] = [];
  const api = pathApi(ctx.os);
  const found = osBase(ctx, base, diagnostics);
  // Built field by field: object spread is slow on this path, which every load takes.
  const out: { primary?: Candidate; fallback?: Candidate; diagnostics: Diagnostic[] } = {
    diagnostics,
  };
  if (found) {
    out.primary = {
      path: resolveIn(api, found.path, joined(PACT_DIR, tail, api.sep)),
      rule: found.rule,
      source: found.source,
    };
  }
  if (ctx.home !== undefined) {
    out.fallback = {
      path: resolveIn(api, ctx.home, joined(FALLBACK_DIR, tail, api.sep)),
      rule: 'fallback',
      source: { kind: 'default', detail: `~/${joined(FALLBACK_DIR, tail, '/')}` },
    };
  }
  if (!found && ctx.home === undefined) diagnostics.push(noHome());
  return out;
}

/**
 * The user configuration file's candidates (RFC "Location"):
 * `$XDG_CONFIG_HOME/pact/config.toml` (default `~/.config/pact/config.toml`)
 * on Unix-likes and macOS, `%APPDATA%\pact\config.toml` on Windows, and the
 * fallback `~/.pact/config.toml`.
 *
 * @example
 * ```ts
 * userConfigCandidates({ os: 'linux', env: {}, home: '/home/u' }).primary?.path;
 * // '/home/u/.config/pact/config.toml'
 * ```
 */
export function userConfigCandidates(ctx: PathContext): Candidates {
  return candidates(ctx, 'config', [USER_CONFIG_NAME]);
}

/**
 * The data home's candidates (RFC "Shared Files"): `$XDG_DATA_HOME/pact`
 * (default `~/.local/share/pact`) on Unix-likes and macOS, `%APPDATA%\pact`
 * on Windows, and the fallback `~/.pact`.
 */
export function dataHomeCandidates(ctx: PathContext): Candidates {
  return candidates(ctx, 'data', []);
}

/** The configuration file chosen by {@link locateConfigFile}. */
export interface ConfigFileLocation {
  /** The file to read, or `undefined` when there is no user file. */
  readonly file?: {
    readonly path: string;
    readonly role: 'explicit' | 'user';
    readonly rule: LocationRule;
    readonly source: Source;
  };
  /** Every place looked at, in order, and what was there. */
  readonly considered: readonly (Candidate & { readonly kind: PathKind })[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Options of {@link locateConfigFile}. */
export interface LocateConfigOptions {
  /** The command-line value of the explicit file; it wins over `PACT_CONFIG_FILE`. */
  readonly cli?: Sourced<string> | undefined;
  /** What is at a path. */
  readonly probe: Probe;
}

/**
 * Chooses the explicit or user configuration file (RFC "Location", "Precedence").
 *
 * An explicit file, from the command line or else `PACT_CONFIG_FILE`, is the
 * one used; if it is missing or a directory, a {@link PactConfigError}
 * (`explicit-config-missing`, `explicit-config-not-file`) is thrown naming
 * the path and where it was set. Otherwise the OS's location is used if the
 * file is there, else the fallback `~/.pact/config.toml` if it is there.
 * When the OS is known and a file is at the fallback, a `fallback-config-file`
 * warning is given; when both exist, the OS's location wins and
 * `multiple-user-config` says the fallback file is ignored (the RFC leaves it
 * undefined).
 */
export function locateConfigFile(
  ctx: PathContext,
  options: LocateConfigOptions,
): ConfigFileLocation {
  const diagnostics: Diagnostic[] = [];
  const explicit = explicitValue(ctx, options.cli, 'PACT_CONFIG_FILE', diagnostics);
  if (explicit) {
    const resolved = resolvePathValue(explicit.value, {
      os: ctx.os,
      home: ctx.home,
      baseDir: ctx.cwd,
      origin: explicit.source.kind === 'cli' ? 'cli' : 'env',
      source: explicit.source,
    });
    diagnostics.push(...resolved.diagnostics);
    if (resolved.path === undefined) {
      throw new PactConfigError(
        diagnostic(
          'explicit-config-missing',
          'error',
          `The explicit configuration file '${explicit.value}' cannot be resolved.`,
          {
            hint: 'Give an absolute path.',
            source: explicit.source,
          },
        ),
      );
    }
    const kind = options.probe(resolved.path);
    if (kind !== 'file') throw explicitError(resolved.path, kind, explicit.source);
    const candidate = {
      path: resolved.path,
      rule: ruleOf(explicit.source),
      source: explicit.source,
    };
    return {
      file: { ...candidate, role: 'explicit' },
      considered: [{ ...candidate, kind }],
      diagnostics,
    };
  }

  const c = userConfigCandidates(ctx);
  diagnostics.push(...c.diagnostics);
  const considered: (Candidate & { kind: PathKind })[] = [];
  const look = (cand: Candidate | undefined) => {
    if (!cand) return undefined;
    const kind = options.probe(cand.path);
    considered.push({ ...cand, kind });
    return kind === 'file' ? cand : undefined;
  };
  const primary = look(c.primary);
  const fallback = look(c.fallback);
  if (fallback && ctx.os !== 'unknown') {
    diagnostics.push(
      primary
        ? diagnostic(
            'multiple-user-config',
            'warning',
            `Two user configuration files exist; ${primary.path} is used and ${fallback.path} is ignored.`,
            {
              hint: `Merge what you need into ${primary.path} and delete ${fallback.path}.`,
              source: { kind: 'user', file: fallback.path },
            },
          )
        : diagnostic(
            'fallback-config-file',
            'warning',
            `The user configuration file is at the fallback location ${fallback.path}.`,
            {
              hint: c.primary
                ? `Move it to ${c.primary.path}, or set PACT_CONFIG_FILE to keep it where it is.`
                : 'Set PACT_CONFIG_FILE to keep it where it is.',
              source: { kind: 'user', file: fallback.path },
            },
          ),
    );
  }
  const chosen = primary ?? fallback;
  return {
    ...(chosen && { file: { ...chosen, role: 'user' as const } }),
    considered,
    diagnostics,
  };
}

/** The data home or plugin directory chosen, and why. */
export interface DirectoryLocation {
  /** Absolute, in the OS's form; `undefined` only when no rule could give one (no home, say). */
  readonly path: string | undefined;
  readonly rule: LocationRule;
  readonly source: Source;
  /** The places the OS rules considered, and what was there (empty when set explicitly). */
  readonly considered: readonly (Candidate & { readonly kind: PathKind })[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Options of {@link locateDataHome}. */
export interface LocateDataHomeOptions {
  /** The command-line value; it wins over `PACT_DATA_HOME`. */
  readonly cli?: Sourced<string> | undefined;
  /** `data-home` from the configuration file, already resolved against its file. */
  readonly config?: Sourced<string> | undefined;
  readonly probe: Probe;
}

/**
 * Chooses the data home (RFC "Shared Files", "Precedence"): the command line,
 * then `PACT_DATA_HOME`, then the configuration file's `data-home`, then the
 * OS's location. Set in any of the first three ways, it is explicit: it is
 * used as it is and no fallback warning is given.
 *
 * Otherwise, on a known OS, the OS's location is used, unless it does not
 * exist while the fallback `~/.pact` does, in which case `~/.pact` is used so
 * today's plugins keep working. Whenever `~/.pact` exists on a known OS a
 * `fallback-data-home` warning asks to move it. On an unknown OS the
 * fallback is the location, without a warning.
 */
export function locateDataHome(
  ctx: PathContext,
  options: LocateDataHomeOptions,
): DirectoryLocation {
  const diagnostics: Diagnostic[] = [];
  const explicit = explicitDir(ctx, options.cli, 'PACT_DATA_HOME', options.config, diagnostics);
  if (explicit) return explicit;

  const c = dataHomeCandidates(ctx);
  diagnostics.push(...c.diagnostics);
  const considered: (Candidate & { kind: PathKind })[] = [];
  const look = (cand: Candidate | undefined) => {
    if (!cand) return undefined;
    const kind = options.probe(cand.path);
    considered.push({ ...cand, kind });
    return kind;
  };
  const primaryKind = look(c.primary);
  const fallbackKind = look(c.fallback);
  const useFallback = !c.primary || (primaryKind !== 'directory' && fallbackKind === 'directory');
  const chosen = useFallback ? c.fallback : c.primary;
  if (fallbackKind === 'directory' && ctx.os !== 'unknown' && c.fallback) {
    diagnostics.push(
      diagnostic(
        'fallback-data-home',
        'warning',
        useFallback
          ? `Shared files are in the fallback location ${c.fallback.path}.`
          : `The fallback location ${c.fallback.path} exists; shared files are now read from ${c.primary?.path}.`,
        {
          hint: c.primary
            ? `Move ${c.fallback.path} to ${c.primary.path}, or set PACT_DATA_HOME (or data-home) to keep it.`
            : 'Set PACT_DATA_HOME (or data-home) to keep it where it is.',
          source: { kind: 'default', detail: 'fallback' },
        },
      ),
    );
  }
  if (!chosen) {
    return {
      path: undefined,
      rule: 'fallback',
      source: { kind: 'default' },
      considered,
      diagnostics,
    };
  }
  return { path: chosen.path, rule: chosen.rule, source: chosen.source, considered, diagnostics };
}

/** Options of {@link locatePluginDir}. */
export interface LocatePluginDirOptions {
  readonly cli?: Sourced<string> | undefined;
  /** `plugin-dir` from the configuration file, already resolved against its file. */
  readonly config?: Sourced<string> | undefined;
  /** The data home, from {@link locateDataHome}. */
  readonly dataHome: DirectoryLocation;
}

/**
 * Chooses the plugin directory: the command line, then `PACT_PLUGIN_DIR`,
 * then `plugin-dir` from the configuration file, then `<data home>/plugins`
 * (RFC "Environment Variables": it defaults to `$PACT_DATA_HOME/plugins`).
 */
export function locatePluginDir(
  ctx: PathContext,
  options: LocatePluginDirOptions,
): DirectoryLocation {
  const diagnostics: Diagnostic[] = [];
  const explicit = explicitDir(ctx, options.cli, 'PACT_PLUGIN_DIR', options.config, diagnostics);
  if (explicit) return explicit;
  const home = options.dataHome.path;
  return {
    path: home === undefined ? undefined : resolveIn(pathApi(ctx.os), home, PLUGINS_DIR),
    rule: 'data-home',
    source: { kind: 'default', detail: '<data home>/plugins' },
    considered: [],
    diagnostics,
  };
}

function explicitValue(
  ctx: PathContext,
  cli: Sourced<string> | undefined,
  name: string,
  diagnostics: Diagnostic[],
): Sourced<string> | undefined {
  if (cli && cli.value !== '') return cli;
  const value = envGetter(ctx.env, ctx.os)(name);
  if (value === '') diagnostics.push(emptyDiagnostic(name));
  return value ? { value, source: { kind: 'env', name } } : undefined;
}

function explicitDir(
  ctx: PathContext,
  cli: Sourced<string> | undefined,
  name: string,
  config: Sourced<string> | undefined,
  diagnostics: Diagnostic[],
): DirectoryLocation | undefined {
  const set = explicitValue(ctx, cli, name, diagnostics);
  if (set) {
    const r = resolvePathValue(set.value, {
      os: ctx.os,
      home: ctx.home,
      baseDir: ctx.cwd,
      origin: set.source.kind === 'cli' ? 'cli' : 'env',
      source: set.source,
    });
    diagnostics.push(...r.diagnostics);
    if (r.path !== undefined) {
      return {
        path: r.path,
        rule: ruleOf(set.source),
        source: set.source,
        considered: [],
        diagnostics,
      };
    }
  }
  if (config) {
    return {
      path: config.value,
      rule: 'config',
      source: config.source,
      considered: [],
      diagnostics,
    };
  }
  return undefined;
}

function ruleOf(source: Source): LocationRule {
  return source.kind === 'cli' ? 'cli' : source.kind === 'env' ? 'env' : 'config';
}

function explicitError(path: string, kind: PathKind, source: Source): PactConfigError {
  const what = describeSet(source);
  return new PactConfigError(
    kind === 'directory'
      ? diagnostic(
          'explicit-config-not-file',
          'error',
          `The configuration file ${path} (${what}) is a directory.`,
          {
            hint: 'Point it at a TOML file, such as …/pact/config.toml.',
            source,
          },
        )
      : diagnostic(
          'explicit-config-missing',
          'error',
          `The configuration file ${path} (${what}) does not exist.`,
          {
            hint: 'Create the file, correct the path, or unset it to use the local and user files.',
            source,
          },
        ),
  );
}

function describeSet(source: Source): string {
  return source.kind === 'env'
    ? `set by ${source.name}`
    : source.kind === 'cli'
      ? `set by ${source.name}`
      : 'set explicitly';
}

function noHome(): Diagnostic {
  return diagnostic(
    'home-unknown',
    'warning',
    'The home directory is not known, so no location under ~ can be used.',
    {
      hint: 'Set HOME (USERPROFILE on Windows), or set the location explicitly.',
    },
  );
}
