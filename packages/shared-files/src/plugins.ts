import * as nodeFs from 'node:fs';
import {
  type Diagnostic,
  diagnostic,
  type HostStat,
  type Os,
  osFromPlatform,
} from '@pact-config/env';
import { type DirectoryLocation, pathApi } from '@pact-config/paths';

/** The manifest file of an installed plugin. */
export const MANIFEST_NAME = 'pact-plugin.json';
/** The directory the plugin drivers write logs to, inside the plugin directory. */
export const LOGS_DIR = 'logs';
/** Manifests larger than this are refused (`plugin-manifest-invalid`). */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

/** A dependency a plugin declares. */
export interface PluginDependency {
  readonly name: string;
  readonly version?: string;
  /** `OSPackage` or `Plugin` in today's manifests. */
  readonly dependencyType?: string;
}

/**
 * `pact-plugin.json`, as the Rust and JVM plugin drivers read it. Fields the
 * drivers require are required here; unknown fields are kept as they are.
 */
export interface PluginManifest {
  readonly pluginInterfaceVersion: number;
  readonly name: string;
  readonly version: string;
  /** `exec`, `ruby`, `python`, `node`, `jvm`, … */
  readonly executableType: string;
  readonly entryPoint: string;
  readonly minimumRequiredVersion?: string;
  /** OS-specific entry points (`windows` → `plugin.bat`). */
  readonly entryPoints?: Readonly<Record<string, string>>;
  readonly args?: readonly string[];
  readonly dependencies?: readonly PluginDependency[];
  readonly pluginConfig?: Readonly<Record<string, unknown>>;
  readonly [other: string]: unknown;
}

/** One installed plugin. */
export interface InstalledPlugin {
  /** From the manifest. */
  readonly name: string;
  /** From the manifest. */
  readonly version: string;
  /** `<plugin dir>/<name>-<version>`. */
  readonly dir: string;
  /** `<dir>/pact-plugin.json`. */
  readonly manifestPath: string;
  readonly manifest: PluginManifest;
}

/**
 * The file-system calls listing makes: `node:fs` (the default) and memfs's
 * `fs` satisfy it, and so does `{ ...host.fs, readdirSync }` for a host from
 * `@pact-config/env` plus any directory reader.
 */
export interface PluginListFs {
  /** The entry names of a directory (not `.` and `..`). */
  readdirSync(path: string): string[];
  statSync(path: string, options: { throwIfNoEntry: false }): HostStat | undefined;
  readFileSync(path: string): Uint8Array;
}

/** Options of {@link listPlugins}. */
export interface ListPluginsOptions {
  readonly fs?: PluginListFs;
  /** Whose path rules join names; default: the running OS. */
  readonly os?: Os;
}

/** The result of {@link listPlugins}. */
export interface PluginList {
  /** The plugin directory listed. */
  readonly dir: string | undefined;
  /** Whether it exists; a missing plugin directory is an empty list, without a diagnostic. */
  readonly exists: boolean;
  /** Sorted by name, then version (lowest first). */
  readonly plugins: readonly InstalledPlugin[];
  readonly diagnostics: readonly Diagnostic[];
}

const errCode = (e: unknown): string =>
  String((e as { code?: unknown } | null)?.code ?? (e instanceof Error ? e.message : e));

/**
 * Lists the plugins installed in a plugin directory, in the layout the Rust
 * and JVM plugin drivers use: `<plugin dir>/<name>-<version>/pact-plugin.json`
 * (D40).
 *
 * - A manifest that is not JSON, too large, or lacks a field the drivers need
 *   (`pluginInterfaceVersion`, `name`, `version`, `executableType`,
 *   `entryPoint`), or has a field of the wrong type, is a
 *   `plugin-manifest-invalid` warning naming the file and the field; that
 *   plugin is not listed.
 * - A manifest whose name and version do not match its directory name is
 *   listed (the drivers go by the manifest) with a `plugin-dir-mismatch`
 *   warning.
 * - `logs/`, files, and directories without a manifest are skipped silently.
 * - A plugin directory that exists but cannot be read is a
 *   `plugin-dir-unreadable` error diagnostic; one that does not exist is an
 *   empty list.
 *
 * @example
 * ```ts
 * const { plugins } = listPlugins('/home/me/.local/share/pact/plugins');
 * plugins.map((p) => `${p.name} ${p.version}`); // ['csv 0.0.6', 'protobuf 0.5.4']
 * ```
 */
