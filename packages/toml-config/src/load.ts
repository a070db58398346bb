import { checkBaseUrl, tokenAndBasic } from '@pact-config/broker-auth';
import {
  type Diagnostic,
  dedupeDiagnostics,
  diagnostic,
  type EnvRecord,
  type Host,
  type IdentVariables,
  identVariables,
  type Os,
  PactConfigError,
  readPactEnv,
  rulesEnv,
  Secret,
  type Source,
  type Sourced,
} from '@pact-config/env';
import {
  type DirectoryLocation,
  locateConfigFile,
  locateDataHome,
  locatePluginDir,
  type PathContext,
  type PathKind,
  resolvePathValue,
  userConfigCandidates,
} from '@pact-config/paths';
import { findLocalTask } from './find-local.js';
import { all, type ReadResult, read, runAsync, runSync, stat, type Task, withProbe } from './io.js';
import {
  type BrokerAuth,
  type BrokerTlsFile,
  type ConfigFile,
  type ConfigFileRef,
  type IdentTable,
  identKeyLists,
  isTable,
  type KeyLists,
  keysOf,
  parseConfigFile,
} from './parse.js';
import { nullRecord } from './record.js';

/** The command-line layer, as a tool's option parser hands it over. Empty strings count as unset. */
export interface CliLayer {
  readonly configFile?: string | undefined;
  readonly dataHome?: string | undefined;
  readonly pluginDir?: string | undefined;
  /** `true` stops tracking; `false` never undoes a `true` of another layer or `PACT_DO_NOT_TRACK` (D29). */
  readonly doNotTrack?: boolean | undefined;
  readonly broker?: {
    readonly baseUrl?: string | undefined;
    readonly username?: string | undefined;
    readonly password?: string | Secret | undefined;
    readonly token?: string | Secret | undefined;
  };
}

/** The command-line options, by the names the conformance suite uses. */
export type CliOption =
  | 'config-file'
  | 'data-home'
  | 'plugin-dir'
  | 'do-not-track'
  | 'broker-base-url'
  | 'broker-username'
  | 'broker-password'
  | 'broker-token';

/** Options of {@link loadConfigSync} and {@link loadConfig}. */
export interface LoadOptions {
  readonly host: Host;
  readonly cli?: CliLayer | undefined;
  /** How the tool spells each option, for provenance; default `--<option>` (`--config-file`). */
  readonly cliNames?: Partial<Record<CliOption, string>> | undefined;
}

/** The broker connection settings, after the layers are merged. */
export interface BrokerLayers {
  readonly baseUrl?: Sourced<string>;
  /** The winning `auth` block: all its fields come from one layer (D14). */
  readonly auth?: BrokerAuth;
  /** `bearer` when the block has a token (D12: the token wins), `basic` when it has only a username/password. */
  readonly scheme?: 'bearer' | 'basic';
  /** The TLS settings: variables over files per key; the client certificate and key are one block (D42). */
  readonly tls?: BrokerTlsLayers;
}

/**
 * The TLS settings after layering (D42): `SSL_CERT_FILE`, `SSL_CERT_DIR` and
 * the disable flags each over their `[broker.tls]` key (local file over user
 * file per key); `X509_CLIENT_CERT_FILE` and `X509_CLIENT_KEY_FILE` over
 * `client-cert-file` and `client-key-file` as one block. Paths are absolute:
 * file values resolved against their file, variables against the working
 * directory (`~` expanded, D9). Hand it to `resolveBrokerConnection` of
 * `@pact-config/broker-auth` as `tls`.
 */
export type BrokerTlsLayers = BrokerTlsFile;

/** One ident's configuration: its tables merged, and its `PACT_{IDENT}_*` variables over them. */
export interface IdentConfig {
  /** Nested, with `null` prototypes. */
  readonly values: Readonly<Record<string, unknown>>;
  /** Dotted key (`foo.disabled`) to its source. */
  readonly sources: Readonly<Record<string, Source>>;
  readonly diagnostics: readonly Diagnostic[];
}

