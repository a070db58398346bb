import { type Diagnostic, diagnostic, type Sourced } from './diagnostic.js';
import { type EnvRecord, envGetter, type Os } from './host.js';
import { Secret } from './secret.js';
import { hasUrlCredentials, redactUrl } from './url.js';

/** What a variable is for, so tools can list and mask them. */
export interface VariableInfo {
  readonly name: string;
  readonly secret: boolean;
  readonly description: string;
}

/**
 * The variables pact-config reads: the RFC's ("Environment Variables",
 * "Pact Broker") and the TLS variables today's Pact tools use.
 */
export const PACT_VARIABLES: readonly VariableInfo[] = [
  { name: 'PACT_CONFIG_FILE', secret: false, description: 'explicit configuration file' },
  { name: 'PACT_DATA_HOME', secret: false, description: 'directory for shared files' },
  { name: 'PACT_PLUGIN_DIR', secret: false, description: 'directory for shared plugins' },
  {
    name: 'PACT_DO_NOT_TRACK',
    secret: false,
    description: 'set (any value) to disable usage analytics',
  },
  { name: 'PACT_BROKER_BASE_URL', secret: false, description: 'Pact Broker base URL' },
  { name: 'PACT_BROKER_USERNAME', secret: false, description: 'Pact Broker basic-auth username' },
  { name: 'PACT_BROKER_PASSWORD', secret: true, description: 'Pact Broker basic-auth password' },
  { name: 'PACT_BROKER_TOKEN', secret: true, description: 'Pact Broker bearer token' },
  { name: 'SSL_CERT_FILE', secret: false, description: 'PEM bundle of extra trusted CAs' },
  { name: 'SSL_CERT_DIR', secret: false, description: 'directory of extra trusted CAs' },
  {
    name: 'X509_CLIENT_CERT_FILE',
    secret: false,
    description: 'client certificate (PEM) for mutual TLS',
  },
  {
    name: 'X509_CLIENT_KEY_FILE',
    secret: false,
    description: 'client private key (PEM) for mutual TLS',
  },
  {
    name: 'PACT_DISABLE_SSL_VERIFICATION',
    secret: false,
    description: 'true turns TLS verification off',
  },
  {
    name: 'PACT_BROKER_DISABLE_SSL_VERIFICATION',
    secret: false,
    description: 'true turns TLS verification off for the broker',
  },
];

/** The broker variables, read. Secrets are wrapped in {@link Secret}. */
export interface BrokerEnv {
  /** `PACT_BROKER_BASE_URL`, with any credentials inside it masked (`https://u:********@host`). */
  readonly baseUrl?: Sourced<string>;
  /** The whole `PACT_BROKER_BASE_URL`, as a secret: present only when it holds credentials. */
  readonly rawBaseUrl?: Sourced<Secret>;
  readonly username?: Sourced<string>;
  readonly password?: Sourced<Secret>;
  readonly token?: Sourced<Secret>;
}

/** The TLS variables, read. */
export interface TlsEnv {
  readonly caFile?: Sourced<string>;
  readonly caDir?: Sourced<string>;
  readonly clientCertFile?: Sourced<string>;
  readonly clientKeyFile?: Sourced<string>;
  /** Present when a disable variable was set to a boolean; `true` turns verification off. */
  readonly disableVerification?: Sourced<boolean>;
}

/** Every variable pact-config reads, typed, each with the variable it came from. */
export interface PactEnv {
  readonly configFile?: Sourced<string>;
  readonly dataHome?: Sourced<string>;
  readonly pluginDir?: Sourced<string>;
  /** Present when `PACT_DO_NOT_TRACK` is set, whatever its value (RFC "Environment Variables"). */
  readonly doNotTrack?: Sourced<true>;
  readonly broker: BrokerEnv;
  readonly tls: TlsEnv;
}

