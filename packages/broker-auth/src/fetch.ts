import type * as Http from 'node:http';
import type * as Https from 'node:https';
import type * as NodeTls from 'node:tls';
import { type Diagnostic, diagnostic, PactConfigError, runtimeInfo } from '@pact-config/env';
import type { BrokerConnection } from './connection.js';
import type { BrokerTls } from './tls.js';

/** Options of {@link brokerFetch}: a `RequestInit`, how many redirects to follow, and for how long. */
export interface BrokerFetchInit extends Omit<RequestInit, 'redirect' | 'client'> {
  /** Redirects followed before `broker-redirect-limit`; default 5. */
  readonly maxRedirects?: number;
  /**
   * How long each request (each hop of a redirect) may take, from sending it to the last
   * byte of the answer, before `broker-timeout`: milliseconds, default
   * {@link DEFAULT_BROKER_TIMEOUT_MS} (decision D48); `Infinity` (or anything over the
   * 24.8 days a timer can wait) for no limit.
   */
  readonly timeoutMs?: number;
}

/** The default of {@link BrokerFetchInit.timeoutMs}: 60 seconds (decision D48). */
export const DEFAULT_BROKER_TIMEOUT_MS = 60_000;

/** The transport: one request, no redirects followed, the whole body read. */
type Send = (url: URL, req: Outgoing, tls: BrokerTls) => Promise<Response>;
interface Outgoing {
  readonly method: string;
  readonly headers: Headers;
  readonly body: Uint8Array | undefined;
  readonly signal: AbortSignal | undefined;
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * Fetches from the broker with the connection's `Authorization` header and
 * TLS settings, by each runtime's own means: `node:https` on Node (its
 * `fetch` cannot take CAs or a client certificate without undici), Bun's
 * `fetch` with its `tls` option, and `fetch` with a `Deno.createHttpClient`
 * on Deno (Deno's `node:https` when verification is off, which
 * `createHttpClient` cannot do).
 *
 * Redirects are followed here, up to `maxRedirects`: `Authorization` is sent
 * only while every hop stays on the base URL's origin (scheme, host, port),
 * so a redirect elsewhere never carries the credentials. 303, and 301/302
 * after a POST, continue as a GET without a body.
 *
 * Resolves with the response for any HTTP status (see
 * {@link responseDiagnostic} for 401, 403 and a refused client
 * certificate); rejects with a `PactConfigError` when no response came:
 * `broker-tls-untrusted`, `broker-tls-client-cert`, `broker-unreachable`,
 * `broker-timeout` (no whole answer within `timeoutMs`, default 60 s), `broker-redirect-limit`.
 */
