import { hasProtocol, noProtocol } from '@pact-config/broker-auth';
import {
  type Diagnostic,
  diagnostic,
  hasUrlCredentials,
  type Os,
  redactUrl,
  Secret,
  type Source,
  type Sourced,
} from '@pact-config/env';
import { pathApi, resolvePathValue } from '@pact-config/paths';
import { parse, TomlError } from 'smol-toml';
import { type KeyLocations, locateKeys, type Position } from './locate-keys.js';
import { nullRecord } from './record.js';

/** The role of a configuration file (RFC "Precedence"). */
export type FileRole = 'explicit' | 'local' | 'user';

/** A configuration file that was read, and its role. */
export interface ConfigFileRef {
  readonly path: string;
  readonly role: FileRole;
}

/** What {@link parseConfigFile} needs to know of the file. */
export interface ParseFileOptions extends ConfigFileRef {
  /** The OS whose path rules apply to `plugin-dir` and `data-home`. */
  readonly os: Os;
  /** The home directory, for a leading `~`. */
  readonly home?: string | undefined;
}

/** The `auth` block of one layer. Any field set makes the block (RFC "broker", D14). */
export interface BrokerAuth {
  readonly username?: Sourced<string>;
  readonly password?: Sourced<Secret>;
  readonly token?: Sourced<Secret>;
}

/**
 * The `[broker.tls]` table of one file (decision D42). Paths are resolved
 * against the file like every path value (RFC "Path Handling").
 */
export interface BrokerTlsFile {
  /** `ca-file`: a PEM bundle of extra trusted CAs (like `SSL_CERT_FILE`). */
  readonly caFile?: Sourced<string>;
  /** `ca-dir`: a directory of extra trusted CAs (like `SSL_CERT_DIR`). */
  readonly caDir?: Sourced<string>;
  /** `client-cert-file`: the client certificate (PEM) for mutual TLS (like `X509_CLIENT_CERT_FILE`). */
  readonly clientCertFile?: Sourced<string>;
  /** `client-key-file`: its private key (PEM) (like `X509_CLIENT_KEY_FILE`). */
  readonly clientKeyFile?: Sourced<string>;
  /** `disable-verification`: `true` turns verification of the broker's certificate off. */
  readonly disableVerification?: Sourced<boolean>;
}

/** One `{ident}` table of a file: nested values and where each key was written. */
export interface IdentTable {
  /**
   * Nested plain objects with a `null` prototype, as the file holds them. Read-only: the
   * ident merges (`ident(name)`) list each table's keys as the file was read.
   */
  readonly values: Readonly<Record<string, unknown>>;
  /** Dotted key (within the ident, `foo.disabled`) to where it was written. */
  readonly sources: Readonly<Record<string, Source>>;
}

/** One configuration file, read and validated. Values are only those that passed validation. */
export interface ConfigFile extends ConfigFileRef {
  readonly pact: {
    /** Resolved against the directory of the file (RFC "Path Handling"). */
    readonly dataHome?: Sourced<string>;
    readonly pluginDir?: Sourced<string>;
    readonly doNotTrack?: Sourced<boolean>;
  };
  readonly broker: {
    /** `base-url`, with any credentials inside it masked (`https://u:********@host`). */
    readonly baseUrl?: Sourced<string>;
    /** The whole `base-url`, as a secret: present only when it holds credentials. */
    readonly rawBaseUrl?: Sourced<Secret>;
    readonly auth?: BrokerAuth;
    readonly tls?: BrokerTlsFile;
  };
  /** The `{ident}` tables, by their lowercase name. */
  readonly idents: ReadonlyMap<string, IdentTable>;
}

/** The result of {@link parseConfigFile}. */
export interface ParsedConfigFile {
  readonly config: ConfigFile;
  readonly diagnostics: readonly Diagnostic[];
}

