// RFC "Pact Broker" (variables, Basic and Bearer) and the [broker] table; decisions D12, D13,
// D14, D22 and D42–D47 (conformance/DECISIONS.md).
import { inspect } from 'node:util';
import { memoryFs, Secret } from '@pact-config/env';
import { describe, expect, it } from 'vitest';
import { BrokerConnection, resolveBrokerConnection, type TlsFs } from '../src/index.js';

const CERT = (n: string) => `-----BEGIN CERTIFICATE-----\nMII${n}\n-----END CERTIFICATE-----\n`;
const KEY = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIcanarykey\n-----END EC PRIVATE KEY-----\n';
const RSA_KEY = '-----BEGIN RSA PRIVATE KEY-----\nMIIEcanaryrsa\n-----END RSA PRIVATE KEY-----\n';

function fs(files: Record<string, string>, dirs: string[] = []): TlsFs {
  const base = memoryFs(files, { dirs });
  return {
    ...base,
    readdirSync: (dir: string) =>
      Object.keys(files)
        .filter((f) => f.startsWith(`${dir.replace(/\/$/, '')}/`))
        .map((f) => f.slice(dir.replace(/\/$/, '').length + 1))
        .filter((f) => !f.includes('/')),
  };
}
const files = fs(
  {
    '/env/ca.pem': CERT('ENVCA'),
    '/file/ca.pem': CERT('FILECA') + CERT('FILECA2'),
    '/cadir/a.pem': CERT('DIRA'),
    '/cadir/b.crt': CERT('DIRB'),
    '/cadir/readme.txt': 'not a certificate',
    '/env/client.pem': CERT('ENVCLIENT'),
    '/env/client.key': KEY,
    '/file/client.pem': CERT('FILECLIENT'),
    '/file/client.key': RSA_KEY,
    '/bad/not-pem.pem': 'hello',
    '/bad/encrypted.key':
      '-----BEGIN ENCRYPTED PRIVATE KEY-----\nxx\n-----END ENCRYPTED PRIVATE KEY-----\n',
  },
  ['/a-directory'],
);
const codes = (r: { diagnostics: readonly { code: string }[] }) => r.diagnostics.map((d) => d.code);

