import {
  type BrokerConnection,
  type ResolvedBroker,
  resolveBrokerConnection,
} from '@pact-config/broker-auth';
import {
  type Diagnostic,
  dedupeDiagnostics,
  type Host,
  runtimeHost,
  type Source,
  type Sourced,
} from '@pact-config/env';
import type { DirectoryLocation } from '@pact-config/paths';
import {
  type BrokerLayers,
  type CliLayer,
  type CliOption,
  type ConfigFileRef,
  type IdentConfig,
  type LoadOptions,
  loadConfig,
  loadConfigSync,
  type PactConfigLayers,
} from '@pact-config/toml-config';

/** Options of {@link loadPactConfig}. */
export interface LoadPactConfigOptions {
  /** The command-line layer: what your option parser found. */
  readonly cli?: CliLayer | undefined;
  /** How your tool spells each option, for provenance; default `--<option>`. */
  readonly cliNames?: Partial<Record<CliOption, string>> | undefined;
  /** The OS, environment, home, working directory and file system; default: the running process. */
  readonly host?: Host | undefined;
}

/** The RFC's `[pact]` settings, resolved. */
export interface PactSettings {
  /** The data home (RFC "Shared Files"); absent only when no rule could give one (no home directory). */
  readonly dataHome?: Sourced<string>;
  /** The plugin directory: `PACT_PLUGIN_DIR`, `plugin-dir`, else `<data home>/plugins`. */
  readonly pluginDir?: Sourced<string>;
  /** `true` means: report no usage analytics (RFC "Environment Variables", D29). */
  readonly doNotTrack: Sourced<boolean>;
  /** How the two directories were chosen, and what was looked at. */
  readonly locations: {
    readonly dataHome: DirectoryLocation;
    readonly pluginDir: DirectoryLocation;
  };
}

/** The broker settings after layering, and the connection built from them. */
export interface BrokerSettings extends BrokerLayers {
  /**
   * The connection, ready for `brokerFetch(connection, path)`: base URL
   * without credentials, the Authorization scheme, the TLS material. Built on
   * first use (it reads the certificate files), then kept. Absent when no
   * base URL is set, or none is usable.
   */
  readonly connection: BrokerConnection | undefined;
  /** What building the connection found (certificate files, credentials); built with it. */
  readonly diagnostics: readonly Diagnostic[];
}

/** The effective configuration: one object for a Pact tool. */
export interface PactConfig {
  /** The host the rules ran against (not enumerable: it holds the raw environment). */
  readonly host: Host;
  /** The configuration files read, highest precedence first, with their role. */
  readonly files: readonly ConfigFileRef[];
  readonly pact: PactSettings;
  /** The broker settings after layering (base URL without credentials, the one `auth` block, TLS) and the connection. */
  readonly broker: BrokerSettings;
  /** One implementation's `[ident]` table merged with its `PACT_{IDENT}_*` variables. */
  ident(name: string): IdentConfig;
  /** Every value with its source, by dotted key; with an ident, its keys too. Secrets stay masked. */
  values(ident?: string): Record<string, Sourced<unknown>>;
  /**
   * Everything noticed on the way, the host's own (a Deno permission, say)
   * included; the broker connection's own are in `broker.diagnostics`.
   */
  readonly diagnostics: readonly Diagnostic[];
  /** The layered result of `@pact-config/toml-config`, for what this object does not lift (not enumerable). */
  readonly layers: PactConfigLayers;
  /** What `JSON.stringify` shows: files, settings, every value with its source, diagnostics; secrets redacted. */
  toJSON(): unknown;
}

/**
 * Loads the effective Pact configuration in one call: the command line over
 * the environment over the configuration files (an explicit file alone, else
 * the local file over the user file) over the defaults, as the RFC
 * "Configuration and Shared Files" says. Every value knows its source.
 *
 * Throws a `PactConfigError` only for what must stop: the explicit file
 * (`PACT_CONFIG_FILE` or the command line) missing, a directory or unreadable.
 *
 * @example
 * ```js
 * const config = await loadPactConfig({ cli: { broker: { baseUrl: 'http://localhost:9292' } } });
 * config.broker.baseUrl?.value; // 'http://localhost:9292'
 * config.pact.doNotTrack.value; // false unless something opted out
 * ```
 */
export async function loadPactConfig(options: LoadPactConfigOptions = {}): Promise<PactConfig> {
  const { host, hostDiagnostics } = hostOf(options);
  return facade(host, hostDiagnostics, await loadConfig(loadOptions(options, host)));
}

/** {@link loadPactConfig} for start-up code that cannot await: the same result, synchronous reads. */
export function loadPactConfigSync(options: LoadPactConfigOptions = {}): PactConfig {
  const { host, hostDiagnostics } = hostOf(options);
  return facade(host, hostDiagnostics, loadConfigSync(loadOptions(options, host)));
}

/** The loader's options: built field by field (object spread is slow, and this runs on every load). */
function loadOptions(options: LoadPactConfigOptions, host: Host): LoadOptions {
  return { host, cli: options.cli, cliNames: options.cliNames };
}