/** Keys that would reach `Object.prototype` through a careless merge. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

const KEY_STYLE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PACT_KEYS = new Set(['plugin-dir', 'data-home', 'do-not-track']);
const BROKER_KEYS = new Set(['base-url', 'auth', 'tls']);
const TLS_PATH_KEYS = new Set(['ca-file', 'ca-dir', 'client-cert-file', 'client-key-file']);
const TLS_KEYS = new Set([...TLS_PATH_KEYS, 'disable-verification']);
const AUTH_KEYS = new Set(['username', 'password', 'token']);
const MAX_SHOWN = 120;

type Table = Record<string, unknown>;

/**
 * The largest configuration file read: 1 MiB. Real files hold a few tables;
 * a larger one is refused with `config-too-large` (decision D31) so hostile
 * input stays fast.
 */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Reads one configuration file's text (RFC "Format", "Path Handling").
 *
 * Never throws for bad content: invalid UTF-8 (`toml-encoding`) and TOML
 * syntax errors, duplicate keys included (`toml-syntax`, with line, column
 * and the offending line), make the whole file count as empty (D18). A UTF-8
 * byte-order mark is dropped. A file over {@link MAX_CONFIG_BYTES} is
 * refused whole (`config-too-large`, D31), and so is one nested deeper than
 * {@link MAX_CONFIG_DEPTH} (`config-too-deep`). Otherwise each problem drops only the value it
 * concerns: a top-level key (`top-level-key`, D17), a key named `__proto__`,
 * `constructor` or `prototype` (`reserved-key`), a known key of the wrong
 * type (`type-mismatch`, D16), a base URL without `http://` or `https://`
 * (`base-url-no-protocol`); unknown keys of `[pact]` are warned about, of
 * `[broker]` noted (`unknown-key`, D15), and keys not in lowercase-hyphen
 * style get a `key-style` warning but are used.
 *
 * @example
 * ```ts
 * const { config } = parseConfigFile('[pact]\ndata-home = "data"\n', {
 *   path: '/p/pact.toml', role: 'local', os: 'linux',
 * });
 * config.pact.dataHome?.value; // '/p/data'
 * ```
 */