/** The result of loading: every value with its source, and what was noticed on the way. */
export interface PactConfigLayers {
  /** The files read, highest precedence first. */
  readonly files: readonly ConfigFileRef[];
  /** The same files, parsed and validated. */
  readonly configs: readonly ConfigFile[];
  readonly pact: {
    readonly dataHome: DirectoryLocation;
    readonly pluginDir: DirectoryLocation;
    readonly doNotTrack: Sourced<boolean>;
  };
  readonly broker: BrokerLayers;
  /** One ident's table (`ruby` reads `[ruby]` and `PACT_RUBY_*`). */
  ident(name: string): IdentConfig;
  /**
   * Every value set, by dotted key (`pact.data-home`, `broker.auth.token`),
   * plus `<ident>.<key>` for the ident named. Secrets stay {@link Secret}s.
   */
  values(ident?: string): Record<string, Sourced<unknown>>;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Loads the configuration (RFC "Precedence", "Location", "Format", "Path
 * Handling"): the command line over the environment over the files over the
 * defaults; an explicit file (`--config-file`, else `PACT_CONFIG_FILE`)
 * alone, or else the local file over the user file.
 *
 * Throws {@link PactConfigError} only when the explicit file is missing, a
 * directory or unreadable; everything else is a diagnostic.
 *
 * @example
 * ```ts
 * const { host } = runtimeHost();
 * const config = loadConfigSync({ host });
 * config.broker.baseUrl?.value;
 * ```
 */
export function loadConfigSync(options: LoadOptions): PactConfigLayers {
  return runSync(loadTask(options), options.host.fs);
}

/** {@link loadConfigSync} with the file system's promise API; the same result. */
export function loadConfig(options: LoadOptions): Promise<PactConfigLayers> {
  return runAsync(loadTask(options), options.host.fs);
}

interface CliValues {
  configFile?: Sourced<string>;
  dataHome?: Sourced<string>;
  pluginDir?: Sourced<string>;
  doNotTrack?: Sourced<boolean>;
  baseUrl?: Sourced<string>;
  auth: BrokerAuth;
}

function cliValues(options: LoadOptions): CliValues {
  // Most loads have no command line to layer.
  if (options.cli === undefined) return { auth: {} };
  const cli = options.cli;
  const name = (o: CliOption) => options.cliNames?.[o] ?? `--${o}`;
  const text = (v: string | undefined, o: CliOption): Sourced<string> | undefined =>
    v === undefined || v === '' ? undefined : { value: v, source: { kind: 'cli', name: name(o) } };
  const secret = (v: string | Secret | undefined, o: CliOption): Sourced<Secret> | undefined => {
    const s = typeof v === 'string' ? new Secret(v) : v;
    return s === undefined || s.isEmpty
      ? undefined
      : { value: s, source: { kind: 'cli', name: name(o) } };
  };
  const b = cli.broker ?? {};
  return strip({
    configFile: text(cli.configFile, 'config-file'),
    dataHome: text(cli.dataHome, 'data-home'),
    pluginDir: text(cli.pluginDir, 'plugin-dir'),
    doNotTrack:
      cli.doNotTrack === undefined
        ? undefined
        : { value: cli.doNotTrack, source: { kind: 'cli', name: name('do-not-track') } },
    baseUrl: text(b.baseUrl, 'broker-base-url'),
    auth: strip({
      username: text(b.username, 'broker-username'),
      password: secret(b.password, 'broker-password'),
      token: secret(b.token, 'broker-token'),
    }),
  });
}

function* loadTask(options: LoadOptions): Task<PactConfigLayers> {
  const { host } = options;
  const diagnostics: Diagnostic[] = [];
  // The variables the rules read, copied once (cheaper than asking process.env for each).
  const vars = rulesEnv(host.env, host.os);
  const envRead = readPactEnv(vars, { os: host.os });
  diagnostics.push(...envRead.diagnostics);
  const env = envRead.values;
  const cli = cliValues(options);
  const ctx: PathContext = { os: host.os, env: vars, home: host.home, cwd: host.cwd };

  // Which files: the explicit one alone, or the local one over the user one (RFC "Precedence").
  // Checks that only add a warning about a file that is not read (D3, D4) wait in `pending`
  // until the diagnostics are asked for.
  const pending: Task<Diagnostic[]>[] = [];
  const reads: { ref: ConfigFileRef; got: ReadResult; explicitSource?: Source }[] = [];
  if (cli.configFile || env.configFile) {
    const located = yield* withProbe((probe) =>
      locateConfigFile(ctx, { cli: cli.configFile, probe }),
    );
    diagnostics.push(...located.diagnostics);
    if (located.file) {
      const ref: ConfigFileRef = { path: located.file.path, role: located.file.role };
      reads.push({ ref, got: yield* read(ref.path), explicitSource: located.file.source });
    }
  } else {
    // The search for the local file and the read of the user file run side by side.
    const [local, user] = yield* all<[LocalRead, UserRead]>([localRead(host), userRead(ctx)]);
    diagnostics.push(...local.diagnostics, ...user.diagnostics);
    if (local.pending) pending.push(local.pending);
    if (user.pending) pending.push(user.pending);
    if (local.file) reads.push(local.file);
    if (user.file) reads.push(user.file);
  }

  const files: ConfigFileRef[] = [];
  const configs: ConfigFile[] = [];
  for (const { ref, got, explicitSource } of reads) {
    if (!got.ok) {
      const d = unreadable(ref, got.error, explicitSource);
      if (ref.role === 'explicit') throw new PactConfigError(d);
      diagnostics.push(d);
      continue;
    }
    files.push(ref);
    const parsed = parseConfigFile(got.bytes, {
      path: ref.path,
      role: ref.role,
      os: host.os,
      home: host.home,
    });
    diagnostics.push(...parsed.diagnostics);
    configs.push(parsed.config);
  }
  const fromFiles = <T>(pick: (f: ConfigFile) => T | undefined): T | undefined => {
    for (const f of configs) {
      const v = pick(f);
      if (v !== undefined) return v;
    }
    return undefined;
  };

  // Directories: `@pact-config/paths` applies cli > PACT_* > file > OS location.
  const dataHome = yield* withProbe((probe) =>
    locateDataHome(ctx, { cli: cli.dataHome, config: fromFiles((f) => f.pact.dataHome), probe }),
  );
  const pluginDir = locatePluginDir(ctx, {
    cli: cli.pluginDir,
    config: fromFiles((f) => f.pact.pluginDir),
    dataHome,
  });
  diagnostics.push(...dataHome.diagnostics, ...pluginDir.diagnostics);

  // do-not-track (D29): opting out is never undone. The highest layer saying `true`
  // (PACT_DO_NOT_TRACK set, whatever its value, counts as `true`) wins; else the
  // highest layer saying `false`; else the default `false` (D28).
  // The layer lists here are built with push, not a spread of `configs.map(…)`: the spread
  // made V8 throw away loadTask's optimized code several times before it settled.
  const dntLayers: (Sourced<boolean> | undefined)[] = [cli.doNotTrack, env.doNotTrack];
  for (const f of configs) dntLayers.push(f.pact.doNotTrack);
  const doNotTrack: Sourced<boolean> = dntLayers.find((l) => l?.value === true) ??
    dntLayers.find((l) => l !== undefined) ?? {
      value: false,
      source: { kind: 'default', detail: 'do-not-track is off unless set' },
    };

  // Base URL: cli > env > files. One without a protocol, or that is not a URL, is
  // reported and skipped. Credentials inside it are taken out (D13).
  let baseUrl: Sourced<string> | undefined;
  let urlAuth: BrokerAuth | undefined;
  // The whole URL, credentials included, from the secret the readers keep it in.
  const whole = (b: { baseUrl?: Sourced<string>; rawBaseUrl?: Sourced<Secret> }) =>
    b.rawBaseUrl ? { value: b.rawBaseUrl.value.reveal(), source: b.rawBaseUrl.source } : b.baseUrl;
  const urlCandidates = [cli.baseUrl, whole(env.broker)];
  for (const f of configs) urlCandidates.push(whole(f.broker));
  for (const candidate of urlCandidates) {
    if (!candidate) continue;
    // One implementation of D13/D37, shared with @pact-config/broker-auth.
    const parsed = checkBaseUrl(candidate.value, candidate.source);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.text === undefined) continue;
    baseUrl = { value: parsed.text, source: candidate.source };
    const fromUrl: { -readonly [K in keyof BrokerAuth]: BrokerAuth[K] } = {};
    if (parsed.username) fromUrl.username = { value: parsed.username, source: candidate.source };
    if (parsed.password) fromUrl.password = { value: parsed.password, source: candidate.source };
    urlAuth = fromUrl.username || fromUrl.password ? fromUrl : undefined;
    break;
  }

  // auth is one block: the highest layer with any field gives all of it (D14).
  const envAuth: Mutable<BrokerAuth> = {};
  setIf(envAuth, 'username', env.broker.username);
  setIf(envAuth, 'password', env.broker.password);
  setIf(envAuth, 'token', env.broker.token);
  const blocks: (BrokerAuth | undefined)[] = [cli.auth, envAuth];
  for (const f of configs) blocks.push(f.broker.auth);
  // Credentials inside the base URL lose to any explicit ones (D13).
  blocks.push(urlAuth);
  const auth = blocks.find((b) => b !== undefined && (b.username || b.password || b.token));
  let scheme: 'bearer' | 'basic' | undefined;
  if (auth?.token) {
    scheme = 'bearer';
    if (auth.username || auth.password) {
      diagnostics.push(tokenAndBasic(auth.token.source));
    }
  } else if (auth?.username || auth?.password) {
    scheme = 'basic';
  }
  const tls = layerTls(env.tls, configs, host, diagnostics);
  const broker: Mutable<BrokerLayers> = {};
  setIf(broker, 'baseUrl', baseUrl);
  setIf(broker, 'auth', auth);
  setIf(broker, 'scheme', scheme);
  setIf(broker, 'tls', tls);

  const pact = { dataHome, pluginDir, doNotTrack };
  return new Layers(files, configs, pact, broker, vars, host, diagnostics, pending);
}

/**
 * The result of a load. A class whose methods and getter are on its prototype, holding
 * only what they read: an object literal with a getter is many times slower to make, and
 * closures made inside the load would keep all of its working state alive with the
 * result (which also makes V8's garbage collection of many loads several times slower).
 */
class Layers implements PactConfigLayers {
  readonly #vars: EnvRecord;
  readonly #host: Host;
  readonly #diagnostics: readonly Diagnostic[];
  readonly #pending: readonly Task<Diagnostic[]>[];
  #noticed: readonly Diagnostic[] | undefined;

