import { type Diagnostic, dedupeDiagnostics, type Host, type HostFs } from '@pact-config/env';
import {
  type DirectoryLocation,
  locateDataHome,
  locatePluginDir,
  type PathKind,
  type Probe,
} from '@pact-config/paths';

/**
 * The part of a `@pact-config/toml-config` result (`loadConfigSync`,
 * `loadConfig`) this package reads: the layered `pact.dataHome` and
 * `pact.pluginDir`. Declared structurally, so this package does not depend on
 * toml-config.
 */
export interface LayeredDirectories {
  readonly pact: {
    readonly dataHome: DirectoryLocation;
    readonly pluginDir: DirectoryLocation;
  };
}

/** The data home and the plugin directory, and what was noticed finding them. */
export interface SharedLocations {
  readonly dataHome: DirectoryLocation;
  readonly pluginDir: DirectoryLocation;
  /**
   * From a {@link Host}: the diagnostics of `locateDataHome` / `locatePluginDir`.
   * From a loaded configuration: none, since the loader reported them already.
   */
  readonly diagnostics: readonly Diagnostic[];
}

/** A {@link Probe} over a host's file system. */
export function probeOf(fs: Pick<HostFs, 'statSync'>): Probe {
  return (path: string): PathKind => {
    let s: ReturnType<HostFs['statSync']>;
    try {
      s = fs.statSync(path, { throwIfNoEntry: false });
    } catch {
      return 'missing';
    }
    return !s ? 'missing' : s.isDirectory() ? 'directory' : 'file';
  };
}

function isLayered(from: Host | LayeredDirectories): from is LayeredDirectories {
  return typeof (from as Partial<LayeredDirectories>).pact === 'object';
}

/**
 * The data home and plugin directory (RFC "Shared Files", "Environment
 * Variables"): taken from a loaded configuration (the command line, the
 * variables and the files are already layered there), or computed for a
 * {@link Host} from its variables alone (`PACT_DATA_HOME`, `PACT_PLUGIN_DIR`,
 * then the OS's location) with `@pact-config/paths`.
 *
 * @example
 * ```ts
 * const { host } = runtimeHost();
 * sharedLocations(host).pluginDir.path; // e.g. /home/me/.local/share/pact/plugins
 * sharedLocations(loadConfigSync({ host })).dataHome.rule; // 'config' when data-home is set in a file
 * ```
 */
export function sharedLocations(from: Host | LayeredDirectories): SharedLocations {
  if (isLayered(from)) {
    return { dataHome: from.pact.dataHome, pluginDir: from.pact.pluginDir, diagnostics: [] };
  }
  const ctx = { os: from.os, env: from.env, home: from.home, cwd: from.cwd };
  const dataHome = locateDataHome(ctx, { probe: probeOf(from.fs) });
  const pluginDir = locatePluginDir(ctx, { dataHome });
  return {
    dataHome,
    pluginDir,
    diagnostics: dedupeDiagnostics([...dataHome.diagnostics, ...pluginDir.diagnostics]),
  };
}

/**
 * Whether a location was set explicitly (command line, variable or
 * configuration file) rather than found by the OS rules. The RFC forbids the
 * fallback warning for an explicit data home.
 */
export function isExplicit(location: Pick<DirectoryLocation, 'rule'>): boolean {
  return location.rule === 'cli' || location.rule === 'env' || location.rule === 'config';
}
