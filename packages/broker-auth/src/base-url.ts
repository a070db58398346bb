import { type Diagnostic, diagnostic, Secret, type Source } from '@pact-config/env';

const PROTOCOL = /^https?:\/\//i;
// Greedy up to the last '@' before the path, as the WHATWG URL parser reads it: for
// http and https a backslash ends the host as a '/' does, so it ends the credentials too.
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#\\]*)@/i;
const MAX_SHOWN = 120;

/** The result of {@link parseBaseUrl}. */
export interface ParsedBaseUrl {
  /** The URL without credentials; `undefined` when the text is not a usable base URL. */
  readonly url?: URL;
  /** The text as written, with the credentials taken out (`https://u:p@h/x` gives `https://h/x`). */
  readonly text?: string;
  /** The username inside the URL, percent-decoded. */
  readonly username?: string;
  /** The password inside the URL, percent-decoded. */
  readonly password?: Secret;
  readonly diagnostics: readonly Diagnostic[];
}

/** Whether a base URL starts with `http://` or `https://` (RFC "Pact Broker": must include the protocol). */
export function hasProtocol(value: string): boolean {
  return PROTOCOL.test(value);
}

/** The `base-url-no-protocol` diagnostic. Only the text without credentials is shown. */
export function noProtocol(value: string, source?: Source, where?: string): Diagnostic {
  const shown = withoutCredentials(value).slice(0, MAX_SHOWN);
  return diagnostic(
    'base-url-no-protocol',
    'error',
    `The broker base URL '${shown}'${where ? ` in ${where}` : ''} does not start with http:// or https://; it is ignored.`,
    {
      hint: `Write the protocol, e.g. https://${shown.replace(/^[a-z]*:?\/*/i, '')}.`,
      ...(source && { source }),
    },
  );
}

/** The result of {@link checkBaseUrl}: {@link ParsedBaseUrl} without the `URL` object. */
export type CheckedBaseUrl = Omit<ParsedBaseUrl, 'url'>;

/**
 * Checks a broker base URL and takes the credentials out of it, as
 * {@link parseBaseUrl} does, without building the `URL` object: the same
 * `text`, `username`, `password` and diagnostics. For a loader that only
 * keeps the text (building a `URL` costs several times more than checking
 * that one parses).
 *
 * @example
 * ```ts
 * const r = checkBaseUrl('https://me:se%40cret@broker.example.com/pact-broker/');
 * r.text;                    // 'https://broker.example.com/pact-broker/'
 * r.username;                // 'me'
 * checkBaseUrl('https://exa mple.com').diagnostics[0]?.code; // 'base-url-invalid'
 * ```
 */
export function checkBaseUrl(raw: string, source?: Source): CheckedBaseUrl {
  if (!hasProtocol(raw)) return { diagnostics: [noProtocol(raw, source)] };
  const m = USERINFO.exec(raw);
  const text = m ? raw.replace(USERINFO, '$1') : raw;
  const invalid = (why: string): CheckedBaseUrl => ({
    diagnostics: [
      diagnostic('base-url-invalid', 'error', `The broker base URL ${why}; it is ignored.`, {
        hint: 'Write a full URL such as https://broker.example.com, with credentials percent-encoded (@ as %40, / as %2F, ? as %3F, # as %23).',
        ...(source && { source }),
      }),
    ],
  });
  // The URL parser silently drops tabs and newlines: refuse them (and every other control
  // character) instead, so nothing like `\r\nX-Header:` can ride along (D37).
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(raw))
    return invalid('holds a control character (a tab or a line break, say)');
  // An '@' left outside the credentials (D49) is most likely in a password with an
  // unencoded '/', '?' or '#', which the URL parser would read as a host, port, path or
  // fragment (`https://ci:2024#pw@host` is host `ci`, port 2024): refused, never shown.
  if (text.includes('@')) {
    return invalid(
      `'${withoutCredentials(text).slice(0, MAX_SHOWN)}' (credentials hidden) has an '@' outside its credentials`,
    );
  }
  // Whole and without its credentials, the text must parse.
  if ((m && !URL.canParse(raw)) || !URL.canParse(text)) {
    // No '@' is left in the text (D49 above), so no credentials are.
    return invalid(`'${text.slice(0, MAX_SHOWN)}' is not a URL`);
  }
  if (!m) return { text, diagnostics: [] };
  const info = m[2] ?? '';
  const colon = info.indexOf(':');
  let username: string;
  let password: string;
  try {
    username = decodeURIComponent(colon < 0 ? info : info.slice(0, colon));
    password = colon < 0 ? '' : decodeURIComponent(info.slice(colon + 1));
  } catch {
    return invalid(`'${text.slice(0, MAX_SHOWN)}' has credentials with a stray '%'`);
  }
  return {
    text,
    ...(username && { username }),
    ...(password && { password: new Secret(password) }),
    diagnostics: [],
  };
}

/**
 * Reads a broker base URL (RFC "Pact Broker"; decisions D13, D37). The
 * protocol must be `http://` or `https://` (`base-url-no-protocol`); a path
 * (`/pact-broker/`) and a port are kept. Credentials inside the URL are taken
 * out of it and percent-decoded (`se%40cret` is `se@cret`); explicit
 * credentials win over them (the caller layers them lowest). A URL that does
 * not parse, or credentials with a stray `%`, is `base-url-invalid`, a
 * diagnostic, never an exception; no message shows the credentials. The
 * checks are {@link checkBaseUrl}'s.
 *
 * @example
 * ```ts
 * const r = parseBaseUrl('https://me:se%40cret@broker.example.com:8443/pact-broker/');
 * r.url?.href;               // 'https://broker.example.com:8443/pact-broker/'
 * r.username;                // 'me'
 * r.password?.reveal();      // 'se@cret'
 * ```
 */
export function parseBaseUrl(raw: string, source?: Source): ParsedBaseUrl {
  const checked = checkBaseUrl(raw, source);
  if (checked.text === undefined) return checked;
  // It parses: checkBaseUrl said so.
  const url = new URL(checked.text);
  // Setting them re-serialises the URL: only when there is something to take out.
  if (url.username !== '' || url.password !== '') {
    url.username = '';
    url.password = '';
  }
  return { url, ...checked };
}

/**
 * The text with everything up to its last `@` taken out (after any `scheme://`), for
 * messages: a value that is not a usable URL may hold a password with a `/` or `?` in it,
 * so no `@` is trusted to be a path's.
 */
function withoutCredentials(value: string): string {
  return value.replace(/^([^/?#]*?\/\/)?.*@/s, '$1');
}

/** Whether a URL's host is the loopback: `localhost`, 127.0.0.0/8 or `::1`. */
export function isLoopback(url: URL): boolean {
  const h = url.hostname.toLowerCase();
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    h === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
  );
}