  constructor(
    readonly files: readonly ConfigFileRef[],
    readonly configs: readonly ConfigFile[],
    readonly pact: PactConfigLayers['pact'],
    readonly broker: BrokerLayers,
    vars: EnvRecord,
    host: Host,
    diagnostics: readonly Diagnostic[],
    pending: readonly Task<Diagnostic[]>[],
  ) {
    this.#vars = vars;
    this.#host = host;
    this.#diagnostics = diagnostics;
    this.#pending = pending;
  }

  ident(name: string): IdentConfig {
    return identConfig(name, this.configs, this.#vars, this.#host.os);
  }

  values(name?: string): Record<string, Sourced<unknown>> {
    const { dataHome, pluginDir, doNotTrack } = this.pact;
    const { baseUrl, auth, tls } = this.broker;
    const out: Record<string, Sourced<unknown>> = nullRecord();
    if (dataHome.path !== undefined)
      out['pact.data-home'] = { value: dataHome.path, source: dirSource(dataHome) };
    if (pluginDir.path !== undefined)
      out['pact.plugin-dir'] = { value: pluginDir.path, source: dirSource(pluginDir) };
    out['pact.do-not-track'] = doNotTrack;
    if (baseUrl) out['broker.base-url'] = baseUrl;
    if (auth?.username) out['broker.auth.username'] = auth.username;
    if (auth?.password) out['broker.auth.password'] = auth.password;
    if (auth?.token) out['broker.auth.token'] = auth.token;
    if (tls?.caFile) out['broker.tls.ca-file'] = tls.caFile;
    if (tls?.caDir) out['broker.tls.ca-dir'] = tls.caDir;
    if (tls?.clientCertFile) out['broker.tls.client-cert-file'] = tls.clientCertFile;
    if (tls?.clientKeyFile) out['broker.tls.client-key-file'] = tls.clientKeyFile;
    if (tls?.disableVerification) out['broker.tls.disable-verification'] = tls.disableVerification;
    if (name !== undefined) {
      const id = this.ident(name);
      const prefix = name.toLowerCase();
      flatten(id.values, [], (key, value) => {
        const source = id.sources[key];
        if (source) out[`${prefix}.${key}`] = { value, source };
      });
    }
    return out;
  }

  /** Made on first read: the pending checks (D3, D4) are one stat each, run with sync calls then. */
  get diagnostics(): readonly Diagnostic[] {
    // Read through the prototype (as some test libraries do), there is nothing to give.
    if (!(#host in this)) return [];
    this.#noticed ??= dedupeDiagnostics([
      ...this.#diagnostics,
      ...this.#pending.flatMap((task) => runSync(task, this.#host.fs)),
    ]);
    return this.#noticed;
  }
}

interface FileRead {
  readonly ref: ConfigFileRef;
  readonly got: ReadResult;
}

interface LocalRead {
  readonly file?: FileRead;
  readonly diagnostics: readonly Diagnostic[];
  readonly pending?: Task<Diagnostic[]> | undefined;
}

/** The local file, found and read. */
function* localRead(host: Host): Task<LocalRead> {
  const found = yield* findLocalTask(host);
  if (found.path === undefined) return found;
  const ref: ConfigFileRef = { path: found.path, role: 'local' };
  const got = yield* read(ref.path);
  return { diagnostics: found.diagnostics, pending: found.pending, file: { ref, got } };
}

type UserRead = LocalRead;

const MISSING_CODES = new Set(['ENOENT', 'ENOTDIR']);

/**
 * The user file (RFC "Location"), read without a stat first: the read tells whether the
 * OS location holds a file. The fallback `~/.pact/config.toml` is stat'ed only when the OS
 * location holds none; when it does, whether the fallback exists too (D4, a warning only)
 * waits in `pending`. The rule itself, and its diagnostics, are `locateConfigFile`'s.
 */
function* userRead(ctx: PathContext): Task<UserRead> {
  const c = userConfigCandidates(ctx);
  const known = new Map<string, PathKind>();
  let got: ReadResult | undefined;
  if (c.primary) {
    got = yield* read(c.primary.path);
    known.set(c.primary.path, got.ok ? 'file' : yield* kindAfter(got.error, c.primary.path));
  }
  const fallback = c.fallback?.path;
  const primaryIsFile = c.primary !== undefined && known.get(c.primary.path) === 'file';
  if (fallback !== undefined && !primaryIsFile) known.set(fallback, yield* stat(fallback));
  if (primaryIsFile && got) {
    // The OS location holds the file: the rule's answer, without asking it again.
    const pending = fallback === undefined ? undefined : fallbackCheck(ctx, known, fallback);
    const ref: ConfigFileRef = { path: c.primary!.path, role: 'user' };
    return { file: { ref, got }, diagnostics: c.diagnostics, pending };
  }
  const located = locateKnown(ctx, known);
  const file = located.file;
  if (!file) return { diagnostics: located.diagnostics };
  const ref: ConfigFileRef = { path: file.path, role: 'user' };
  if (file.path !== c.primary?.path || !got) got = yield* read(file.path);
  return { file: { ref, got }, diagnostics: located.diagnostics };
}

/**
 * The D4 check, run when the diagnostics are asked for: whether the fallback user file
 * exists beside the one read. A top-level generator, not one made inside `userRead`: a
 * generator function made per call gives V8 a new map for its objects each time, and what
 * those maps hold outlives many loads (see tools/bench/README.md).
 */
function* fallbackCheck(
  ctx: PathContext,
  known: Map<string, PathKind>,
  fallback: string,
): Task<Diagnostic[]> {
  known.set(fallback, yield* stat(fallback));
  return locateKnown(ctx, known).diagnostics.filter((d) => d.code === 'multiple-user-config');
}

/** The user file's rule (`locateConfigFile`), answered from the kinds already learnt. */
function locateKnown(ctx: PathContext, known: ReadonlyMap<string, PathKind>) {
  return locateConfigFile(ctx, { probe: (path) => known.get(path) ?? 'missing' });
}

/** What a failed read says is at a path; an error that does not say is settled by a stat. */
function* kindAfter(error: unknown, path: string): Task<PathKind> {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && MISSING_CODES.has(code)) return 'missing';
  if (code === 'EISDIR') return 'directory';
  return yield* stat(path);
}

/**
 * The TLS layers (D42): each variable over its file key, files in precedence
 * order per key; the client certificate and key are one block. Variable paths
 * resolve against the working directory, `~` expanded (D9); `SSL_CERT_DIR`
 * may list several directories.
 */
function layerTls(
  envTls: ReturnType<typeof readPactEnv>['values']['tls'],
  configs: readonly ConfigFile[],
  host: Host,
  diagnostics: Diagnostic[],
): BrokerTlsLayers | undefined {
  // Most loads set no TLS at all: no variable (readPactEnv leaves unset ones out) and no
  // [broker.tls] table.
  let any = Object.keys(envTls).length > 0;
  for (const f of configs) if (f.broker.tls !== undefined) any = true;
  if (!any) return undefined;
  const envPath = (v: Sourced<string> | undefined, list = false): Sourced<string> | undefined => {
    if (!v) return undefined;
    const delimiter = host.os === 'windows' ? ';' : ':';
    const parts = list ? v.value.split(delimiter).filter((p) => p !== '') : [v.value];
    const out: string[] = [];
    for (const part of parts) {
      const r = resolvePathValue(part, {
        os: host.os,
        home: host.home,
        baseDir: host.cwd,
        origin: 'env',
        source: v.source,
      });
      diagnostics.push(...r.diagnostics);
      if (r.path !== undefined) out.push(r.path);
    }
    return out.length > 0 ? { value: out.join(delimiter), source: v.source } : undefined;
  };
  const fromFiles = <K extends keyof BrokerTlsFile>(key: K): BrokerTlsFile[K] | undefined => {
    for (const f of configs) if (f.broker.tls?.[key] !== undefined) return f.broker.tls[key];
    return undefined;
  };
  const envCert = envPath(envTls.clientCertFile);
  const envKey = envPath(envTls.clientKeyFile);
  // The client certificate and key are one block: the highest layer with either gives both.
  const fileBlock = configs.find((f) => f.broker.tls?.clientCertFile || f.broker.tls?.clientKeyFile)
    ?.broker.tls;
  const clientFromEnv = envTls.clientCertFile !== undefined || envTls.clientKeyFile !== undefined;
  const tls: BrokerTlsLayers = strip({
    caFile: envPath(envTls.caFile) ?? fromFiles('caFile'),
    caDir: envPath(envTls.caDir, true) ?? fromFiles('caDir'),
    clientCertFile: clientFromEnv ? envCert : fileBlock?.clientCertFile,
    clientKeyFile: clientFromEnv ? envKey : fileBlock?.clientKeyFile,
    disableVerification: envTls.disableVerification ?? fromFiles('disableVerification'),
  });
  return Object.keys(tls).length > 0 ? tls : undefined;
}

/**
 * The source of a directory for {@link PactConfigLayers.values}: a location
 * found by the OS rules (`$XDG_DATA_HOME/pact`, `%APPDATA%/pact`) is a
 * default, even though a variable named its base.
 */
function dirSource(d: DirectoryLocation): Source {
  if (d.rule === 'cli' || d.rule === 'env' || d.rule === 'config') return d.source;
  if (d.source.kind === 'default') return d.source;
  const base = d.source.kind === 'env' ? `$${d.source.name}` : d.rule;
  return { kind: 'default', detail: `${d.rule} (${base})` };
}

function unreadable(
  ref: ConfigFileRef,
  error: unknown,
  explicitSource: Source | undefined,
): Diagnostic {
  const code = (error as { code?: unknown } | null)?.code;
  const why =
    typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
  const set = ref.role === 'explicit' && explicitSource ? ` (${setBy(explicitSource)})` : '';
  return diagnostic(
    'config-unreadable',
    'error',
    `The ${ref.role} configuration file ${ref.path}${set} exists but cannot be read (${why}); it is ignored.`,
    {
      hint: 'Check the file permissions, or move the file away.',
      source:
        ref.role === 'explicit' && explicitSource
          ? explicitSource
          : { kind: ref.role, file: ref.path },
    },
  );
}

function setBy(source: Source): string {
  return source.kind === 'cli' || source.kind === 'env'
    ? `set by ${source.name}`
    : 'set explicitly';
}

const IDENT_NAME = /^[a-z][a-z0-9]*$/i;

/**
 * One ident: the files' `[ident]` tables merged (local over user, deep by key)
 * and its `PACT_{IDENT}_*` variables over them (D20, D21).
 */
function identConfig(
  name: string,
  configs: readonly ConfigFile[],
  env: EnvRecord,
  os: Os,
): IdentConfig {
  const lower = name.toLowerCase();
  if (!IDENT_NAME.test(name) || lower === 'pact' || lower === 'broker') {
    throw new PactConfigError(
      diagnostic(
        'ident-invalid',
        'error',
        lower === 'pact' || lower === 'broker'
          ? `'${name}' is the RFC's own table, not an ident.`
          : `'${name}' is not an ident: use letters and digits, starting with a letter.`,
        {
          hint:
            lower === 'pact' || lower === 'broker'
              ? `Read [${lower}] through the result's ${lower} property.`
              : "Use your tool's identifier, such as ruby, net or js.",
        },
      ),
    );
  }
  // Lowest precedence first, each layer over the last.
  const tables: IdentTable[] = [];
  for (let i = configs.length - 1; i >= 0; i--) {
    const table = configs[i]!.idents.get(lower);
    if (table) tables.push(table);
  }
  const vars = identVariables(env, lower.toUpperCase(), { os });
  return new MergedIdent(tables, vars);
}

/**
 * One ident merged: the values now, the sources when first read (most callers read only
 * the values). A class: an object literal with a getter is many times slower to make.
 */
class MergedIdent implements IdentConfig {
  readonly values: Record<string, unknown>;
  readonly diagnostics: readonly Diagnostic[];
  readonly #tables: readonly IdentTable[];
  readonly #vars: IdentVariables;
  #sources: Record<string, Source> | undefined;