/** The result of {@link readPactEnv}. */
export interface PactEnvResult {
  readonly values: PactEnv;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Reads the RFC's variables from any environment record.
 *
 * The empty-value policy, applied to every variable: a variable set to the
 * empty string counts as unset, and an `env-empty` info diagnostic says so.
 * The one exception is `PACT_DO_NOT_TRACK`, which the RFC makes a presence
 * flag: set to anything, the empty string and `false` included, it means do
 * not track.
 *
 * @example
 * ```ts
 * const { values } = readPactEnv({ PACT_DO_NOT_TRACK: 'false', PACT_BROKER_TOKEN: 't' });
 * values.doNotTrack?.value;          // true
 * String(values.broker.token?.value); // '[redacted]'
 * ```
 */
export function readPactEnv(env: EnvRecord, options: { os?: Os } = {}): PactEnvResult {
  const get = envGetter(env, options.os ?? 'linux');
  const diagnostics: Diagnostic[] = [];

  const text = (name: string): Sourced<string> | undefined => {
    const value = get(name);
    if (value === undefined) return undefined;
    if (value === '') {
      diagnostics.push(emptyDiagnostic(name));
      return undefined;
    }
    return { value, source: { kind: 'env', name } };
  };
  const secret = (name: string): Sourced<Secret> | undefined => {
    const t = text(name);
    return t && { value: new Secret(t.value), source: t.source };
  };
  const flag = (name: string): Sourced<boolean> | undefined => {
    const t = text(name);
    if (!t) return undefined;
    const parsed = parseBooleanText(t.value);
    if (parsed === undefined) {
      diagnostics.push(
        diagnostic(
          'env-invalid-boolean',
          'warning',
          `${name} is '${t.value}', which is not a boolean; it is ignored.`,
          { hint: `Set ${name} to true or false.`, source: t.source },
        ),
      );
      return undefined;
    }
    return { value: parsed, source: t.source };
  };

  const dnt = get('PACT_DO_NOT_TRACK');
  const url = text('PACT_BROKER_BASE_URL');
  const brokerOff = flag('PACT_BROKER_DISABLE_SSL_VERIFICATION');
  const allOff = flag('PACT_DISABLE_SSL_VERIFICATION');
  // Either variable set to true turns verification off; the broker-specific one is asked first.
  const disableVerification = brokerOff?.value
    ? brokerOff
    : allOff?.value
      ? allOff
      : (brokerOff ?? allOff);

  // Built field by field, holding only the variables that are set: every load reads the
  // environment, and literals with `undefined` fields, copied without them, cost more.
  const values = {} as Mutable<PactEnv>;
  setIf(values, 'configFile', text('PACT_CONFIG_FILE'));
  setIf(values, 'dataHome', text('PACT_DATA_HOME'));
  setIf(values, 'pluginDir', text('PACT_PLUGIN_DIR'));
  if (dnt !== undefined) {
    values.doNotTrack = { value: true, source: { kind: 'env', name: 'PACT_DO_NOT_TRACK' } };
  }
  const broker: Mutable<BrokerEnv> = {};
  if (url) {
    broker.baseUrl = { value: redactUrl(url.value), source: url.source };
    if (hasUrlCredentials(url.value)) {
      broker.rawBaseUrl = { value: new Secret(url.value), source: url.source };
    }
  }
  setIf(broker, 'username', text('PACT_BROKER_USERNAME'));
  setIf(broker, 'password', secret('PACT_BROKER_PASSWORD'));
  setIf(broker, 'token', secret('PACT_BROKER_TOKEN'));
  values.broker = broker;
  const tls: Mutable<TlsEnv> = {};
  setIf(tls, 'caFile', text('SSL_CERT_FILE'));
  setIf(tls, 'caDir', text('SSL_CERT_DIR'));
  setIf(tls, 'clientCertFile', text('X509_CLIENT_CERT_FILE'));
  setIf(tls, 'clientKeyFile', text('X509_CLIENT_KEY_FILE'));
  setIf(tls, 'disableVerification', disableVerification);
  values.tls = tls;
  return { values, diagnostics };
}

/**
 * Reads one variable under the empty-value policy: `undefined` when unset or
 * empty. Use it for variables outside the RFC's list.
 */
export function readVariable(env: EnvRecord, name: string, os: Os = 'linux'): string | undefined {
  const value = envGetter(env, os)(name);
  return value === '' ? undefined : value;
}

/** `true`/`1` and `false`/`0`, any case, with spaces trimmed; anything else is `undefined`. */
export function parseBooleanText(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  return undefined;
}

/** The `env-empty` diagnostic for a variable set to the empty string. */
export function emptyDiagnostic(name: string): Diagnostic {
  return diagnostic('env-empty', 'info', `${name} is set but empty, so it counts as unset.`, {
    hint: `Unset ${name}, or give it a value.`,
    source: { kind: 'env', name },
  });
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Sets `o[key]` to `value` unless `value` is `undefined` (the field is then left out). */
function setIf<T, K extends keyof T>(o: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) o[key] = value;
}

/**
 * Whether the rules read a variable of this name: `PACT_*`, or {@link isOtherRuleName}.
 * Most names of an environment are neither, and their first character alone says so.
 */
function isRuleName(name: string): boolean {
  switch (name.charCodeAt(0)) {
    case 80: // P
      return name.startsWith('PACT_');
    case 65: // A
    case 83: // S
    case 88: // X
      return isOtherRuleName(name);
    default:
      return false;
  }
}

/**
 * Whether a name is one the rules read that does not start with `PACT_`: the XDG and
 * APPDATA variables of the location rules (RFC "Location", "Shared Files"), and the TLS
 * variables of {@link PACT_VARIABLES}. Not the home variables: the rules take the home
 * from the host (`host.home`, which `runtimeHost` reads from them). A `switch`, not a
 * Set: V8 compares each name of the environment with these by length first, where a Set
 * hashed every name of every listing (the names are new strings each time). A test keeps
 * it in step with PACT_VARIABLES.
 */
function isOtherRuleName(name: string): boolean {
  switch (name) {
    case 'APPDATA':
    case 'XDG_CONFIG_HOME':
    case 'XDG_DATA_HOME':
    case 'SSL_CERT_FILE':
    case 'SSL_CERT_DIR':
    case 'X509_CLIENT_CERT_FILE':
    case 'X509_CLIENT_KEY_FILE':
      return true;
    default:
      return false;
  }
}

/**
 * The variables the configuration rules read, copied out of `env` in one pass: every
 * `PACT_*` variable, {@link PACT_VARIABLES}, and the XDG and APPDATA variables of the
 * location rules. The home variables (`HOME`, `USERPROFILE`, …) are not copied: the rules
 * take the home from the host, and `runtimeHost` has read them already. On Windows names
 * match in any case, as there; the copy keeps each name as it was written.
 *
 * Listing the names of `process.env` once costs less than asking it for each variable a
 * load reads, most of which are unset; the loaders read this copy instead.
 *
 * @example
 * ```ts
 * rulesEnv({ PATH: '/bin', HOME: '/home/u', XDG_CONFIG_HOME: '/x', PACT_RUBY_X: '1' });
 * // { XDG_CONFIG_HOME: '/x', PACT_RUBY_X: '1' }
 * ```
 */
export function rulesEnv(env: EnvRecord, os: Os = 'linux'): EnvRecord {
  const out: Record<string, string | undefined> = {};
  for (const name of Reflect.ownKeys(env)) {
    if (typeof name !== 'string') continue;
    const upper = os === 'windows' ? name.toUpperCase() : name;
    if (!isRuleName(upper)) continue;
    const value = env[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}