export function listPlugins(
  pluginDir: string | Pick<DirectoryLocation, 'path'> | undefined,
  options: ListPluginsOptions = {},
): PluginList {
  const fs = options.fs ?? nodeFs;
  const api = pathApi(options.os ?? osFromPlatform(process.platform));
  const dir = typeof pluginDir === 'object' ? pluginDir.path : pluginDir;
  const diagnostics: Diagnostic[] = [];
  if (dir === undefined) return { dir, exists: false, plugins: [], diagnostics };

  const unreadable = (why: string) =>
    diagnostic(
      'plugin-dir-unreadable',
      'error',
      `The plugin directory ${dir} cannot be read (${why}).`,
      {
        hint: 'Check its permissions, or set PACT_PLUGIN_DIR to another directory.',
      },
    );
  const top = safeStat(fs, dir);
  if (top === undefined) return { dir, exists: false, plugins: [], diagnostics };
  if (!top.isDirectory()) {
    diagnostics.push(unreadable('not a directory'));
    return { dir, exists: true, plugins: [], diagnostics };
  }
  let names: string[];
  try {
    names = fs.readdirSync(dir).map(String).sort();
  } catch (e) {
    diagnostics.push(unreadable(errCode(e)));
    return { dir, exists: true, plugins: [], diagnostics };
  }

  const plugins: InstalledPlugin[] = [];
  for (const entry of names) {
    if (entry === LOGS_DIR) continue;
    const pluginPath = api.join(dir, entry);
    if (!safeStat(fs, pluginPath)?.isDirectory()) continue;
    const manifestPath = api.join(pluginPath, MANIFEST_NAME);
    const mstat = safeStat(fs, manifestPath);
    if (!mstat) continue;
    const invalid = (why: string) =>
      diagnostics.push(
        diagnostic(
          'plugin-manifest-invalid',
          'warning',
          `The plugin manifest ${manifestPath} ${why}; the plugin is skipped.`,
          {
            hint: 'Reinstall the plugin (for example with pact-plugin-cli), or remove its directory.',
          },
        ),
      );
    if (!mstat.isFile()) {
      invalid('is not a file');
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = fs.readFileSync(manifestPath);
    } catch (e) {
      invalid(`cannot be read (${errCode(e)})`);
      continue;
    }
    if (bytes.byteLength > MAX_MANIFEST_BYTES) {
      invalid(`is larger than ${MAX_MANIFEST_BYTES} bytes`);
      continue;
    }
    const checked = parseManifest(bytes);
    if (!checked.ok) {
      invalid(checked.error);
      continue;
    }
    const m = checked.manifest;
    if (entry !== `${m.name}-${m.version}`) {
      diagnostics.push(
        diagnostic(
          'plugin-dir-mismatch',
          'warning',
          `The plugin ${m.name} ${m.version} is installed in ${pluginPath}, not in a directory named ${m.name}-${m.version}.`,
          {
            hint: `The plugin drivers go by the manifest; rename the directory to ${m.name}-${m.version} to keep things clear.`,
          },
        ),
      );
    }
    plugins.push({ name: m.name, version: m.version, dir: pluginPath, manifestPath, manifest: m });
  }
  plugins.sort((a, b) => compareText(a.name, b.name) || compareVersions(a.version, b.version));
  return { dir, exists: true, plugins, diagnostics };
}

