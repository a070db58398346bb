import {
  type Diagnostic,
  diagnostic,
  type EnvRecord,
  type Os,
  readPactEnv,
  Secret,
  type Source,
  type Sourced,
} from '@pact-config/env';
import {
  basicAuthorization,
  bearerAuthorization,
  checkCredential,
  tokenAndBasic,
} from './authorization.js';
import { isLoopback, parseBaseUrl } from './base-url.js';
import {
  type BrokerTls,
  type BrokerTlsSettings,
  defaultTlsFs,
  type Given,
  layerTls,
  loadTls,
  sourced,
  type TlsFs,
} from './tls.js';

/** Credentials of one layer: `config.broker.auth` of `@pact-config/toml-config`, or bare values. */
export interface BrokerAuthSettings {
  readonly username?: Given<string> | undefined;
  readonly password?: Given<Secret> | string | undefined;
  readonly token?: Given<Secret> | string | undefined;
}

/** What {@link resolveBrokerConnection} reads. */
export interface ResolveBrokerOptions {
  /** The base URL; credentials inside it are the lowest `auth` block (D13). */
  readonly baseUrl?: Given<string> | undefined;
  /** The `auth` block (one block, D14). */
  readonly auth?: BrokerAuthSettings | undefined;
  /** The TLS settings (`[broker.tls]`). */
  readonly tls?: BrokerTlsSettings | undefined;
  /**
   * An environment to layer over the values above: `PACT_BROKER_*` over
   * `baseUrl` and `auth` (the `auth` block whole), the TLS variables over
   * `tls` (D42). Leave it out when the values are already layered (as
   * `loadConfig()`'s `config.broker` is), or the variables would be applied twice.
   */
  readonly env?: EnvRecord | undefined;
  readonly os?: Os | undefined;
  /** Where TLS files are read; the runtime's `node:fs` by default. */
  readonly fs?: TlsFs | undefined;
}

/** The result of {@link resolveBrokerConnection}. */
export interface ResolvedBroker {
  /** `undefined` only when no usable base URL was given. */
  readonly connection?: BrokerConnection;
  readonly diagnostics: readonly Diagnostic[];
}

const inspectNode = Symbol.for('nodejs.util.inspect.custom');
const inspectDeno = Symbol.for('Deno.customInspect');

/**
 * A broker connection: the base URL (without credentials), the
 * `Authorization` value and the TLS material. The secrets (the header, the
 * private key) never show in `String()`, `JSON.stringify()`, `util.inspect()`
 * or `console.log()` on Node, Bun and Deno; ask for the header by name with
 * {@link BrokerConnection.authorizationHeader}.
 */
export class BrokerConnection {
  /** The base URL, credentials taken out; its path (`/pact-broker/`) and port are kept. */
  readonly baseUrl: URL;
  /** `bearer` (a token), `basic` (username/password) or none. */
  readonly scheme: 'basic' | 'bearer' | undefined;
  /** The Basic username, which is not a secret. */
  readonly username: string | undefined;
  readonly tls: BrokerTls;
  /** Where the base URL and the credentials came from. */
  readonly sources: { readonly baseUrl: Source; readonly auth?: Source };
  readonly #authorization: Secret | undefined;

  constructor(init: {
    baseUrl: URL;
    authorization?: Secret | undefined;
    scheme?: 'basic' | 'bearer' | undefined;
    username?: string | undefined;
    tls?: BrokerTls | undefined;
    sources?: { baseUrl: Source; auth?: Source };
  }) {
    const url = new URL(init.baseUrl.href);
    url.username = '';
    url.password = '';
    this.baseUrl = url;
    this.#authorization = init.authorization;
    this.scheme = init.authorization ? init.scheme : undefined;
    this.username = this.scheme === 'basic' ? init.username : undefined;
    this.tls = Object.freeze({ ...(init.tls ?? { ca: [], verify: true }) });
    this.sources = init.sources ?? { baseUrl: { kind: 'default', detail: 'given' } };
  }

  /** The `Authorization` header value, revealed: call it only where the request is sent. */
  authorizationHeader(): string | undefined {
    return this.#authorization?.reveal();
  }