export function parseConfigFile(
  bytes: Uint8Array | string,
  file: ParseFileOptions,
): ParsedConfigFile {
  const diagnostics: Diagnostic[] = [];
  const ref: ConfigFileRef = { path: file.path, role: file.role };
  const fileSource = (pos?: { line: number; column: number }): Source => ({
    kind: file.role,
    file: file.path,
    ...(pos && { line: pos.line, column: pos.column }),
  });
  // Object spread is slow here; these are built field by field.
  const empty = (): ConfigFile => ({
    path: ref.path,
    role: ref.role,
    pact: {},
    broker: {},
    idents: new Map(),
  });

  const size = typeof bytes === 'string' ? bytes.length : bytes.byteLength;
  if (size > MAX_CONFIG_BYTES) {
    diagnostics.push(
      diagnostic(
        'config-too-large',
        'error',
        `${file.path} is ${size} bytes, more than a configuration file may be (${MAX_CONFIG_BYTES}); the file is ignored.`,
        {
          hint: 'A Pact configuration file holds a few tables; check that this is the file you meant.',
          source: fileSource({ line: 1, column: 1 }),
        },
      ),
    );
    return { config: empty(), diagnostics };
  }

  let text: string;
  if (typeof bytes === 'string') {
    text = bytes.startsWith('\uFEFF') ? bytes.slice(1) : bytes;
  } else {
    try {
      // `fatal` rejects invalid UTF-8; a leading BOM is dropped by the decoder.
      text = utf8().decode(bytes);
    } catch {
      const at = firstInvalidUtf8(bytes);
      diagnostics.push(
        diagnostic(
          'toml-encoding',
          'error',
          `${file.path} is not valid UTF-8 (first bad byte at line ${at.line}, column ${at.column}); the file is ignored.`,
          { hint: 'Save the file as UTF-8.', source: fileSource(at) },
        ),
      );
      return { config: empty(), diagnostics };
    }
  }

  // A chain of more dotted bare keys than the depth allows (`a.a.a… = 1`, `[a.a.a…]`) is
  // refused before smol-toml builds its many nested tables: that build is the costly part.
  // Such a chain takes at least two characters a level, so a shorter text needs no scan.
  const chain = text.length < 2 * CHAIN_LIMIT ? undefined : deepKeyChain(text);
  if (chain !== undefined) {
    const before = text.slice(0, chain);
    const position = { line: before.split('\n').length, column: chain - before.lastIndexOf('\n') };
    return { config: empty(), diagnostics: [tooDeep(file.path, fileSource(position))] };
  }

  let doc: Table;
  try {
    doc = parse(text) as Table;
  } catch (e) {
    diagnostics.push(syntaxDiagnostic(e, text, file.path, fileSource));
    return { config: empty(), diagnostics };
  }

  // Where each key is written is found only when a source's line or column is read: most
  // loads never ask, and the scan costs as much as the parse.
  let located: KeyLocations | undefined;
  const at = keySource(file.role, file.path, () => (located ??= locateKeys(text)));

  // Reserved keys are dropped and key style checked, in place (smol-toml's tables are
  // ours, with null prototypes); a document nested too deep is refused whole.
  const lists: KeyLists = new Map();
  const deep = check(doc, at, diagnostics, lists);
  if (deep) {
    // Located with a bounded scan, so a hostile `a.a.a…` stays linear.
    const bounded = locateKeys(text, { maxDepth: MAX_CONFIG_DEPTH + 1 });
    let pos: { line: number; column: number } | undefined;
    for (let n = deep.length; n > 0 && !pos; n--) pos = bounded.get(deep.slice(0, n));
    return {
      config: empty(),
      diagnostics: [tooDeep(file.path, fileSource(pos ?? { line: 1, column: 1 }))],
    };
  }
  const clean = doc;

  const pact: { -readonly [K in keyof ConfigFile['pact']]: ConfigFile['pact'][K] } = {};
  const broker: { -readonly [K in keyof ConfigFile['broker']]: ConfigFile['broker'][K] } = {};
  const idents = new Map<string, IdentTable>();

  for (const name of keysOf(lists, clean)) {
    const value = clean[name];
    if (!isTable(value)) {
      diagnostics.push(
        diagnostic(
          'top-level-key',
          'error',
          `'${name}' is set outside any table in ${file.path}; it is ignored.`,
          {
            hint: `Put it in a table such as [pact], [broker] or your tool's own [ident] table.`,
            source: at([name]),
          },
        ),
      );
      continue;
    }
    if (name === 'pact') readPact(value, file, at, pact, diagnostics, lists);
    else if (name === 'broker') readBroker(value, file, at, broker, diagnostics, lists);
    else idents.set(name, new LazyIdentTable(value, name, at, lists));
  }

  return { config: { path: ref.path, role: ref.role, pact, broker, idents }, diagnostics };
}

function readPact(
  table: Table,
  file: ParseFileOptions,
  at: (path: string[]) => Source,
  out: { dataHome?: Sourced<string>; pluginDir?: Sourced<string>; doNotTrack?: Sourced<boolean> },
  diagnostics: Diagnostic[],
  lists: KeyLists,
): void {
  for (const key of keysOf(lists, table)) {
    const value = table[key];
    const source = at(['pact', key]);
    if (!PACT_KEYS.has(key)) {
      diagnostics.push(unknownKey(`pact.${key}`, 'warning', source, [...PACT_KEYS]));
      continue;
    }
    if (key === 'do-not-track') {
      if (typeof value === 'boolean') out.doNotTrack = { value, source };
      else
        diagnostics.push(
          typeMismatch('pact.do-not-track', 'a boolean (true or false)', value, source),
        );
      continue;
    }
    if (typeof value !== 'string') {
      diagnostics.push(typeMismatch(`pact.${key}`, 'a string (a path)', value, source));
      continue;
    }
    const path = filePath(value, file, source, diagnostics);
    if (path === undefined) continue;
    if (key === 'data-home') out.dataHome = { value: path, source };
    else out.pluginDir = { value: path, source };
  }
}