function safeStat(fs: PluginListFs, path: string): HostStat | undefined {
  try {
    return fs.statSync(path, { throwIfNoEntry: false }) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The result of {@link parseManifest}. */
export type ManifestResult =
  | { readonly ok: true; readonly manifest: PluginManifest }
  | { readonly ok: false; readonly error: string };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/**
 * Checks a `pact-plugin.json` (bytes or text) against the fields the plugin
 * drivers read. A UTF-8 byte-order mark is skipped. The error says which
 * field is wrong.
 *
 * @example
 * ```ts
 * parseManifest('{"name":"csv"}'); // { ok: false, error: "has no 'pluginInterfaceVersion' …" }
 * ```
 */
export function parseManifest(input: Uint8Array | string): ManifestResult {
  let text: string;
  try {
    text =
      typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    return { ok: false, error: 'is not valid UTF-8' };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `is not valid JSON (${e instanceof Error ? e.message : e})` };
  }
  if (!isRecord(data)) return { ok: false, error: 'is not a JSON object' };
  const missing = (k: string, what: string) => ({
    ok: false as const,
    error: k in data ? `has a '${k}' that is not ${what}` : `has no '${k}' (${what})`,
  });
  const v = data.pluginInterfaceVersion;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    return missing('pluginInterfaceVersion', 'a positive integer');
  for (const k of ['name', 'version', 'executableType', 'entryPoint'] as const) {
    if (!nonEmpty(data[k])) return missing(k, 'a non-empty string');
  }
  const name = data.name as string;
  const version = data.version as string;
  if (/[/\\]/.test(name) || /[/\\]/.test(version) || name === '..' || version === '..')
    return { ok: false, error: "has a 'name' or 'version' containing a path separator" };
  if ('minimumRequiredVersion' in data && typeof data.minimumRequiredVersion !== 'string')
    return missing('minimumRequiredVersion', 'a string');
  if (
    'entryPoints' in data &&
    (!isRecord(data.entryPoints) ||
      !Object.values(data.entryPoints).every((e) => typeof e === 'string'))
  )
    return missing('entryPoints', 'an object of strings');
  if (
    'args' in data &&
    data.args !== null &&
    (!Array.isArray(data.args) || !data.args.every((a) => typeof a === 'string'))
  )
    return missing('args', 'an array of strings');
  if ('dependencies' in data && data.dependencies !== null) {
    const deps = data.dependencies;
    if (
      !Array.isArray(deps) ||
      !deps.every(
        (d) =>
          isRecord(d) &&
          nonEmpty(d.name) &&
          (d.version === undefined || d.version === null || typeof d.version === 'string') &&
          (d.dependencyType === undefined || typeof d.dependencyType === 'string'),
      )
    )
      return missing('dependencies', 'an array of { name, version?, dependencyType? }');
  }
  if ('pluginConfig' in data && data.pluginConfig !== null && !isRecord(data.pluginConfig))
    return missing('pluginConfig', 'an object');
  return { ok: true, manifest: data as unknown as PluginManifest };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders versions the way semantic versioning does: numeric parts as
 * numbers (`0.10.0` after `0.9.1`), a pre-release (`1.0.0-beta.2`) before its
 * release, build metadata ignored except as a last tie-break. Anything that
 * is not a version still gets a stable order.
 */
export function compareVersions(a: string, b: string): number {
  const split = (v: string) => {
    const plus = v.indexOf('+');
    const core = plus < 0 ? v : v.slice(0, plus);
    const dash = core.indexOf('-');
    return {
      main: (dash < 0 ? core : core.slice(0, dash)).split('.'),
      pre: dash < 0 ? undefined : core.slice(dash + 1).split('.'),
    };
  };
  const part = (x: string | undefined, y: string | undefined): number => {
    if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? -1 : 1;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Number(x) - Number(y) || compareText(x, y);
    if (nx !== ny) return nx ? -1 : 1;
    return compareText(x, y);
  };
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < Math.max(x.main.length, y.main.length); i++) {
    const c = part(x.main[i], y.main[i]);
    if (c) return Math.sign(c);
  }
  if (x.pre === undefined || y.pre === undefined) {
    if (x.pre !== y.pre) return x.pre === undefined ? 1 : -1;
  } else {
    for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
      const c = part(x.pre[i], y.pre[i]);
      if (c) return Math.sign(c);
    }
  }
  return compareText(a, b);
}