  /**
   * A URL under the base URL: `url('pacts/provider/p')` and `url('/pacts/provider/p')`
   * both keep the base path (`https://h/pact-broker/pacts/provider/p`); an absolute
   * `http(s)://` URL (a HAL link) is taken as it is.
   */
  url(path: string): URL {
    if (/^https?:\/\//i.test(path)) return new URL(path);
    const base = new URL(this.baseUrl.href);
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    return new URL(path.replace(/^\/+/, ''), base);
  }

  /** A redacted view: the base URL, scheme, username and what TLS material there is. */
  toJSON(): Record<string, unknown> {
    return {
      baseUrl: this.baseUrl.href,
      ...(this.scheme && { scheme: this.scheme, authorization: '[redacted]' }),
      ...(this.username !== undefined && { username: this.username }),
      tls: {
        ca: this.tls.ca.length,
        clientCertificate: this.tls.cert !== undefined,
        ...(this.tls.key && { key: '[redacted]' }),
        verify: this.tls.verify,
      },
    };
  }

  toString(): string {
    return `BrokerConnection(${this.baseUrl.href}${this.scheme ? `, ${this.scheme}` : ''})`;
  }

  [inspectNode](): string {
    return `BrokerConnection ${JSON.stringify(this.toJSON())}`;
  }

  [inspectDeno](): string {
    return `BrokerConnection ${JSON.stringify(this.toJSON())}`;
  }
}

/**
 * Resolves a broker connection (RFC "Pact Broker", the `[broker]` table)
 * from given values, optionally with an environment layered over them. Never
 * throws for bad input: every problem is a diagnostic and what is usable is
 * kept. Decisions D12 (the token wins over a username/password, warning
 * `auth-token-and-basic`), D13 (credentials in the URL are the lowest `auth`
 * block), D14 (`auth` is one block), D22, D42–D47.
 *
 * @example
 * ```ts
 * const { connection } = resolveBrokerConnection({
 *   env: { PACT_BROKER_BASE_URL: 'https://broker.example.com', PACT_BROKER_TOKEN: 't0ken' },
 * });
 * connection?.scheme;                // 'bearer'
 * JSON.stringify(connection);        // no token in it
 * ```
 */
export function resolveBrokerConnection(options: ResolveBrokerOptions = {}): ResolvedBroker {
  const os = options.os ?? 'linux';
  const diagnostics: Diagnostic[] = [];

  // Layers: environment (when given) over the given values.
  let baseUrl = sourced(options.baseUrl);
  let auth: { username?: Sourced<string>; password?: Sourced<Secret>; token?: Sourced<Secret> } = {
    username: sourced(options.auth?.username),
    password: secretOf(options.auth?.password),
    token: secretOf(options.auth?.token),
  };
  if (options.env) {
    const read = readPactEnv(options.env, { os });
    const b = read.values.broker;
    diagnostics.push(
      ...read.diagnostics.filter(
        (d) =>
          d.source?.kind === 'env' &&
          d.source.name.startsWith('PACT_BROKER_') &&
          !d.source.name.includes('SSL'),
      ),
    );
    // The whole URL (credentials included) is kept as a secret by readPactEnv.
    baseUrl = b.rawBaseUrl
      ? { value: b.rawBaseUrl.value.reveal(), source: b.rawBaseUrl.source }
      : (b.baseUrl ?? baseUrl);
    if (b.username || b.password || b.token) {
      auth = { username: b.username, password: b.password, token: b.token };
    }
  }
  const tlsLayers = layerTls(options.tls, options.env, os);
  diagnostics.push(...tlsLayers.diagnostics);

  if (!baseUrl) {
    diagnostics.push(
      diagnostic(
        'base-url-missing',
        'error',
        'No broker base URL is set, so there is no broker to connect to.',
        {
          hint: 'Set PACT_BROKER_BASE_URL, or base-url in the [broker] table.',
        },
      ),
    );
    return { diagnostics };
  }
  const parsed = parseBaseUrl(baseUrl.value, baseUrl.source);
  diagnostics.push(...parsed.diagnostics);
  if (!parsed.url) return { diagnostics };

  // Credentials inside the URL are the lowest block (D13).
  const hasAuth = (a: typeof auth) => Boolean(a.username || a.password || a.token);
  if (!hasAuth(auth) && (parsed.username || parsed.password)) {
    auth = {
      ...(parsed.username && { username: { value: parsed.username, source: baseUrl.source } }),
      ...(parsed.password && { password: { value: parsed.password, source: baseUrl.source } }),
    };
  }

  let authorization: Secret | undefined;
  let scheme: 'basic' | 'bearer' | undefined;
  let authSource: Source | undefined;
  if (auth.token && !auth.token.value.isEmpty) {
    if (auth.username || auth.password) {
      diagnostics.push(tokenAndBasic(auth.token.source));
    }
    const bad = checkCredential('token', auth.token.value.reveal(), auth.token.source);
    if (bad) diagnostics.push(bad);
    else {
      authorization = bearerAuthorization(auth.token.value);
      scheme = 'bearer';
      authSource = auth.token.source;
    }
  } else if (auth.username || auth.password) {
    const user = auth.username?.value ?? '';
    const pass = auth.password?.value.reveal() ?? '';
    const bad = [
      checkCredential('username', user, auth.username?.source),
      checkCredential('password', pass, auth.password?.source),
    ].filter((d): d is Diagnostic => d !== undefined);
    diagnostics.push(...bad);
    if (bad.length === 0) {
      authorization = basicAuthorization(user, pass);
      scheme = 'basic';
      authSource = (auth.username ?? auth.password)?.source;
    }
  }

  if (authorization && parsed.url.protocol === 'http:' && !isLoopback(parsed.url)) {
    diagnostics.push(
      diagnostic(
        'credentials-over-http',
        'warning',
        `Broker credentials (${scheme}) are sent over plain http to ${parsed.url.host}, where anyone on the network path can read them.`,
        { hint: 'Use an https:// base URL.', source: baseUrl.source },
      ),
    );
  }

  const loaded = loadTls(tlsLayers.settings, options.fs ?? defaultTlsFs(), os);
  diagnostics.push(...loaded.diagnostics);

  const connection = new BrokerConnection({
    baseUrl: parsed.url,
    authorization,
    scheme,
    username: auth.username?.value,
    tls: loaded.tls,
    sources: { baseUrl: baseUrl.source, ...(authSource && { auth: authSource }) },
  });
  return { connection, diagnostics };
}

function secretOf(v: Given<Secret> | string | undefined): Sourced<Secret> | undefined {
  if (typeof v === 'string') return v === '' ? undefined : sourced(new Secret(v));
  const s = sourced(v);
  return s && !s.value.isEmpty ? s : undefined;
}