/** A path value of a file, resolved against the file's directory (RFC "Path Handling"). */
function filePath(
  value: string,
  file: ParseFileOptions,
  source: Source,
  diagnostics: Diagnostic[],
): string | undefined {
  const r = resolvePathValue(value, {
    os: file.os,
    home: file.home,
    baseDir: pathApi(file.os).dirname(file.path),
    origin: 'file',
    source,
  });
  diagnostics.push(...r.diagnostics);
  return r.path;
}

function readBroker(
  table: Table,
  file: ParseFileOptions,
  at: (path: string[]) => Source,
  out: {
    baseUrl?: Sourced<string>;
    rawBaseUrl?: Sourced<Secret>;
    auth?: BrokerAuth;
    tls?: BrokerTlsFile;
  },
  diagnostics: Diagnostic[],
  lists: KeyLists,
): void {
  for (const key of keysOf(lists, table)) {
    const value = table[key];
    const source = at(['broker', key]);
    if (!BROKER_KEYS.has(key)) {
      // The Pact Broker may add its own keys to [broker] (RFC "broker"), so only a note.
      diagnostics.push(unknownKey(`broker.${key}`, 'info', source, [...BROKER_KEYS]));
      continue;
    }
    if (key === 'base-url') {
      if (typeof value !== 'string') {
        diagnostics.push(typeMismatch('broker.base-url', 'a string (a URL)', value, source));
      } else if (!hasProtocol(value)) {
        diagnostics.push(noProtocol(value, source, file.path));
      } else {
        // Shown with its credentials masked; the whole URL only as a secret (D13).
        const credentials = hasUrlCredentials(value);
        out.baseUrl = { value: credentials ? redactUrl(value) : value, source };
        if (credentials) out.rawBaseUrl = { value: new Secret(value), source };
      }
      continue;
    }
    if (key === 'tls') {
      if (!isTable(value)) {
        diagnostics.push(
          typeMismatch('broker.tls', 'a table ([broker.tls] with ca-file, …)', value, source),
        );
      } else {
        const tls = readTls(value, file, at, diagnostics, lists);
        if (Object.keys(tls).length > 0) out.tls = tls;
      }
      continue;
    }
    if (!isTable(value)) {
      diagnostics.push(
        typeMismatch(
          'broker.auth',
          'a table ({ token = "…" } or { username = "…", password = "…" })',
          value,
          source,
          // `auth = "…"` is most likely a token written in the wrong shape: never echoed.
          true,
        ),
      );
      continue;
    }
    const auth: { -readonly [K in keyof BrokerAuth]: BrokerAuth[K] } = {};
    for (const field of keysOf(lists, value)) {
      const v = value[field];
      const src = at(['broker', 'auth', field]);
      if (!AUTH_KEYS.has(field)) {
        diagnostics.push(unknownKey(`broker.auth.${field}`, 'warning', src, [...AUTH_KEYS]));
        continue;
      }
      if (typeof v !== 'string') {
        diagnostics.push(
          typeMismatch(`broker.auth.${field}`, 'a string', v, src, field !== 'username'),
        );
        continue;
      }
      if (field === 'username') auth.username = { value: v, source: src };
      else if (field === 'password') auth.password = { value: new Secret(v), source: src };
      else auth.token = { value: new Secret(v), source: src };
    }
    if (auth.username || auth.password || auth.token) out.auth = auth;
  }
}