function hostOf(options: LoadPactConfigOptions): {
  host: Host;
  hostDiagnostics: readonly Diagnostic[];
} {
  if (options.host) return { host: options.host, hostDiagnostics: [] };
  const { host, diagnostics } = runtimeHost();
  return { host, hostDiagnostics: diagnostics };
}

function facade(
  host: Host,
  hostDiagnostics: readonly Diagnostic[],
  layers: PactConfigLayers,
): PactConfig {
  const { dataHome, pluginDir, doNotTrack } = layers.pact;
  const sourced = (loc: DirectoryLocation): Sourced<string> | undefined =>
    loc.path === undefined ? undefined : { value: loc.path, source: locationSource(loc) };
  const dh = sourced(dataHome);
  const pd = sourced(pluginDir);
  // Built field by field: a spread of `dh && { dataHome: dh }` is slow, and this runs on every load.
  const pact: { -readonly [K in keyof PactSettings]: PactSettings[K] } = {
    doNotTrack,
    locations: { dataHome, pluginDir },
  };
  if (dh) pact.dataHome = dh;
  if (pd) pact.pluginDir = pd;

  return new EffectiveConfig(host, hostDiagnostics, layers, pact) as PactConfig;
}

/**
 * The broker settings, and the connection built from them when first asked for (it reads
 * certificate files). Classes here, not object literals with getters: those are many
 * times slower to make, and every load makes these.
 */
class Broker {
  readonly baseUrl?: Sourced<string>;
  readonly auth?: BrokerLayers['auth'];
  readonly scheme?: BrokerLayers['scheme'];
  readonly tls?: BrokerLayers['tls'];
  readonly #layers: BrokerLayers;
  readonly #host: Host;
  #resolved: ResolvedBroker | undefined;

  constructor(layers: BrokerLayers, host: Host) {
    const { baseUrl, auth, scheme, tls } = layers;
    if (baseUrl) this.baseUrl = baseUrl;
    if (auth) this.auth = auth;
    if (scheme) this.scheme = scheme;
    if (tls) this.tls = tls;
    this.#layers = layers;
    this.#host = host;
  }

  get connection(): BrokerConnection | undefined {
    return #layers in this ? this.#resolve().connection : undefined;
  }

  get diagnostics(): readonly Diagnostic[] {
    return #layers in this ? this.#resolve().diagnostics : [];
  }

  #resolve(): ResolvedBroker {
    if (!this.#resolved) {
      const { baseUrl, auth, tls } = this.#layers;
      const { os, fs } = this.#host;
      this.#resolved = baseUrl
        ? resolveBrokerConnection({ baseUrl, auth, tls, os, fs })
        : { diagnostics: [] };
    }
    return this.#resolved;
  }
}

/**
 * The effective configuration (see {@link PactConfig}). Its methods are on the prototype,
 * not closures made per load: a closure over the load's state makes V8's garbage
 * collection of many loads several times slower (see tools/bench/README.md).
 */
class EffectiveConfig {
  readonly files: readonly ConfigFileRef[];
  readonly pact: PactSettings;
  readonly broker: BrokerSettings;
  // The host holds the raw environment (secrets included) and the layers the raw tables:
  // reachable by name, but not shown by JSON.stringify, util.inspect or a spread.
  readonly #host: Host;
  readonly #layers: PactConfigLayers;
  readonly #hostDiagnostics: readonly Diagnostic[];
  #noticed: readonly Diagnostic[] | undefined;

  constructor(
    host: Host,
    hostDiagnostics: readonly Diagnostic[],
    layers: PactConfigLayers,
    pact: PactSettings,
  ) {
    this.files = layers.files;
    this.pact = pact;
    this.broker = new Broker(layers.broker, host);
    this.#host = host;
    this.#layers = layers;
    this.#hostDiagnostics = hostDiagnostics;
  }

  ident(name: string): IdentConfig {
    return this.#layers.ident(name);
  }

  values(ident?: string): Record<string, Sourced<unknown>> {
    return this.#layers.values(ident);
  }

  get host(): Host | undefined {
    return #host in this ? this.#host : undefined;
  }

  get layers(): PactConfigLayers | undefined {
    return #layers in this ? this.#layers : undefined;
  }

  /** Made on first read: the layers finish their pending checks (D3, D4) then. */
  get diagnostics(): readonly Diagnostic[] {
    if (!(#layers in this)) return [];
    this.#noticed ??= dedupeDiagnostics([...this.#hostDiagnostics, ...this.#layers.diagnostics]);
    return this.#noticed;
  }

  toJSON(): unknown {
    return { files: this.files, values: this.values(), diagnostics: this.diagnostics };
  }
}

/** A directory from the OS rules (XDG, APPDATA, fallback) is the RFC's default (D34). */
function locationSource(loc: DirectoryLocation): Source {
  return loc.rule === 'xdg' || loc.rule === 'appdata'
    ? { kind: 'default', detail: `${loc.source.kind === 'env' ? `$${loc.source.name}` : ''}/pact` }
    : loc.source;
}
