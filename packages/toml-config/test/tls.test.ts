// The [broker.tls] table (decision D42): the RFC lets the Pact Broker add keys to the `broker`
// table ("The Pact Broker itself may have additional configuration options within the broker
// table"); its paths follow "Path Handling"; the TLS variables (ECOSYSTEM.md "TLS") are layered
// over it per key, the client certificate and key as one block.
import { type EnvRecord, type Host, type MemoryFiles, memoryFs } from '@pact-config/env';
import { describe, expect, it } from 'vitest';
import { loadConfigSync, type ParseFileOptions, parseConfigFile } from '../src/index.js';

const LOCAL: ParseFileOptions = {
  path: '/w/p/pact.toml',
  role: 'local',
  os: 'linux',
  home: '/home/u',
};
const p = (text: string, file: ParseFileOptions = LOCAL) => parseConfigFile(text, file);
const codes = (r: { diagnostics: readonly { code: string }[] }) => r.diagnostics.map((d) => d.code);

describe('parse: [broker.tls]', () => {
  it('reads the five keys; paths resolve against the file, ~ against home', () => {
    const r = p(
      '[broker]\nbase-url = "https://b"\n[broker.tls]\nca-file = "certs/ca.pem"\nca-dir = "~/cas"\nclient-cert-file = "/abs/client.pem"\nclient-key-file = "./client.key"\ndisable-verification = false\n',
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.config.broker.tls).toMatchObject({
      caFile: {
        value: '/w/p/certs/ca.pem',
        source: { kind: 'local', file: LOCAL.path, line: 4, column: 1, key: 'broker.tls.ca-file' },
      },
      caDir: expect.objectContaining({ value: '/home/u/cas' }),
      clientCertFile: expect.objectContaining({ value: '/abs/client.pem' }),
      clientKeyFile: expect.objectContaining({ value: '/w/p/client.key' }),
      disableVerification: {
        value: false,
        source: expect.objectContaining({ line: 8, key: 'broker.tls.disable-verification' }),
      },
    });
  });

  it('the inline-table form works too', () => {
    const r = p('[broker]\ntls = { ca-file = "ca.pem", disable-verification = true }\n');
    expect(r.config.broker.tls?.caFile?.value).toBe('/w/p/ca.pem');
    expect(r.config.broker.tls?.disableVerification?.value).toBe(true);
  });

  it('Windows: resolved with Windows rules, backslashes are path-backslash (D7)', () => {
    const r = p('[broker.tls]\nca-file = "certs\\\\ca.pem"\n', {
      path: 'C:\\p\\pact.toml',
      role: 'user',
      os: 'windows',
      home: 'C:\\Users\\u',
    });
    expect(r.config.broker.tls?.caFile?.value).toBe('C:\\p\\certs\\ca.pem');
    expect(codes(r)).toEqual(['path-backslash']);
  });

  it('wrong types are type-mismatch (D16) with their position; the rest is used', () => {
    const r = p('[broker.tls]\nca-file = 1\ndisable-verification = "yes"\nca-dir = "cas"\n');
    expect(r.diagnostics).toMatchObject([
      { code: 'type-mismatch', source: { line: 2, key: 'broker.tls.ca-file' } },
      { code: 'type-mismatch', source: { line: 3, key: 'broker.tls.disable-verification' } },
    ]);
    expect(r.config.broker.tls).toEqual({ caDir: expect.objectContaining({ value: '/w/p/cas' }) });
  });

  it('tls that is not a table is type-mismatch', () => {
    const r = p('[broker]\ntls = true\n');
    expect(codes(r)).toEqual(['type-mismatch']);
    expect(r.config.broker.tls).toBeUndefined();
  });

  it('an unknown key in [broker.tls] is a warning (a typo there loses a security setting) (D15)', () => {
    const r = p('[broker.tls]\nca-flie = "ca.pem"\n');
    expect(r.diagnostics).toMatchObject([
      { code: 'unknown-key', severity: 'warning', source: { line: 2, key: 'broker.tls.ca-flie' } },
    ]);
    expect(r.diagnostics[0]?.hint).toContain('ca-file');
    expect(r.config.broker.tls).toBeUndefined();
  });

  it('an empty path is path-empty and ignored (D27)', () => {
    const r = p('[broker.tls]\nca-file = ""\n');
    expect(codes(r)).toEqual(['path-empty']);
    expect(r.config.broker.tls).toBeUndefined();
  });
});

const HOME = '/home/u';
const CWD = '/home/u/project';
const USER = '/home/u/.config/pact/config.toml';
const LOCALF = '/home/u/project/pact.toml';
const host = (files: MemoryFiles, env: EnvRecord = {}): Host => ({
  os: 'linux',
  env,
  home: HOME,
  cwd: CWD,
  fs: memoryFs(files),
});