/** The `[broker.tls]` table (D42): path keys resolved against the file, a boolean flag. */
function readTls(
  table: Table,
  file: ParseFileOptions,
  at: (path: string[]) => Source,
  diagnostics: Diagnostic[],
  lists: KeyLists,
): BrokerTlsFile {
  const out: { -readonly [K in keyof BrokerTlsFile]: BrokerTlsFile[K] } = {};
  for (const key of keysOf(lists, table)) {
    const value = table[key];
    const source = at(['broker', 'tls', key]);
    if (!TLS_KEYS.has(key)) {
      // A typo here silently loses a security setting, so a warning.
      diagnostics.push(unknownKey(`broker.tls.${key}`, 'warning', source, [...TLS_KEYS]));
      continue;
    }
    if (key === 'disable-verification') {
      if (typeof value === 'boolean') out.disableVerification = { value, source };
      else
        diagnostics.push(
          typeMismatch(
            'broker.tls.disable-verification',
            'a boolean (true or false)',
            value,
            source,
          ),
        );
      continue;
    }
    if (typeof value !== 'string') {
      diagnostics.push(typeMismatch(`broker.tls.${key}`, 'a string (a path)', value, source));
      continue;
    }
    const path = filePath(value, file, source, diagnostics);
    if (path === undefined) continue;
    const v = { value: path, source };
    if (key === 'ca-file') out.caFile = v;
    else if (key === 'ca-dir') out.caDir = v;
    else if (key === 'client-cert-file') out.clientCertFile = v;
    else out.clientKeyFile = v;
  }
  return out;
}

/**
 * An ident table: its values, and the sources of its keys, flattened when first read. A
 * class with a getter on its prototype: an object literal with a getter is many times
 * slower to make, and every load makes one per ident table.
 */
class LazyIdentTable implements IdentTable {
  readonly values: Table;
  readonly #name: string;
  readonly #at: (path: string[]) => Source;
  readonly #lists: KeyLists;
  #sources: Record<string, Source> | undefined;

  constructor(values: Table, name: string, at: (path: string[]) => Source, lists: KeyLists) {
    this.values = values;
    this.#name = name;
    this.#at = at;
    this.#lists = lists;
  }

  /** The key lists of a table made by {@link parseConfigFile}, if `table` is one. */
  static listsOf(table: IdentTable): KeyLists | undefined {
    return #lists in table ? table.#lists : undefined;
  }

  get sources(): Record<string, Source> {
    // Read through the prototype (as some test libraries do), there is nothing to give.
    if (!(#at in this)) return {};
    if (!this.#sources) {
      const sources: Record<string, Source> = nullRecord();
      const at = this.#at;
      const walk = (t: Table, path: string[], dotted: string) => {
        for (const key of Object.keys(t)) {
          const p = [...path, key];
          const v = t[key];
          const d = dotted === '' ? key : `${dotted}.${key}`;
          sources[d] = at(p);
          if (isTable(v)) walk(v, p, d);
        }
      };
      walk(this.values, [this.#name], '');
      this.#sources = sources;
    }
    return this.#sources;
  }
}

/**
 * Checks a parsed document in place: drops reserved keys (each reported once as
 * `reserved-key`) and reports keys not in the RFC's style (`key-style`). smol-toml's
 * tables have `null` prototypes, so a key named `__proto__` is an own key like any other.
 * Returns the key path of the first value nested deeper than {@link MAX_CONFIG_DEPTH}
 * (the walk stops there), or `undefined`.
 */
function check(
  doc: Table,
  at: (path: string[]) => Source,
  diagnostics: Diagnostic[],
  lists: KeyLists,
): string[] | undefined {
  // Nearly every file has nothing to report: a first pass without key paths says so.
  if (allClean(doc, 0, lists)) return undefined;
  // The walk below may drop keys, so the lists the first pass made are not kept.
  lists.clear();
  const path: string[] = [];
  const walk = (value: unknown): boolean => {
    if (path.length > MAX_CONFIG_DEPTH) return true;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(String(i));
        if (walk(value[i])) return true;
        path.pop();
      }
      return false;
    }
    if (!isTable(value)) return false;
    for (const key of Object.keys(value)) {
      path.push(key);
      if (RESERVED_KEYS.has(key)) {
        diagnostics.push(reservedKey(path, key, at));
        delete value[key];
      } else {
        if (!isKeyStyle(key)) diagnostics.push(keyStyle(path, key, at));
        if (walk(value[key])) return true;
      }
      path.pop();
    }
    return false;
  };
  return walk(doc) ? path.slice() : undefined;
}

/**
 * Whether a key is lowercase words joined by single hyphens (`KEY_STYLE`), by a loop over
 * its characters: the check runs for every key of every file, and this is a few times
 * quicker than the regular expression.
 */
function isKeyStyle(key: string): boolean {
  const n = key.length;
  if (n === 0) return false;
  let hyphen = true; // as if one came before the first character: a key cannot start with one
  for (let i = 0; i < n; i++) {
    const c = key.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) hyphen = false;
    else if (c === 45 && !hyphen) hyphen = true;
    else return false;
  }
  return !hyphen;
}

/**
 * Whether nothing at or under `value` is to be reported: no reserved key, every key in
 * style, not too deep. Each table's keys are kept in `lists`.
 */
function allClean(value: unknown, depth: number, lists: KeyLists): boolean {
  if (depth > MAX_CONFIG_DEPTH) return false;
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) {
    for (const v of value) if (!allClean(v, depth + 1, lists)) return false;
    return true;
  }
  if (!isTable(value)) return true;
  // Runs over every key of every file on each load: an indexed loop, and no call for a
  // plain value (most of them); a plain value is too deep only one level past the limit.
  const keys = Object.keys(value);
  lists.set(value, keys);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    // Of RESERVED_KEYS only these two are in style (a test keeps them in step): two
    // comparisons, where `RESERVED_KEYS.has` or an `includes` cost several times more.
    if (!isKeyStyle(key) || key === 'constructor' || key === 'prototype') return false;
    const v = value[key];
    if (typeof v === 'object' && v !== null) {
      if (!allClean(v, depth + 1, lists)) return false;
    } else if (depth + 1 > MAX_CONFIG_DEPTH) return false;
  }
  return true;
}