export async function brokerFetch(
  connection: BrokerConnection,
  pathOrUrl: string | URL,
  init: BrokerFetchInit = {},
): Promise<Response> {
  const send = transport();
  const origin = connection.baseUrl.origin;
  let url = typeof pathOrUrl === 'string' ? connection.url(pathOrUrl) : new URL(pathOrUrl.href);
  let method = (init.method ?? 'GET').toUpperCase();
  let body =
    init.body === undefined || init.body === null
      ? undefined
      : new Uint8Array(await new Response(init.body).arrayBuffer());
  const headers = new Headers(init.headers);
  if (!headers.has('accept')) headers.set('accept', 'application/hal+json, application/json');
  const authorization = headers.get('authorization') ?? connection.authorizationHeader();
  headers.delete('authorization');
  let sameOrigin = true;
  const limit = init.maxRedirects ?? 5;
  const timeoutMs = init.timeoutMs ?? DEFAULT_BROKER_TIMEOUT_MS;
  if (!(timeoutMs > 0)) {
    throw new RangeError(
      `brokerFetch: timeoutMs must be a positive number of milliseconds or Infinity, not ${String(timeoutMs)}.`,
    );
  }

  for (let hop = 0; ; hop++) {
    sameOrigin &&= url.origin === origin;
    const h = new Headers(headers);
    if (authorization !== undefined && sameOrigin) h.set('authorization', authorization);
    let res: Response;
    const limitHop = deadline(init.signal ?? undefined, timeoutMs);
    try {
      res = await send(url, { method, headers: h, body, signal: limitHop.signal }, connection.tls);
    } catch (e) {
      if (limitHop.timedOut()) {
        throw withCause(new PactConfigError(timeoutDiagnostic(url, timeoutMs)), e);
      }
      if ((e as { name?: string } | null)?.name === 'AbortError') throw e;
      throw withCause(new PactConfigError(networkDiagnostic(e, url, connection)), e);
    } finally {
      limitHop.clear();
    }
    const location = res.headers.get('location');
    if (!REDIRECT.has(res.status) || location === null) {
      return finish(res, url, hop > 0);
    }
    if (hop >= limit) {
      throw new PactConfigError(
        diagnostic(
          'broker-redirect-limit',
          'error',
          `The broker redirected more than ${limit} times (last from ${url.href}).`,
          { hint: 'Check the base URL, and any proxy in front of the broker.' },
        ),
      );
    }
    const next = new URL(location, url);
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
      method = method === 'HEAD' ? 'HEAD' : 'GET';
      body = undefined;
      headers.delete('content-type');
      headers.delete('content-length');
    }
    url = next;
  }
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A signal that aborts when `outer` does, or after `ms` (then `timedOut()` says so). The
 * timer is cleared by `clear()`, so a finished request keeps no timer (nor the process) alive.
 */
function deadline(
  outer: AbortSignal | undefined,
  ms: number,
): { signal: AbortSignal | undefined; timedOut(): boolean; clear(): void } {
  // Timers cannot wait longer than 2^31 - 1 ms (about 24.8 days; a longer delay fires at
  // once): a limit that long is no limit.
  if (ms > MAX_TIMER_MS) return { signal: outer, timedOut: () => false, clear() {} };
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort();
  }, ms);
  const follow = () => controller.abort(outer?.reason);
  if (outer?.aborted) follow();
  else outer?.addEventListener('abort', follow, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => expired,
    clear() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', follow);
    },
  };
}

/** `broker-timeout`: no whole answer within the time allowed (D48). */
function timeoutDiagnostic(url: URL, ms: number): Diagnostic {
  return diagnostic(
    'broker-timeout',
    'error',
    `No answer from ${url.origin} within ${ms} ms (${url.pathname}); the request was given up.`,
    {
      hint: 'Check that the broker is up and reachable (and any proxy on the way); for a slow broker, raise timeoutMs.',
    },
  );
}

/**
 * The diagnostic for a response that says the connection was refused:
 * `broker-auth-rejected` for 401 and 403 (naming the scheme sent, never the
 * credentials), `broker-tls-client-cert` for a client certificate the server
 * did not take (nginx answers 400 "No required SSL certificate was sent" or
 * "The SSL certificate error"; 495 and 496). `undefined` otherwise. Reads a
 * clone, so the response's body is left unread.
 */
export async function responseDiagnostic(
  response: Response,
  connection?: BrokerConnection,
): Promise<Diagnostic | undefined> {
  const where = response.url || connection?.baseUrl.href || 'the broker';
  if (response.status === 401 || response.status === 403) {
    const sent = connection?.scheme
      ? `${connection.scheme === 'bearer' ? 'Bearer token' : `Basic credentials${connection.username !== undefined ? ` for '${connection.username}'` : ''}`}`
      : 'no credentials';
    return diagnostic(
      'broker-auth-rejected',
      'error',
      `The broker at ${where} answered ${response.status} ${response.status === 401 ? 'Unauthorized' : 'Forbidden'} to the ${sent}.`,
      {
        hint: connection?.scheme
          ? 'Check PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD (or [broker] auth).'
          : 'Set PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD.',
      },
    );
  }
  let clientCert = response.status === 495 || response.status === 496;
  if (response.status === 400 && !clientCert) {
    const text = await response
      .clone()
      .text()
      .catch(() => '');
    clientCert = /SSL certificate/i.test(text.slice(0, 2000));
  }
  if (clientCert) return clientCertDiagnostic(where, connection, `it answered ${response.status}`);
  return undefined;
}