  constructor(tables: readonly IdentTable[], vars: IdentVariables) {
    this.#tables = tables;
    this.#vars = vars;
    this.values = this.#merge(undefined);
    this.diagnostics = vars.diagnostics;
  }

  get sources(): Record<string, Source> {
    // Read through the prototype (as some test libraries do), there is nothing to give.
    if (!(#vars in this)) return {};
    if (!this.#sources) {
      const sources: Record<string, Source> = nullRecord();
      this.#merge(sources);
      this.#sources = sources;
    }
    return this.#sources;
  }

  #merge(sources: Record<string, Source> | undefined): Record<string, unknown> {
    const values: Record<string, unknown> = nullRecord();
    for (const table of this.#tables)
      overlay(values, table.values, sources && { sources, layer: table }, '', identKeyLists(table));
    const vars = this.#vars;
    for (const key of Object.keys(vars.values)) {
      define(values, key, vars.values[key]);
      if (sources) {
        dropUnder(sources, key);
        sources[key] = { kind: 'env', name: vars.names[key] ?? key };
      }
    }
    return values;
  }
}

/** Where {@link overlay} keeps sources: the merged map, and the layer being laid. */
interface SourceTrack {
  readonly sources: Record<string, Source>;
  readonly layer: IdentTable;
}

/**
 * Lays one file's ident table `from` over `into`, copying as it goes (a table that `into`
 * lacks is copied whole; one it has, always a copy made here, is laid over in place). With
 * `track`, the sources of what was laid replace those of what it covered (`prefix` is the
 * dotted path of `into`). One function, no closure made per call: every `ident()` runs it.
 */
function overlay(
  into: Record<string, unknown>,
  from: Readonly<Record<string, unknown>>,
  track: SourceTrack | undefined,
  prefix: string,
  lists: KeyLists | undefined,
): void {
  const keys = keysOf(lists, from);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const v = from[key];
    // No TOML value is `undefined`: a key taken out of `values` after the load is skipped.
    if (v === undefined) continue;
    const have = into[key];
    const dotted = track ? prefix + key : '';
    if (isTable(v)) {
      if (isTable(have)) {
        if (track) {
          const s = track.layer.sources[dotted];
          if (s) track.sources[dotted] = s;
        }
        overlay(have, v, track, track ? `${dotted}.` : '', lists);
        continue;
      }
      const copy: Record<string, unknown> = nullRecord();
      overlay(copy, v, undefined, '', lists);
      define(into, key, copy);
    } else {
      define(into, key, Array.isArray(v) ? v.map(clone) : v);
    }
    if (track) {
      // Only a key that was there has sources to replace.
      if (have !== undefined) dropUnder(track.sources, dotted);
      const s = track.layer.sources[dotted];
      if (s) track.sources[dotted] = s;
      if (isTable(v)) copySources(track.layer.sources, track.sources, dotted);
    }
  }
}

function copySources(
  from: Readonly<Record<string, Source>>,
  to: Record<string, Source>,
  prefix: string,
) {
  for (const k of Object.keys(from)) if (k.startsWith(`${prefix}.`)) to[k] = from[k]!;
}

function dropUnder(sources: Record<string, Source>, dotted: string) {
  for (const k of Object.keys(sources))
    if (k === dotted || k.startsWith(`${dotted}.`)) delete sources[k];
}

/**
 * Sets an own property. Every target here has a `null` prototype, so no setter can be
 * reached (not even `__proto__`'s, which lives on `Object.prototype`); and the files'
 * reserved keys were dropped when they were read.
 */
function define(target: Record<string, unknown>, key: string, value: unknown) {
  target[key] = value;
}

/** A copy of a value inside an array (arrays of tables are TOML too). */
function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (!isTable(value)) return value;
  const out: Record<string, unknown> = nullRecord();
  overlay(out, value, undefined, '', undefined);
  return out;
}

function flatten(
  table: Readonly<Record<string, unknown>>,
  path: string[],
  emit: (key: string, value: unknown) => void,
) {
  for (const key of Object.keys(table)) {
    const v = table[key];
    const q = [...path, key];
    if (isTable(v)) flatten(v, q, emit);
    else emit(q.join('.'), v);
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Sets `o[key]` to `value` unless `value` is `undefined` (the field is then left out): on
 * the load path this costs less than a literal with `undefined` fields copied by {@link strip}.
 */
function setIf<T, K extends keyof T>(o: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) o[key] = value;
}

/** A copy without the keys whose value is `undefined` (built anew: `delete` makes objects slow). */
function strip<T extends object>(o: T): T {
  const out = {} as T;
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