describe('load: TLS layers (D42)', () => {
  const user =
    '[broker.tls]\nca-file = "user-ca.pem"\nca-dir = "user-cas"\nclient-cert-file = "u.pem"\nclient-key-file = "u.key"\n';
  const local =
    '[broker.tls]\nca-file = "local-ca.pem"\nclient-cert-file = "l.pem"\ndisable-verification = true\n';

  it('local over user per key; the client certificate and key are one block', () => {
    const c = loadConfigSync({ host: host({ [USER]: user, [LOCALF]: local }) });
    const tls = c.broker.tls;
    expect(tls?.caFile?.value).toBe('/home/u/project/local-ca.pem');
    expect(tls?.caDir?.value).toBe('/home/u/.config/pact/user-cas');
    // The local file has only client-cert-file: its block wins whole, so no key from the user file.
    expect(tls?.clientCertFile?.value).toBe('/home/u/project/l.pem');
    expect(tls?.clientKeyFile).toBeUndefined();
    expect(tls?.disableVerification?.value).toBe(true);
  });

  it('variables over files per key; paths from variables resolve against the working directory (D9)', () => {
    const c = loadConfigSync({
      host: host(
        { [USER]: user, [LOCALF]: local },
        {
          SSL_CERT_FILE: 'env-ca.pem',
          SSL_CERT_DIR: '~/a:/b',
          PACT_DISABLE_SSL_VERIFICATION: 'false',
        },
      ),
    });
    const tls = c.broker.tls;
    expect(tls?.caFile).toEqual({
      value: '/home/u/project/env-ca.pem',
      source: { kind: 'env', name: 'SSL_CERT_FILE' },
    });
    expect(tls?.caDir?.value).toBe('/home/u/a:/b');
    expect(tls?.disableVerification).toEqual({
      value: false,
      source: { kind: 'env', name: 'PACT_DISABLE_SSL_VERIFICATION' },
    });
    expect(tls?.clientCertFile?.source.kind).toBe('local');
  });

  it('one client variable replaces the whole file block', () => {
    const c = loadConfigSync({
      host: host({ [USER]: user }, { X509_CLIENT_KEY_FILE: '/keys/k.pem' }),
    });
    expect(c.broker.tls?.clientKeyFile?.value).toBe('/keys/k.pem');
    expect(c.broker.tls?.clientCertFile).toBeUndefined();
  });

  it('values() lists the TLS keys with their sources', () => {
    const c = loadConfigSync({
      host: host(
        { [LOCALF]: local },
        { X509_CLIENT_CERT_FILE: '/c.pem', X509_CLIENT_KEY_FILE: '/k.pem' },
      ),
    });
    const v = c.values();
    expect(v['broker.tls.ca-file']?.source.kind).toBe('local');
    expect(v['broker.tls.client-cert-file']).toEqual({
      value: '/c.pem',
      source: { kind: 'env', name: 'X509_CLIENT_CERT_FILE' },
    });
    expect(v['broker.tls.client-key-file']?.value).toBe('/k.pem');
    expect(v['broker.tls.disable-verification']?.value).toBe(true);
  });

  it('nothing set: no tls', () => {
    expect(loadConfigSync({ host: host({}) }).broker.tls).toBeUndefined();
  });
});

describe('load: the base URL goes through broker-auth parseBaseUrl (one implementation of D13)', () => {
  it('credentials with %40 are decoded, a path is kept, the reported URL has none', () => {
    const c = loadConfigSync({
      host: host(
        {},
        { PACT_BROKER_BASE_URL: 'https://me:se%40cret@b.example.com:8443/pact-broker/' },
      ),
    });
    expect(c.broker.baseUrl?.value).toBe('https://b.example.com:8443/pact-broker/');
    expect(c.broker.auth?.password?.value.reveal()).toBe('se@cret');
    expect(c.broker.scheme).toBe('basic');
  });
  it('a stray % is base-url-invalid, and the file layer applies', () => {
    const c = loadConfigSync({
      host: host(
        { [LOCALF]: '[broker]\nbase-url = "https://file.example.com"\n' },
        {
          PACT_BROKER_BASE_URL: 'https://me:canary%@b.example.com',
        },
      ),
    });
    expect(codes(c)).toEqual(['base-url-invalid']);
    expect(c.broker.baseUrl?.value).toBe('https://file.example.com');
    expect(JSON.stringify(c.diagnostics)).not.toContain('canary');
  });
});

describe('config.broker feeds @pact-config/broker-auth', () => {
  it('resolveBrokerConnection reads the layered TLS files and the auth block', async () => {
    const { resolveBrokerConnection } = await import('@pact-config/broker-auth');
    const cert = '-----BEGIN CERTIFICATE-----\nMIIx\n-----END CERTIFICATE-----\n';
    const key = '-----BEGIN PRIVATE KEY-----\nMIIcanary\n-----END PRIVATE KEY-----\n';
    const h = host(
      {
        [LOCALF]:
          '[broker]\nbase-url = "https://b.example.com/pb/"\nauth = { token = "t0k" }\n[broker.tls]\nca-file = "ca.pem"\nclient-cert-file = "c.pem"\nclient-key-file = "c.key"\n',
        '/home/u/project/ca.pem': cert,
        '/home/u/project/c.pem': cert,
        '/home/u/project/c.key': key,
      },
      { PACT_BROKER_DISABLE_SSL_VERIFICATION: 'true' },
    );
    const config = loadConfigSync({ host: h });
    const r = resolveBrokerConnection({ ...config.broker, os: h.os, fs: h.fs });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['tls-verify-off']);
    expect(r.connection?.scheme).toBe('bearer');
    expect(r.connection?.tls).toMatchObject({
      ca: [cert.trim()],
      cert: `${cert.trim()}\n`,
      verify: false,
    });
    expect(JSON.stringify(r.connection)).not.toContain('canary');
  });
});