function clientCertDiagnostic(
  where: string,
  connection: BrokerConnection | undefined,
  how: string,
): Diagnostic {
  const sent = connection?.tls.cert !== undefined;
  return diagnostic(
    'broker-tls-client-cert',
    'error',
    `The broker at ${where} refused the connection's client certificate (${sent ? 'the certificate sent was not accepted' : 'none was sent'}; ${how}).`,
    {
      hint: sent
        ? 'Check that X509_CLIENT_CERT_FILE holds a certificate the broker trusts, and X509_CLIENT_KEY_FILE its key.'
        : 'Set X509_CLIENT_CERT_FILE and X509_CLIENT_KEY_FILE (or client-cert-file and client-key-file in [broker.tls]).',
    },
  );
}

function networkDiagnostic(e: unknown, url: URL, connection: BrokerConnection): Diagnostic {
  const text = describeError(e);
  if (
    /CERT|certificate verify|self[- ]signed|unable to (verify|get local issuer)|invalid peer certificate|UnknownIssuer|NotValidForName|altname|Hostname\/IP does not match|unknown certificate|issuer/i.test(
      text,
    ) &&
    !/alert/i.test(text)
  ) {
    return diagnostic(
      'broker-tls-untrusted',
      'error',
      `The TLS certificate of ${url.origin} is not trusted (${text}).`,
      {
        hint: 'Add the CA that signed it with SSL_CERT_FILE or SSL_CERT_DIR (or ca-file / ca-dir in [broker.tls]); check the host name in the base URL.',
      },
    );
  }
  if (
    /alert|CertificateRequired|BadCertificate|UnknownCA|certificate required|handshake failure/i.test(
      text,
    )
  ) {
    return clientCertDiagnostic(url.origin, connection, `the TLS handshake failed: ${text}`);
  }
  return diagnostic('broker-unreachable', 'error', `No response from ${url.origin} (${text}).`, {
    hint: 'Check the base URL, that the broker is running, and any proxy on the way.',
  });
}

function describeError(e: unknown): string {
  const parts: string[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    const o = cur as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof o.code === 'string') parts.push(o.code);
    if (typeof o.message === 'string' && o.message) parts.push(o.message);
    cur = o.cause;
  }
  const text = [...new Set(parts)].join(': ') || String(e);
  return text.slice(0, 400);
}

function withCause<E extends Error>(error: E, cause: unknown): E {
  Object.defineProperty(error, 'cause', { value: cause, configurable: true, writable: true });
  return error;
}

/** A response with `url` and `redirected` set, as `fetch` gives them. */
function finish(res: Response, url: URL, redirected: boolean): Response {
  Object.defineProperty(res, 'url', { value: url.href });
  Object.defineProperty(res, 'redirected', { value: redirected });
  return res;
}

interface NetModules {
  readonly http: typeof Http;
  readonly https: typeof Https;
  readonly nodeTls: typeof NodeTls;
}
let net: Promise<NetModules> | undefined;

/**
 * The runtime's HTTP and TLS modules, loaded on the first request, so that
 * importing this package (or the facade) loads no network code.
 */
function loadNet(): Promise<NetModules> {
  net ??= Promise.all([import('node:http'), import('node:https'), import('node:tls')]).then(
    ([http, https, nodeTls]) => ({ http, https, nodeTls }),
  );
  return net;
}

function transport(): Send {
  const runtime = runtimeInfo().name;
  if (runtime === 'bun') return bunSend;
  if (runtime === 'deno') return denoSend;
  return nodeSend;
}

