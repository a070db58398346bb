// RFC "Pact Broker": PACT_BROKER_USERNAME/PASSWORD "must" perform Basic authorisation (RFC 7617),
// PACT_BROKER_TOKEN "must" perform Bearer authorisation (RFC 6750).
import { PactConfigError, Secret } from '@pact-config/env';
import { describe, expect, it } from 'vitest';
import { basicAuthorization, bearerAuthorization, checkCredential } from '../src/index.js';

const decode = (header: string) =>
  new TextDecoder().decode(
    Uint8Array.from(atob(header.replace(/^Basic /, '')), (c) => c.charCodeAt(0)),
  );

describe('basicAuthorization (RFC 7617, UTF-8)', () => {
  it('is Basic and the base64 of the UTF-8 bytes of user:pass', () => {
    expect(basicAuthorization('Aladdin', 'open sesame').reveal()).toBe(
      'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==',
    );
    expect(basicAuthorization('jörg', 'geheim').reveal()).toBe('Basic asO2cmc6Z2VoZWlt');
    expect(decode(basicAuthorization('jörg', new Secret('pässwörd')).reveal())).toBe(
      'jörg:pässwörd',
    );
  });

  it('a password may hold a colon; the value is a Secret', () => {
    const h = basicAuthorization('pact', 'a:b:c');
    expect(decode(h.reveal())).toBe('pact:a:b:c');
    expect(String(h)).toBe('[redacted]');
  });

  it('a username holding a colon is rejected: credential-invalid', () => {
    expect(() => basicAuthorization('a:b', 'x')).toThrow(PactConfigError);
    try {
      basicAuthorization('a:b', 'x');
    } catch (e) {
      expect((e as PactConfigError).code).toBe('credential-invalid');
    }
  });

  it.each(['pass\r\nX-Injected: 1', 'line\n', 'tab\there', 'nul\u0000', 'del\u007f', 'c1\u0085'])(
    'a control character in the password is rejected without showing it (%j)',
    (pw) => {
      try {
        basicAuthorization('pact', `canary${pw}`);
        expect.unreachable();
      } catch (e) {
        expect((e as PactConfigError).code).toBe('credential-invalid');
        expect((e as Error).message).not.toContain('canary');
        expect((e as Error).message).toContain('password');
      }
    },
  );
});

describe('half a surrogate pair has no UTF-8 form: credential-invalid, not a silent U+FFFD', () => {
  it.each(['\uD83D', 'x\uDE00', '\uDE00\uD83D'])('%j', (half) => {
    for (const field of ['username', 'password'] as const) {
      expect(checkCredential(field, `canary${half}`)?.code).toBe('credential-invalid');
    }
    expect(() => basicAuthorization('pact', `canary${half}`)).toThrow(PactConfigError);
    expect(() => basicAuthorization('pact', `canary${half}`)).toThrow(/surrogate/);
    expect(checkCredential('password', `canary${half}`)?.message).not.toContain('canary');
  });

  it('a whole pair (an emoji) is fine', () => {
    expect(checkCredential('password', 'p\uD83D\uDE00w')).toBeUndefined();
    expect(basicAuthorization('u', 'p\u{1F600}w').reveal()).toBe(
      `Basic ${Buffer.from('u:p\u{1F600}w').toString('base64')}`,
    );
  });
});

describe('bearerAuthorization (RFC 6750 b64token)', () => {
  it.each(['abc', 'bWF0Y2hpbmc.abc_~+/=', 'A-Z.0_9~+/==', 'eyJhbGciOi.eyJzdWIi.SflKxw'])(
    'accepts %s',
    (t) => {
      expect(bearerAuthorization(t).reveal()).toBe(`Bearer ${t}`);
      expect(bearerAuthorization(new Secret(t)).reveal()).toBe(`Bearer ${t}`);
    },
  );

  it.each(['has space', 'Bearer abc', 'a=b', '"quoted"', 'tök', 'abc\n', 'abc\r\nX: y', ''])(
    'rejects %j with credential-invalid, never showing it',
    (t) => {
      expect(checkCredential('token', t)?.code).toBe('credential-invalid');
      let error: unknown;
      try {
        bearerAuthorization(`canary${t}`);
      } catch (e) {
        error = e;
      }
      if (t === '') return; // 'canary' alone is a valid token
      expect(error).toBeInstanceOf(PactConfigError);
      expect((error as Error).message).not.toContain('canary');
    },
  );
});

describe('checkCredential', () => {
  it('names the field and its source, not the value', () => {
    const source = { kind: 'env', name: 'PACT_BROKER_USERNAME' } as const;
    const d = checkCredential('username', 'canary\n', source);
    expect(d).toMatchObject({ code: 'credential-invalid', severity: 'error', source });
    expect(d?.message).toContain('username');
    expect(JSON.stringify(d)).not.toContain('canary');
  });
  it('an ordinary UTF-8 username is fine', () => {
    expect(checkCredential('username', 'jörg')).toBeUndefined();
    expect(checkCredential('password', 'p@ss:wörd with spaces')).toBeUndefined();
  });
});