describe('resolveBrokerConnection: base URL and auth (RFC "Pact Broker")', () => {
  it('reads the RFC variables: a token is Bearer', () => {
    const r = resolveBrokerConnection({
      env: { PACT_BROKER_BASE_URL: 'https://broker.example.com/pact/', PACT_BROKER_TOKEN: 'tok' },
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.connection?.scheme).toBe('bearer');
    expect(r.connection?.authorizationHeader()).toBe('Bearer tok');
    expect(r.connection?.baseUrl.href).toBe('https://broker.example.com/pact/');
    expect(r.connection?.sources.auth).toEqual({ kind: 'env', name: 'PACT_BROKER_TOKEN' });
  });

  it('username and password are Basic (RFC 7617), UTF-8', () => {
    const r = resolveBrokerConnection({
      baseUrl: 'https://h',
      auth: { username: 'jörg', password: 'pa:ss' },
    });
    expect(r.connection?.scheme).toBe('basic');
    expect(r.connection?.authorizationHeader()).toBe(`Basic ${btoa('j\u00c3\u00b6rg:pa:ss')}`);
    expect(r.connection?.username).toBe('jörg');
  });

  it('token and basic both set: the token wins, auth-token-and-basic (D12)', () => {
    const r = resolveBrokerConnection({
      env: {
        PACT_BROKER_BASE_URL: 'https://h',
        PACT_BROKER_USERNAME: 'u',
        PACT_BROKER_PASSWORD: 'p',
        PACT_BROKER_TOKEN: 't',
      },
    });
    expect(r.connection?.scheme).toBe('bearer');
    expect(r.diagnostics).toMatchObject([{ code: 'auth-token-and-basic', severity: 'warning' }]);
  });

  it('credentials in the URL are used when nothing else is set (D13)', () => {
    const r = resolveBrokerConnection({ baseUrl: 'https://me:se%40cret@h/b/' });
    expect(r.connection?.baseUrl.href).toBe('https://h/b/');
    expect(r.connection?.authorizationHeader()).toBe(`Basic ${btoa('me:se@cret')}`);
  });

  it('explicit variables win over URL credentials, the auth block whole (D13, D14)', () => {
    const r = resolveBrokerConnection({
      baseUrl: 'https://me:urlpass@h/',
      env: { PACT_BROKER_TOKEN: 'tok' },
    });
    expect(r.connection?.scheme).toBe('bearer');
    expect(r.diagnostics).toEqual([]);
    const f = resolveBrokerConnection({
      baseUrl: 'https://me:urlpass@h/',
      auth: { username: 'other' },
    });
    expect(f.connection?.authorizationHeader()).toBe(`Basic ${btoa('other:')}`);
  });

  it('the environment block replaces the given block whole (D14), URL over given URL', () => {
    const r = resolveBrokerConnection({
      baseUrl: { value: 'https://file', source: { kind: 'local', file: '/p/pact.toml', line: 2 } },
      auth: { token: new Secret('filetoken') },
      env: {
        PACT_BROKER_BASE_URL: 'https://env/',
        PACT_BROKER_USERNAME: 'u',
        PACT_BROKER_PASSWORD: 'p',
      },
    });
    expect(r.connection?.baseUrl.host).toBe('env');
    expect(r.connection?.scheme).toBe('basic');
    expect(r.diagnostics).toEqual([]);
  });

  it('a raw string URL gets the same treatment as toml-config: stray % is base-url-invalid', () => {
    const r = resolveBrokerConnection({ baseUrl: 'https://me:canary%@h' });
    expect(r.connection).toBeUndefined();
    expect(codes(r)).toEqual(['base-url-invalid']);
    expect(JSON.stringify(r.diagnostics)).not.toContain('canary');
  });

  it('no base URL: base-url-missing, no connection; no protocol: base-url-no-protocol', () => {
    expect(codes(resolveBrokerConnection({}))).toEqual(['base-url-missing']);
    expect(codes(resolveBrokerConnection({ baseUrl: 'broker:9292' }))).toEqual([
      'base-url-no-protocol',
    ]);
  });

  it.each([
    ['username', { username: 'a:b', password: 'p' }],
    ['username', { username: 'canary\nx', password: 'p' }],
    ['password', { username: 'u', password: 'canary\r\nInjected: 1' }],
    ['token', { token: 'canary token' }],
    ['token', { token: 'canary\n' }],
  ])('a bad %s is credential-invalid and no Authorization is sent', (field, auth) => {
    const r = resolveBrokerConnection({ baseUrl: 'https://h', auth });
    expect(codes(r)).toEqual(['credential-invalid']);
    expect(r.diagnostics[0]?.message).toContain(field);
    expect(JSON.stringify(r.diagnostics)).not.toContain('canary');
    expect(r.connection?.authorizationHeader()).toBeUndefined();
    expect(r.connection?.scheme).toBeUndefined();
  });

  it('empty credentials count as unset (D1)', () => {
    const r = resolveBrokerConnection({
      env: { PACT_BROKER_BASE_URL: 'https://h', PACT_BROKER_TOKEN: '' },
    });
    expect(r.connection?.scheme).toBeUndefined();
    expect(codes(r)).toEqual(['env-empty']);
  });
});

describe('credentials-over-http (D46)', () => {
  it.each(['http://broker.example.com', 'http://10.0.0.1:9292', 'http://[::2]/'])(
    'credentials over plain http to %s: a warning',
    (baseUrl) => {
      const r = resolveBrokerConnection({ baseUrl, auth: { token: 't' } });
      expect(r.diagnostics).toMatchObject([{ code: 'credentials-over-http', severity: 'warning' }]);
      expect(r.connection?.scheme).toBe('bearer');
    },
  );
  it.each(['http://localhost:9292', 'http://127.0.0.1', 'http://127.1.2.3', 'http://[::1]:9292'])(
    'no warning for the loopback %s',
    (baseUrl) => {
      expect(resolveBrokerConnection({ baseUrl, auth: { token: 't' } }).diagnostics).toEqual([]);
    },
  );
  it('no warning without credentials, nor over https', () => {
    expect(resolveBrokerConnection({ baseUrl: 'http://example.com' }).diagnostics).toEqual([]);
    expect(
      resolveBrokerConnection({ baseUrl: 'https://example.com', auth: { token: 't' } }).diagnostics,
    ).toEqual([]);
  });
});

describe('TLS: variables over [broker.tls] (D42)', () => {
  const fileTls = {
    caFile: '/file/ca.pem',
    clientCertFile: '/file/client.pem',
    clientKeyFile: '/file/client.key',
  };
  it('the file settings alone: CAs, client certificate (RSA key), verification on', () => {
    const r = resolveBrokerConnection({ baseUrl: 'https://h', tls: fileTls, fs: files });
    expect(r.diagnostics).toEqual([]);
    expect(r.connection?.tls.ca).toEqual([CERT('FILECA').trim(), CERT('FILECA2').trim()]);
    expect(r.connection?.tls.cert).toContain('FILECLIENT');
    expect(r.connection?.tls.key?.reveal()).toContain('canaryrsa');
    expect(r.connection?.tls.verify).toBe(true);
  });

  it('SSL_CERT_FILE wins over ca-file; the client block from the env replaces both file keys', () => {
    const r = resolveBrokerConnection({
      baseUrl: 'https://h',
      tls: fileTls,
      fs: files,
      env: {
        SSL_CERT_FILE: '/env/ca.pem',
        X509_CLIENT_CERT_FILE: '/env/client.pem',
        X509_CLIENT_KEY_FILE: '/env/client.key',
      },
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.connection?.tls.ca).toEqual([CERT('ENVCA').trim()]);
    expect(r.connection?.tls.cert).toContain('ENVCLIENT');
    expect(r.connection?.tls.key?.reveal()).toContain('canarykey');
  });

  it('one client variable alone replaces the file block, and is incomplete', () => {
    const r = resolveBrokerConnection({
      baseUrl: 'https://h',
      tls: fileTls,
      fs: files,
      env: { X509_CLIENT_CERT_FILE: '/env/client.pem' },
    });
    expect(codes(r)).toEqual(['tls-client-cert-incomplete']);
    expect(r.connection?.tls.cert).toBeUndefined();
    expect(r.connection?.tls.key).toBeUndefined();
    expect(r.diagnostics[0]?.source).toEqual({ kind: 'env', name: 'X509_CLIENT_CERT_FILE' });
  });

  it('SSL_CERT_DIR: every certificate of the directory, other files passed over', () => {
    const r = resolveBrokerConnection({
      baseUrl: 'https://h',
      fs: files,
      env: { SSL_CERT_DIR: '/cadir' },
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.connection?.tls.ca).toEqual([CERT('DIRA').trim(), CERT('DIRB').trim()]);
  });

  it('ca-file and ca-dir both apply', () => {
    const r = resolveBrokerConnection({
      baseUrl: 'https://h',
      fs: files,
      tls: { caFile: '/env/ca.pem', caDir: '/cadir' },
    });
    expect(r.connection?.tls.ca).toHaveLength(3);
  });

  it.each([
    ['PACT_DISABLE_SSL_VERIFICATION', 'true'],
    ['PACT_BROKER_DISABLE_SSL_VERIFICATION', '1'],
    ['PACT_BROKER_DISABLE_SSL_VERIFICATION', 'TRUE'],
  ])('%s=%s turns verification off, with the warning tls-verify-off (D22)', (name, value) => {
    const r = resolveBrokerConnection({ baseUrl: 'https://h', env: { [name]: value } });
    expect(r.connection?.tls.verify).toBe(false);
    expect(r.diagnostics).toMatchObject([
      { code: 'tls-verify-off', severity: 'warning', source: { kind: 'env', name } },
    ]);
  });

  it('the variable set to false wins over disable-verification = true in the file', () => {
    const r = resolveBrokerConnection({
      baseUrl: 'https://h',
      tls: { disableVerification: true },
      env: { PACT_DISABLE_SSL_VERIFICATION: 'false' },
    });
    expect(r.connection?.tls.verify).toBe(true);
    expect(r.diagnostics).toEqual([]);
  });

  it('disable-verification from the file alone: off, warning naming the source', () => {
    const source = { kind: 'local', file: '/p/pact.toml', line: 7, column: 1 } as const;
    const r = resolveBrokerConnection({
      baseUrl: 'https://h',
      tls: { disableVerification: { value: true, source } },
    });
    expect(r.connection?.tls.verify).toBe(false);
    expect(r.diagnostics).toMatchObject([{ code: 'tls-verify-off', source }]);
    expect(r.diagnostics[0]?.message).toContain('/p/pact.toml');
  });

  it('a disable variable that is not a boolean is env-invalid-boolean, ignored', () => {
    const r = resolveBrokerConnection({
      baseUrl: 'https://h',
      env: { PACT_DISABLE_SSL_VERIFICATION: 'yes' },
    });
    expect(codes(r)).toEqual(['env-invalid-boolean']);
    expect(r.connection?.tls.verify).toBe(true);
  });

  it.each([
    [{ caFile: '/missing.pem' }, 'tls-file-unreadable', 'does not exist', '/missing.pem'],
    [{ caFile: '/a-directory' }, 'tls-file-unreadable', 'is a directory', '/a-directory'],
    [{ caDir: '/missing-dir' }, 'tls-file-unreadable', 'does not exist', '/missing-dir'],
    [{ caDir: '/env/ca.pem' }, 'tls-file-unreadable', 'is not a directory', '/env/ca.pem'],
    [{ caFile: '/bad/not-pem.pem' }, 'tls-pem-invalid', 'no PEM certificate', '/bad/not-pem.pem'],
    [
      { clientCertFile: '/missing.pem', clientKeyFile: '/env/client.key' },
      'tls-file-unreadable',
      'does not exist',
      '/missing.pem',
    ],
    [
      { clientCertFile: '/env/client.pem', clientKeyFile: '/bad/not-pem.pem' },
      'tls-pem-invalid',
      'no PEM private key',
      '/bad/not-pem.pem',
    ],
    [
      { clientCertFile: '/env/client.pem', clientKeyFile: '/bad/encrypted.key' },
      'tls-pem-invalid',
      'encrypted',
      '/bad/encrypted.key',
    ],
    [
      { clientKeyFile: '/env/client.key' },
      'tls-client-cert-incomplete',
      'without its certificate',
      '',
    ],
  ])('%j: %s, naming the file', (tls, code, why, named) => {
    const r = resolveBrokerConnection({ baseUrl: 'https://h', tls, fs: files });
    expect(codes(r)).toEqual([code]);
    expect(r.diagnostics[0]?.message).toContain(why);
    expect(r.diagnostics[0]?.message).toContain(named);
    expect(r.connection?.tls.key).toBeUndefined();
    expect(JSON.stringify(r.diagnostics)).not.toContain('canary');
  });

  it('the real file system by default (node:fs)', () => {
    const r = resolveBrokerConnection({ baseUrl: 'https://h', tls: { caFile: '/no/such/ca.pem' } });
    expect(r.diagnostics).toMatchObject([{ code: 'tls-file-unreadable' }]);
  });
});

describe('redaction (DESIGN "Secrets stay secret")', () => {
  const r = resolveBrokerConnection({
    baseUrl: 'https://canaryuser:canarypass@h/',
    fs: files,
    tls: { clientCertFile: '/env/client.pem', clientKeyFile: '/env/client.key' },
  });
  const t = resolveBrokerConnection({ baseUrl: 'https://h/', auth: { token: 'canarytoken' } });
  const c = r.connection as BrokerConnection;

  it.each([
    ['JSON.stringify', (x: unknown) => JSON.stringify(x)],
    ['String', (x: unknown) => String(x)],
    ['util.inspect', (x: unknown) => inspect(x, { depth: 10, showHidden: true })],
    ['template', (x: unknown) => `${x}`],
  ])('%s of the connection never shows the password, token or key', (_, show) => {
    for (const conn of [c, t.connection]) {
      const text = show(conn);
      expect(text).not.toMatch(/canarypass|canarytoken|canarykey|Y2FuYXJ5/);
    }
    expect(show(c.tls)).not.toContain('canarykey');
    expect(show(c.tls.key)).not.toContain('canarykey');
  });

  it('toJSON says what there is, redacted', () => {
    expect(JSON.parse(JSON.stringify(c))).toEqual({
      baseUrl: 'https://h/',
      scheme: 'basic',
      authorization: '[redacted]',
      username: 'canaryuser',
      tls: { ca: 0, clientCertificate: true, key: '[redacted]', verify: true },
    });
    expect(String(t.connection)).toBe('BrokerConnection(https://h/, bearer)');
  });

  it('the secrets are there when asked for by name', () => {
    expect(c.authorizationHeader()).toBe(`Basic ${btoa('canaryuser:canarypass')}`);
    expect(c.tls.key?.reveal()).toContain('canarykey');
  });
});

describe('BrokerConnection.url', () => {
  const c = new BrokerConnection({ baseUrl: new URL('https://h:8443/pact-broker') });
  it('keeps the base path, with or without a leading slash', () => {
    expect(c.url('pacts/provider/p').href).toBe('https://h:8443/pact-broker/pacts/provider/p');
    expect(c.url('/pacts/provider/p').href).toBe('https://h:8443/pact-broker/pacts/provider/p');
    expect(c.url('/').href).toBe('https://h:8443/pact-broker/');
    expect(c.url('x?q=1').search).toBe('?q=1');
  });
  it('an absolute HAL link is taken as it is', () => {
    expect(c.url('https://other/x').href).toBe('https://other/x');
  });
  it('the constructor drops credentials from the URL', () => {
    const d = new BrokerConnection({ baseUrl: new URL('https://u:p@h/') });
    expect(d.baseUrl.href).toBe('https://h/');
  });
});
