import {
  type Diagnostic,
  diagnostic,
  PactConfigError,
  Secret,
  type Source,
} from '@pact-config/env';

/** Control characters: C0, DEL and C1. No credential may hold one (RFC 7617 and 6750 forbid CTLs). */
function hasControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}
/** RFC 6750 `b64token`. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
/** A high surrogate not followed by a low one, or a low one not after a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Which credential a diagnostic is about. */
export type CredentialField = 'username' | 'password' | 'token';

/**
 * Checks one credential: no control characters (CR, LF, …), no half of a
 * UTF-16 surrogate pair (it has no UTF-8 form), no `:` in a username
 * (RFC 7617), a token in RFC 6750 `b64token` syntax. The diagnostic,
 * `credential-invalid`, names the field and never shows the value.
 */
export function checkCredential(
  field: CredentialField,
  value: string,
  source?: Source,
): Diagnostic | undefined {
  const fail = (why: string, hint: string) =>
    diagnostic('credential-invalid', 'error', `The broker ${field} ${why}; it is not sent.`, {
      hint,
      ...(source && { source }),
    });
  if (hasControl(value)) {
    return fail(
      'holds a control character (such as a line break)',
      `Check the ${field} for a stray newline or carriage return, e.g. from a file or a copy-paste.`,
    );
  }
  if (LONE_SURROGATE.test(value)) {
    return fail(
      'holds half of a UTF-16 surrogate pair, which has no UTF-8 form (it would be sent as U+FFFD)',
      `Check how the ${field} was built: it was cut in the middle of a character such as an emoji.`,
    );
  }
  if (field === 'username' && value.includes(':')) {
    return fail(
      "holds a ':', which Basic authentication cannot carry in a username (RFC 7617)",
      "Use a username without ':' (a password may hold one).",
    );
  }
  if (field === 'token' && !B64TOKEN.test(value)) {
    return fail(
      'is not a valid Bearer token (RFC 6750 b64token: letters, digits, -._~+/ and trailing =)',
      'Check the token for spaces, quotes or a "Bearer " prefix; set the token alone.',
    );
  }
  return undefined;
}

function reject(d: Diagnostic | undefined): void {
  if (d) throw new PactConfigError(d);
}

/**
 * The `Authorization` value for Basic authentication (RFC 7617): `Basic `
 * and the base64 of the UTF-8 bytes of `user:password`. Throws
 * `PactConfigError` (`credential-invalid`) for a username holding `:` or a
 * credential holding a control character.
 *
 * @example
 * ```ts
 * basicAuthorization('jörg', 'p:w').reveal(); // 'Basic asO2cmc6cDp3'
 * ```
 */
export function basicAuthorization(username: string, password: Secret | string): Secret {
  const pass = typeof password === 'string' ? password : password.reveal();
  reject(checkCredential('username', username));
  reject(checkCredential('password', pass));
  return new Secret(`Basic ${base64(`${username}:${pass}`)}`);
}

/**
 * The `Authorization` value for a Bearer token (RFC 6750). Throws
 * `PactConfigError` (`credential-invalid`) when the token is not a `b64token`.
 */
export function bearerAuthorization(token: Secret | string): Secret {
  const t = typeof token === 'string' ? token : token.reveal();
  reject(checkCredential('token', t));
  return new Secret(`Bearer ${t}`);
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * The warning for a token and a username/password both set (D12): the token
 * is used (Bearer), as the official Rust and Ruby broker clients do.
 */
export function tokenAndBasic(source: Source | undefined): Diagnostic {
  return diagnostic(
    'auth-token-and-basic',
    'warning',
    'A broker token and a username/password are both set; the token is used (Bearer).',
    { hint: 'Set either a token or a username and password, not both.', ...(source && { source }) },
  );
}
