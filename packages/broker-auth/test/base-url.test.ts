// RFC "Pact Broker": PACT_BROKER_BASE_URL "must include the protocol (http/https), port if
// non-standard, and path if not at the root of the domain"; it "may contain a username and
// password". Decisions D13 and D37.
import { describe, expect, it } from 'vitest';
import { checkBaseUrl, hasProtocol, isLoopback, parseBaseUrl } from '../src/index.js';

describe('parseBaseUrl (RFC "Pact Broker": the base URL)', () => {
  it.each([
    ['https://pact-broker.local.company.com:9292', 'https://pact-broker.local.company.com:9292/'],
    ['http://localhost:9292/pact-broker/', 'http://localhost:9292/pact-broker/'],
    ['http://localhost:9292/pact-broker', 'http://localhost:9292/pact-broker'],
    ['https://[::1]:8443/broker/', 'https://[::1]:8443/broker/'],
    ['HTTPS://Broker.Example.com', 'https://broker.example.com/'],
  ])('keeps the path and the port: %s', (raw, href) => {
    const r = parseBaseUrl(raw);
    expect(r.diagnostics).toEqual([]);
    expect(r.url?.href).toBe(href);
    expect(r.text).toBe(raw);
    expect(r.username).toBeUndefined();
  });

  it('takes the RFC example credentials out of the URL (https://user:password@localhost:12345)', () => {
    const r = parseBaseUrl('https://user:password@localhost:12345');
    expect(r.url?.href).toBe('https://localhost:12345/');
    expect(r.text).toBe('https://localhost:12345');
    expect(r.username).toBe('user');
    expect(r.password?.reveal()).toBe('password');
    expect(r.url?.username).toBe('');
    expect(r.url?.password).toBe('');
  });

  it('percent-decodes the credentials (D13): se%40cret is se@cret, j%C3%B6rg is jörg', () => {
    const r = parseBaseUrl('https://j%C3%B6rg:se%40cret%3Ax@broker.example.com/pact/');
    expect(r.username).toBe('jörg');
    expect(r.password?.reveal()).toBe('se@cret:x');
    expect(r.url?.href).toBe('https://broker.example.com/pact/');
  });

  it('reads up to the last @ before the path, as the WHATWG URL parser does', () => {
    const r = parseBaseUrl('https://u:p@ss@broker.example.com/x');
    expect(r.username).toBe('u');
    expect(r.password?.reveal()).toBe('p@ss');
    expect(r.url?.host).toBe('broker.example.com');
  });

  it('a username alone, or a password alone, is kept as given', () => {
    expect(parseBaseUrl('https://me@h/').username).toBe('me');
    expect(parseBaseUrl('https://me@h/').password).toBeUndefined();
    const p = parseBaseUrl('https://:tok@h/');
    expect(p.username).toBeUndefined();
    expect(p.password?.reveal()).toBe('tok');
  });

  it('a stray % in the credentials is base-url-invalid, a diagnostic that never shows them', () => {
    const source = { kind: 'env', name: 'PACT_BROKER_BASE_URL' } as const;
    const r = parseBaseUrl('https://me:canary%zz@broker.example.com', source);
    expect(r.url).toBeUndefined();
    expect(r.diagnostics).toMatchObject([{ code: 'base-url-invalid', severity: 'error', source }]);
    expect(JSON.stringify(r.diagnostics)).not.toContain('canary');
    expect(r.diagnostics[0]?.message).toContain('https://broker.example.com');
  });

  it.each([
    ['broker.example.com'],
    ['localhost:9292'],
    ['ftp://broker.example.com'],
    ['//broker.example.com'],
  ])(
    'no http:// or https:// protocol is base-url-no-protocol (RFC: must include the protocol): %s',
    (raw) => {
      const r = parseBaseUrl(raw);
      expect(r.url).toBeUndefined();
      expect(r.diagnostics).toMatchObject([{ code: 'base-url-no-protocol', severity: 'error' }]);
      expect(hasProtocol(raw)).toBe(false);
    },
  );

  it('the no-protocol message does not show credentials either', () => {
    const r = parseBaseUrl('me:canary@broker.example.com');
    expect(r.diagnostics[0]?.code).toBe('base-url-no-protocol');
    expect(JSON.stringify(r.diagnostics)).not.toContain('canary');
    // A password with a '/', '?' or a line break in it is taken out too.
    for (const raw of [
      'ftp://me:can/ary@broker.example.com',
      'me:can?ary@b.example',
      'me:can\nary@b',
    ]) {
      const d = parseBaseUrl(raw).diagnostics;
      expect(d.map((x) => x.code)).toEqual(['base-url-no-protocol']);
      expect(JSON.stringify(d)).not.toMatch(/can|ary/);
    }
  });

  it('a URL that does not parse never shows the password, even one with a / or ? in it', () => {
    for (const raw of ['https://me:can/ary@broker.example.com', 'https://me:can?ary@b.example:x']) {
      const d = parseBaseUrl(raw).diagnostics;
      expect(d.map((x) => x.code)).toEqual(['base-url-invalid']);
      expect(d[0]?.message).toContain("(credentials hidden) has an '@' outside its credentials");
      expect(JSON.stringify(d)).not.toMatch(/can|ary/);
    }
  });

  it.each([
    // Each parses as a URL, with a piece of the password as its port, path, query or fragment.
    ['https://ci:2024#canary@broker.example.com'],
    ['https://ci:1234/canary@broker.example.com'],
    ['https://tok/canary@broker.example.com'],
    ['https://ci:canary@broker.example.com/path@x'],
    // For http and https the URL parser ends the host at a backslash as at a '/': host `ci`.
    ['https://ci\\canary@broker.example.com'],
    ['https://ci:1234\\canary@broker.example.com'],
  ])(
    'an @ outside the credentials is base-url-invalid, never a URL with the password in it (D49): %s',
    (raw) => {
      const r = parseBaseUrl(raw);
      expect(r.url).toBeUndefined();
      expect(r.text).toBeUndefined();
      expect(r.diagnostics.map((d) => d.code)).toEqual(['base-url-invalid']);
      expect(JSON.stringify(r.diagnostics)).not.toContain('canary');
      expect(r.diagnostics[0]?.hint).toContain('%40');
    },
  );

  it('a URL that does not parse is base-url-invalid', () => {
    expect(parseBaseUrl('https://exa mple.com').diagnostics).toMatchObject([
      { code: 'base-url-invalid' },
    ]);
    expect(parseBaseUrl('http://[::1').diagnostics).toMatchObject([{ code: 'base-url-invalid' }]);
  });
});