function reservedKey(path: string[], key: string, at: (path: string[]) => Source): Diagnostic {
  return diagnostic(
    'reserved-key',
    'error',
    `The key '${displayPath(path)}' uses the reserved name '${key}'; it is ignored.`,
    {
      hint: 'Rename the key: __proto__, constructor and prototype are never read.',
      source: at([...path]),
    },
  );
}

/**
 * `path.join('.')` by concatenation: a load makes a source for every value it reads, and
 * `Array.prototype.join` costs several times more for two or three parts.
 */
function dotted(path: readonly string[]): string {
  let key = path.length > 0 ? path[0]! : '';
  for (let i = 1; i < path.length; i++) key += `.${path[i]}`;
  return key;
}

function keyStyle(path: string[], key: string, at: (path: string[]) => Source): Diagnostic {
  return diagnostic(
    'key-style',
    'warning',
    `The key '${displayPath(path)}' is not lowercase words joined by hyphens.`,
    {
      hint: `Keys should look like 'plugin-dir' (RFC "Format"); try '${suggestKey(key)}'.`,
      source: at([...path]),
    },
  );
}

/**
 * The source of a key of one file. Its `line` and `column` are found when first read: the
 * file's text is scanned once, on the first such read of any of its keys. `JSON.stringify`
 * and `util.inspect` show them like plain fields.
 */
class KeySource {
  readonly kind: FileRole;
  readonly file: string;
  readonly key: string;
  readonly #path: readonly string[];
  readonly #locate: () => KeyLocations;
  #pos: Position | null | undefined;

  constructor(kind: FileRole, file: string, path: readonly string[], locate: () => KeyLocations) {
    this.kind = kind;
    this.file = file;
    this.key = dotted(path);
    this.#path = path;
    this.#locate = locate;
  }

  // Some test libraries read getters through the prototype: that has no position.
  get line(): number | undefined {
    return #path in this ? this.#position()?.line : undefined;
  }

  get column(): number | undefined {
    return #path in this ? this.#position()?.column : undefined;
  }

  #position(): Position | null {
    if (this.#pos === undefined) this.#pos = this.#locate().get(this.#path) ?? null;
    return this.#pos;
  }

  toJSON(): Source {
    const pos = this.#position();
    return {
      kind: this.kind,
      file: this.file,
      ...(pos && { line: pos.line, column: pos.column }),
      key: this.key,
    };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): Source {
    return this.toJSON();
  }

  [Symbol.for('Deno.customInspect')](): string {
    return JSON.stringify(this.toJSON());
  }
}

