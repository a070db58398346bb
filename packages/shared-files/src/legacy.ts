import { type Diagnostic, diagnostic, envGetter, type Host } from '@pact-config/env';
import {
  type DirectoryLocation,
  dataHomeCandidates,
  FALLBACK_DIR,
  PLUGINS_DIR,
  pathApi,
  USER_CONFIG_NAME,
  userConfigCandidates,
} from '@pact-config/paths';
import { isExplicit, probeOf } from './locations.js';

/** A legacy `~/.pact` directory, and what is in it. */
export interface LegacyPactDir {
  /** `~/.pact`, absolute. */
  readonly path: string;
  /** `~/.pact/plugins` is a directory (left by today's plugin drivers). */
  readonly hasPlugins: boolean;
  /** `~/.pact/config.toml` is a file. */
  readonly hasConfig: boolean;
  /** Where the RFC puts the data home on this OS, if known. */
  readonly dataHomeTarget?: string;
  /** Where the RFC puts the user configuration file on this OS, if known. */
  readonly configTarget?: string;
}

/** The result of {@link detectLegacyPactDir}. */
export interface LegacyDetection {
  /** The legacy directory, when it exists (reported or not). */
  readonly legacy?: LegacyPactDir;
  /** One `legacy-pact-dir` warning, or none. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Options of {@link detectLegacyPactDir}. */
export interface DetectLegacyOptions {
  /**
   * The data home in effect, from `loadConfigSync(...).pact.dataHome` or
   * `sharedLocations(...)`. When it was set explicitly (command line,
   * `PACT_DATA_HOME`, `data-home` in a file) no warning is given. When left
   * out, only `PACT_DATA_HOME` is seen as explicit: pass the loaded
   * configuration's data home so a `data-home` in a file counts too.
   */
  readonly dataHome?: Pick<DirectoryLocation, 'rule'>;
}

/**
 * Looks for the legacy `~/.pact` directory (RFC "Shared Files", "Drawbacks")
 * and, when it exists on a known OS and the data home is not set
 * explicitly, gives a `legacy-pact-dir` warning whose hint names both ways
 * out with the concrete paths: move it to the OS's locations (see
 * `migrateLegacyPactDir`), or keep it with `PACT_CONFIG_FILE` and
 * `data-home = "."` (or `PACT_DATA_HOME`). On an unknown OS `~/.pact` _is_
 * the data home, and there is no warning (D39).
 *
 * @example
 * ```ts
 * const { host } = runtimeHost();
 * const config = loadConfigSync({ host });
 * detectLegacyPactDir(host, { dataHome: config.pact.dataHome }).diagnostics;
 * ```
 */
export function detectLegacyPactDir(
  host: Host,
  options: DetectLegacyOptions = {},
): LegacyDetection {
  if (host.home === undefined) return { diagnostics: [] };
  const api = pathApi(host.os);
  const probe = probeOf(host.fs);
  const path = api.join(host.home, FALLBACK_DIR);
  if (probe(path) !== 'directory') return { diagnostics: [] };
  const ctx = { os: host.os, env: host.env, home: host.home, cwd: host.cwd };
  const dataHomeTarget = dataHomeCandidates(ctx).primary?.path;
  const configTarget = userConfigCandidates(ctx).primary?.path;
  const legacy: LegacyPactDir = {
    path,
    hasPlugins: probe(api.join(path, PLUGINS_DIR)) === 'directory',
    hasConfig: probe(api.join(path, USER_CONFIG_NAME)) === 'file',
    ...(dataHomeTarget !== undefined && { dataHomeTarget }),
    ...(configTarget !== undefined && { configTarget }),
  };

  const envDataHome = envGetter(host.env, host.os)('PACT_DATA_HOME');
  const explicit = options.dataHome
    ? isExplicit(options.dataHome)
    : envDataHome !== undefined && envDataHome !== '';
  if (host.os === 'unknown' || explicit) return { legacy, diagnostics: [] };

  const configFile = api.join(path, USER_CONFIG_NAME);
  const set =
    host.os === 'windows'
      ? (n: string, v: string) => `set ${n}=${v}`
      : (n: string, v: string) => `export ${n}=${v}`;
  const what = [legacy.hasPlugins && 'plugins', legacy.hasConfig && 'a config.toml']
    .filter(Boolean)
    .join(' and ');
  const move = dataHomeTarget
    ? `(1) move it: ${legacy.hasPlugins ? `${api.join(path, PLUGINS_DIR)} to ${api.join(dataHomeTarget, PLUGINS_DIR)}, ` : ''}other shared files to ${dataHomeTarget}${legacy.hasConfig && configTarget ? `, ${configFile} to ${configTarget}` : ''} (migrateLegacyPactDir does this, after a dry run); `
    : '(1) move it to the OS location; ';
  const keep = `(2) keep it: ${set('PACT_CONFIG_FILE', configFile)} and put \`[pact] data-home = "."\` in ${configFile}${legacy.hasConfig ? '' : ' (create it)'}, or ${set('PACT_DATA_HOME', path)}.`;
  return {
    legacy,
    diagnostics: [
      diagnostic(
        'legacy-pact-dir',
        'warning',
        `The legacy Pact directory ${path} exists${what ? ` (with ${what})` : ''}; the RFC's data home on this OS is ${dataHomeTarget ?? 'the OS location'}.`,
        { hint: `Either ${move}or ${keep}`, source: { kind: 'default', detail: 'fallback' } },
      ),
    ],
  };
}
