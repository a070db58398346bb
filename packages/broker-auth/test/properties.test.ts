import { PactConfigError, Secret } from '@pact-config/env';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  basicAuthorization,
  bearerAuthorization,
  checkCredential,
  resolveBrokerConnection,
} from '../src/index.js';

// RFC "Pact Broker": Basic per RFC 7617 (UTF-8), Bearer per RFC 6750. For any credentials
// of arbitrary Unicode, the header decodes back to exactly the inputs, or the input is
// rejected with a diagnostic and no header is made.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is rejected
const CONTROL = /[\u0000-\u001f\u007f]/;
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const text = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.string());

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** What UTF-8 can carry of a string: a lone surrogate becomes U+FFFD, as TextEncoder does. */
const wellFormed = (s: string) => s.replace(LONE_SURROGATE, '\uFFFD');

function decodeBasic(header: string): string {
  expect(header.startsWith('Basic ')).toBe(true);
  return new TextDecoder('utf-8', { fatal: true }).decode(
    Uint8Array.from(atob(header.slice(6)), (c) => c.charCodeAt(0)),
  );
}

describe('Authorization headers round-trip, or are refused', () => {
  it('Basic: user:password comes back exactly, or credential-invalid', () => {
    fc.assert(
      fc.property(text, text, (user, password) => {
        const ok = !CONTROL.test(user) && !CONTROL.test(password) && !user.includes(':');
        if (ok && wellFormed(user) === user && wellFormed(password) === password) {
          const header = basicAuthorization(user, new Secret(password)).reveal();
          expect(decodeBasic(header)).toBe(`${user}:${password}`);
        } else if (!ok) {
          expect(() => basicAuthorization(user, password)).toThrow(PactConfigError);
          const d = [checkCredential('username', user), checkCredential('password', password)].find(
            Boolean,
          );
          expect(d?.code).toBe('credential-invalid');
          // A password long enough to be told apart from the message's own words never shows.
          if (password.length >= 8) expect(`${d?.message} ${d?.hint}`).not.toContain(password);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('Bearer: the token comes back exactly when it is an RFC 6750 b64token, else credential-invalid', () => {
    const token = fc.oneof(text, fc.stringMatching(B64TOKEN));
    fc.assert(
      fc.property(token, (t) => {
        if (B64TOKEN.test(t)) {
          expect(bearerAuthorization(t).reveal()).toBe(`Bearer ${t}`);
        } else {
          expect(() => bearerAuthorization(t)).toThrow(PactConfigError);
          expect(checkCredential('token', t)?.code).toBe('credential-invalid');
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a connection sends the header that round-trips, or none, and says why', () => {
    fc.assert(
      fc.property(text, text, (user, password) => {
        const { connection, diagnostics } = resolveBrokerConnection({
          baseUrl: 'https://broker.example',
          auth: { username: user, password: new Secret(password) },
        });
        const header = connection?.authorizationHeader();
        if (header === undefined) {
          expect(diagnostics.map((d) => d.code)).toContain('credential-invalid');
        } else {
          expect(decodeBasic(header)).toBe(wellFormed(`${user}:${password}`));
        }
        expect(JSON.stringify(connection) ?? '').not.toContain(`:${password}@`);
      }),
      { numRuns: 200 },
    );
  });
});