/** The sources of one file's keys, by key path. */
function keySource(
  kind: FileRole,
  file: string,
  locate: () => KeyLocations,
): (path: string[]) => Source {
  return (path) => new KeySource(kind, file, path, locate);
}

function displayPath(path: string[]): string {
  return path
    .map((k) => (KEY_STYLE.test(k) || /^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k)))
    .join('.');
}

function suggestKey(key: string): string {
  const s = key
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'key';
}

let strictUtf8: InstanceType<typeof TextDecoder> | undefined;
/** One strict decoder, made on first use (a whole-buffer `decode` keeps no state between calls). */
function utf8(): InstanceType<typeof TextDecoder> {
  strictUtf8 ??= new TextDecoder('utf-8', { fatal: true });
  return strictUtf8;
}

/**
 * The keys of each table of one file, listed once by the check and read again by the
 * readers and the ident merges: `Object.keys` on smol-toml's tables (dictionaries, with
 * `null` prototypes) is one of the costliest calls of a load. Empty when the check
 * dropped a key; the load changes no table after the check.
 */
export type KeyLists = Map<Table, readonly string[]>;

/** `Object.keys(table)`, from `lists` when it has them. */
export function keysOf(lists: KeyLists | undefined, table: Table): readonly string[] {
  return lists?.get(table) ?? Object.keys(table);
}

/** The key lists that came with an ident table, for {@link keysOf}. */
export function identKeyLists(table: IdentTable): KeyLists | undefined {
  return LazyIdentTable.listsOf(table);
}

/** A plain TOML table (smol-toml builds them with a `null` prototype; dates and arrays are not tables). */
export function isTable(value: unknown): value is Table {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (isTable(value)) return 'a table';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return 'a boolean';
  if (typeof value === 'number' || typeof value === 'bigint') return 'a number';
  return 'a date';
}

function typeMismatch(
  key: string,
  expected: string,
  value: unknown,
  source: Source,
  secret = false,
): Diagnostic {
  const shown = secret || typeof value !== 'string' ? '' : ` ('${value.slice(0, MAX_SHOWN)}')`;
  return diagnostic(
    'type-mismatch',
    'error',
    `${key} must be ${expected}, but it is ${describeType(value)}${shown}; it is ignored.`,
    {
      hint: `Write ${key} as ${expected}.`,
      source,
    },
  );
}

function unknownKey(
  key: string,
  severity: 'warning' | 'info',
  source: Source,
  known: string[],
): Diagnostic {
  const table = key.slice(0, key.lastIndexOf('.'));
  return diagnostic(
    'unknown-key',
    severity,
    `${key} is not a key pact-config knows; it is ignored.`,
    {
      hint: `The keys of [${table}] are ${known.join(', ')}.`,
      source,
    },
  );
}

/** A line that may hold a credential by its words: a secret-like key or an `auth` table. */
const SECRET_LINE = /pass|pwd|token|secret|private|credential|auth|key\s*=/i;

/**
 * The excerpt of a syntax error never shows a secret: on a line that may hold
 * one, everything after the first `=` (the whole line when there is none) is
 * masked. The caret still points at the column.
 */
function maskSecrets(line: string): string {
  // Any `@` may be a URL's credentials: the `https://` may be missing, and a password may
  // hold a space, a quote or a `/`. Masking a line too many is harmless; one search stays
  // linear on a long hostile line.
  if (!SECRET_LINE.test(line) && !line.includes('@')) return line;
  const eq = line.indexOf('=');
  return eq < 0 ? '********' : `${line.slice(0, eq + 1)} ********`;
}

/**
 * Whether line `index` starts inside a multi-line string: an odd number of `"""` or `'''`
 * before it. Quotes inside comments or other strings can make this say yes when the answer
 * is no, which only masks a line that could have been shown.
 */
function insideMultiline(lines: readonly string[], index: number): boolean {
  let basic = 0;
  let literal = 0;
  for (let i = 0; i < index && i < lines.length; i++) {
    basic += lines[i]!.split('"""').length - 1;
    literal += lines[i]!.split("'''").length - 1;
  }
  return basic % 2 === 1 || literal % 2 === 1;
}