/** Node (and Deno with verification off): `node:https` with the TLS options, whole body read. */
const nodeSend: Send = async (url, req, tls) => {
  const { http, https, nodeTls } = await loadNet();
  return new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const options: Https.RequestOptions = {
      method: req.method,
      headers: Object.fromEntries(req.headers),
      agent: false,
      ...(req.signal && { signal: req.signal }),
      ...(secure && {
        ...(tls.ca.length > 0 && { ca: [...nodeTls.rootCertificates, ...tls.ca] }),
        ...(tls.cert && tls.key && { cert: tls.cert, key: tls.key.reveal() }),
        rejectUnauthorized: tls.verify,
      }),
    };
    const request = (secure ? https : http).request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const headers = new Headers();
        const raw = res.rawHeaders;
        for (let i = 0; i + 1 < raw.length; i += 2)
          headers.append(raw[i] as string, raw[i + 1] as string);
        const status = res.statusCode ?? 500;
        resolve(
          new Response(
            NULL_BODY.has(status) || req.method === 'HEAD' ? null : Buffer.concat(chunks),
            {
              status,
              statusText: res.statusMessage ?? '',
              headers,
            },
          ),
        );
      });
    });
    request.on('error', reject);
    request.end(req.body);
  });
};

interface BunTlsOptions {
  ca?: string[];
  cert?: string;
  key?: string;
  rejectUnauthorized?: boolean;
}

/** Bun: its `fetch`, with the `tls` option. */
const bunSend: Send = async (url, req, tls) => {
  const { nodeTls } = await loadNet();
  const bunTls: BunTlsOptions = { rejectUnauthorized: tls.verify };
  if (tls.ca.length > 0) bunTls.ca = [...nodeTls.rootCertificates, ...tls.ca];
  if (tls.cert && tls.key) {
    bunTls.cert = tls.cert;
    bunTls.key = tls.key.reveal();
  }
  const init = {
    method: req.method,
    headers: req.headers,
    redirect: 'manual',
    ...(req.body && { body: req.body }),
    ...(req.signal && { signal: req.signal }),
    ...(url.protocol === 'https:' && { tls: bunTls }),
  } as RequestInit;
  const res = await fetch(url, init);
  // The whole body is read here, as by the other transports, so the time limit covers it.
  const body = NULL_BODY.has(res.status) ? null : await res.arrayBuffer();
  return new Response(body, {
    status: res.status,
    statusText: res.statusText,
    headers: res.headers,
  });
};

interface DenoHttpClient {
  close(): void;
}
interface DenoApi {
  createHttpClient(options: { caCerts?: string[]; cert?: string; key?: string }): DenoHttpClient;
}

/** Deno: `fetch` with a `Deno.createHttpClient` (extra CAs are added to Deno's own roots). */
const denoSend: Send = async (url, req, tls) => {
  if (url.protocol === 'https:' && !tls.verify) return nodeSend(url, req, tls);
  const deno = (globalThis as unknown as { Deno: DenoApi }).Deno;
  const client =
    url.protocol === 'https:'
      ? deno.createHttpClient({
          ...(tls.ca.length > 0 && { caCerts: [...tls.ca] }),
          ...(tls.cert && tls.key && { cert: tls.cert, key: tls.key.reveal() }),
        })
      : undefined;
  try {
    const res = await fetch(url, {
      method: req.method,
      headers: req.headers,
      redirect: 'manual',
      ...(req.body && { body: req.body }),
      ...(req.signal && { signal: req.signal }),
      ...(client && { client }),
    } as RequestInit);
    // The client is closed here, so the body is read first.
    const body = NULL_BODY.has(res.status) ? null : await res.arrayBuffer();
    return new Response(body, {
      status: res.status,
      statusText: res.statusText,
      headers: res.headers,
    });
  } finally {
    client?.close();
  }
};