describe('isLoopback', () => {
  it.each([
    ['http://localhost:9292', true],
    ['http://127.0.0.1', true],
    ['http://127.8.9.10:1', true],
    ['http://[::1]:9292/', true],
    ['http://app.localhost', true],
    ['http://128.0.0.1', false],
    ['http://broker.example.com', false],
    ['http://[::2]', false],
    ['http://localhost.example.com', false],
  ])('%s → %s', (u, want) => {
    expect(isLoopback(new URL(u))).toBe(want);
  });
});

describe('control characters in a base URL (D37)', () => {
  it.each([
    'https://broker.example/\r\nX-Evil: 1',
    'https://broker\n.example',
    'https://broker.example\n',
    'https://bro\tker.example',
    'https://u:p\u0000w@broker.example',
  ])('%j is base-url-invalid, never a URL with the character dropped', (raw) => {
    const r = parseBaseUrl(raw);
    expect(r.url).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['base-url-invalid']);
    expect(r.diagnostics[0]?.message).not.toMatch(/[\r\n\t]/);
  });
});

describe('checkBaseUrl: parseBaseUrl without building the URL (D13, D37)', () => {
  // Every kind of input the tests above use: valid, with credentials, without a protocol,
  // not a URL, a stray %, control characters, and a whole URL that does not parse although
  // the text without its credentials would.
  it.each([
    'https://pact-broker.local.company.com:9292',
    'HTTPS://Broker.Example.com',
    'https://[::1]:8443/broker/',
    'https://user:password@localhost:12345',
    'https://j%C3%B6rg:se%40cret%3Ax@broker.example.com/pact/',
    'https://u:p@ss@broker.example.com/x',
    'https://me@h/',
    'https://:tok@h/',
    'https://me:canary%zz@broker.example.com',
    'broker.example.com',
    'ftp://broker.example.com',
    'https://exa mple.com',
    'http://[::1',
    'https://u:p\u0000w@broker.example',
    'https://broker.example/\r\nX-Evil: 1',
    'https://us er:pw@broker.example.com',
    'https://broker.example.com:99999/',
    // The URL parser ends the authority at a backslash, so this whole URL has the port
    // 'pa', which does not parse; without its credentials it would.
    'https://user:pa\\ss@broker.example.com',
  ])('gives what parseBaseUrl gives, but the URL: %j', (raw) => {
    const source = { kind: 'env', name: 'PACT_BROKER_BASE_URL' } as const;
    const { url, ...parsed } = parseBaseUrl(raw, source);
    const checked = checkBaseUrl(raw, source);
    expect(checked).not.toHaveProperty('url');
    expect({ ...checked, password: checked.password?.reveal() }).toEqual({
      ...parsed,
      password: parsed.password?.reveal(),
    });
    // A text comes with a URL, and only then.
    expect(checked.text === undefined).toBe(url === undefined);
  });

  it('a port out of range is base-url-invalid; a space in the credentials is percent-encoded, so valid', () => {
    expect(checkBaseUrl('https://user:pa\\ss@broker.example.com').diagnostics).toMatchObject([
      { code: 'base-url-invalid' },
    ]);
    expect(checkBaseUrl('https://broker.example.com:99999/').diagnostics).toMatchObject([
      { code: 'base-url-invalid' },
    ]);
    const r = checkBaseUrl('https://us er:pw@broker.example.com');
    expect(r.diagnostics).toEqual([]);
    expect(r.text).toBe('https://broker.example.com');
    expect(r.username).toBe('us er');
  });
});