function syntaxDiagnostic(
  e: unknown,
  text: string,
  path: string,
  fileSource: (pos?: { line: number; column: number }) => Source,
): Diagnostic {
  if (e instanceof TomlError) {
    const reason =
      e.message.replace(/^Invalid TOML document: /, '').split('\n')[0] ?? 'invalid TOML';
    const lines = text.split(/\r?\n/);
    // A line inside a multi-line string may be a continuation of a secret whose key is on
    // an earlier line: such a line is never shown.
    const lineText = insideMultiline(lines, e.line - 1)
      ? '********'
      : maskSecrets((lines[e.line - 1] ?? '').replace(/\t/g, ' '));
    const start = Math.max(0, Math.min(e.column - 1 - MAX_SHOWN / 2, lineText.length - MAX_SHOWN));
    const shown = lineText.slice(start, start + MAX_SHOWN);
    const gutter = String(e.line);
    const caret = ' '.repeat(Math.max(0, e.column - 1 - start));
    return diagnostic(
      'toml-syntax',
      'error',
      `${path}:${e.line}:${e.column}: ${reason}; the file is ignored.\n  ${gutter} | ${shown}\n  ${' '.repeat(gutter.length)} | ${caret}^`,
      {
        hint: 'Fix the TOML at that line (https://toml.io).',
        source: fileSource({ line: e.line, column: e.column }),
      },
    );
  }
  const reason = e instanceof Error ? e.message : String(e);
  return diagnostic(
    'toml-syntax',
    'error',
    `${path} could not be parsed (${reason.slice(0, MAX_SHOWN)}); the file is ignored.`,
    {
      hint: 'Fix the TOML (https://toml.io).',
      source: fileSource(),
    },
  );
}

/**
 * The deepest nesting of tables and arrays a configuration file may have.
 * smol-toml bounds inline nesting but not dotted keys (`a.a.a… = 1`) or
 * table headers, and the walks over the document recurse, so a deeper file
 * is refused whole (`config-too-deep`) before they run.
 */
export const MAX_CONFIG_DEPTH = 100;

/** A dotted-key chain this long is refused before parsing (see {@link deepKeyChain}). */
const CHAIN_LIMIT = 4 * MAX_CONFIG_DEPTH;

/**
 * Where a chain of far more bare keys joined by dots than the depth allows (four times it)
 * starts, found in one linear pass (a regular expression would backtrack on long runs of
 * key characters). Such a file is refused before parsing; chains nearer the limit are
 * parsed and located exactly.
 */
function deepKeyChain(text: string): number | undefined {
  const limit = CHAIN_LIMIT;
  let dots = 0;
  let start = 0;
  let inKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const keyChar =
      (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95;
    if (keyChar) {
      if (!inKey && dots === 0) start = i;
      inKey = true;
    } else if (c === 46 && inKey) {
      // A dot after a key: the chain goes on.
      dots++;
      inKey = false;
      if (dots >= limit) return start;
    } else if (c !== 32 && c !== 9) {
      dots = 0;
      inKey = false;
    }
  }
  return undefined;
}

function tooDeep(path: string, source: Source): Diagnostic {
  return diagnostic(
    'config-too-deep',
    'error',
    `${path} nests tables or arrays more than ${MAX_CONFIG_DEPTH} levels deep; the file is ignored.`,
    {
      hint: 'A Pact configuration file holds a few shallow tables; check that this is the file you meant.',
      source,
    },
  );
}

/** Line and column of the first byte that breaks UTF-8, for the `toml-encoding` message. */
function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
  let lo = 0;
  let hi = bytes.length;
  // The longest prefix that decodes (allowing a cut in a multi-byte sequence at its end).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < lo; i++) {
    if (bytes[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  let prefix = '';
  try {
    prefix = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, lo));
  } catch {
    prefix = '';
  }
  return { line, column: prefix.replace(/\uFFFD$/, '').length + 1 };
}
