// Real servers: nginx (Debian's package) in front of a broker-shaped HAL endpoint, with Basic
// auth, a Bearer token check, mutual TLS and redirects; started by test/servers/setup.sh.
// RFC "Pact Broker" (Basic per RFC 7617, Bearer per RFC 6750) and the TLS variables
// (ECOSYSTEM.md "TLS", the MASSL request). Runs in-process under Node here, then the same cases
// against the BUILT package under node, bun and `deno run -A` (test/servers/cross-runtime.mjs).
// PACT_SKIP_SERVER_TESTS=1 skips them; otherwise a missing nginx FAILS them.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PactConfigError } from '@pact-config/env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  brokerFetch,
  type ResolveBrokerOptions,
  resolveBrokerConnection,
  responseDiagnostic,
} from '../src/index.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(here, '..');
const root = resolve(pkg, '../..');
const setup = join(here, 'servers', 'setup.sh');
const skip = process.env.PACT_SKIP_SERVER_TESTS === '1';

interface Servers {
  ports: Record<'backend' | 'basic' | 'bearer' | 'mtls' | 'redirect', number>;
  token: string;
  certs: Record<string, string>;
}
let servers: Servers;
let dir: string;
let file: string;

const HAL = {
  _links: { 'pb:latest-pact-versions': { href: expect.stringContaining('/pacts/latest') } },
};

/** What every runtime must see, case by case (the names of cross-runtime.mjs). */
const EXPECTED: Record<string, Record<string, unknown>> = {
  'basic-ok': { status: 200, body: HAL, problem: null },
  'basic-utf8-url-credentials': { status: 200, body: HAL },
  'basic-wrong-password': { status: 401, problem: 'broker-auth-rejected' },
  'bearer-ok': { status: 200, body: HAL },
  'bearer-env': { status: 200, body: HAL },
  'bearer-wrong-token': { status: 401, problem: 'broker-auth-rejected' },
  'ca-dir-env': { status: 200, body: HAL },
  'untrusted-server': { error: 'broker-tls-untrusted' },
  'verify-off': { status: 200, body: HAL, diagnostics: ['tls-verify-off'] },
  'mtls-rsa': { status: 200, body: HAL },
  'mtls-ec-env': { status: 200, body: HAL },
  'mtls-missing-cert': { status: 400, problem: 'broker-tls-client-cert' },
  'mtls-untrusted-cert': { status: 400, problem: 'broker-tls-client-cert' },
  'redirect-other-origin': {
    status: 200,
    redirected: true,
    body: { authorization: null, path: '/echo' },
  },
  'redirect-same-origin': {
    status: 200,
    redirected: true,
    body: { authorization: expect.stringMatching(/^Bearer /), path: '/echo' },
  },
  'redirect-loop': { error: 'broker-redirect-limit' },
  'redirect-http-other-origin': {
    status: 200,
    diagnostics: [],
    body: { authorization: null, path: '/echo' },
  },
};

describe.skipIf(skip)(
  skip
    ? 'against real servers: skipped because PACT_SKIP_SERVER_TESTS=1 is set'
    : 'against real servers (nginx + a HAL backend)',
  () => {
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'pact-broker-auth-'));
      try {
        const { stdout } = await run('bash', [setup, 'start', dir], { timeout: 280_000 });
        servers = JSON.parse(stdout);
        file = join(dir, 'servers.json');
      } catch (e) {
        const err = e as { stderr?: string; message: string };
        throw new Error(
          `The server tests need nginx and openssl; test/servers/setup.sh failed:\n${err.stderr ?? err.message}\n` +
            'Install nginx (apt-get install nginx-light), or set PACT_SKIP_SERVER_TESTS=1 to skip these tests.',
        );
      }
    }, 300_000);

    afterAll(async () => {
      if (dir) {
        await run('bash', [setup, 'stop', dir]).catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      }
    });

    const connect = (input: ResolveBrokerOptions) => {
      const r = resolveBrokerConnection({ env: {}, ...input });
      if (!r.connection) throw new Error(JSON.stringify(r.diagnostics));
      return r.connection;
    };
    const https = (port: number) => `https://127.0.0.1:${port}/`;

    describe('in-process, Node (node:https)', () => {
      it('Basic: the right password gets the HAL index (RFC 7617)', async () => {
        const c = connect({
          baseUrl: https(servers.ports.basic),
          auth: { username: 'pact', password: 'p@ss:wörd' },
          tls: { caFile: servers.certs.ca },
        });
        const res = await brokerFetch(c, '/');
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toContain('application/hal+json');
        expect(await res.json()).toEqual(HAL);
        expect(await responseDiagnostic(res, c)).toBeUndefined();
      });

      it('Basic with a UTF-8 username (jörg)', async () => {
        const c = connect({
          baseUrl: https(servers.ports.basic),
          auth: { username: 'jörg', password: 'geheim' },
          tls: { caFile: servers.certs.ca },
        });
        expect((await brokerFetch(c, '/')).status).toBe(200);
      });

      it('a wrong password: 401 and broker-auth-rejected, the password not shown', async () => {
        const c = connect({
          baseUrl: https(servers.ports.basic),
          auth: { username: 'pact', password: 'canary-wrong' },
          tls: { caFile: servers.certs.ca },
        });
        const res = await brokerFetch(c, '/');
        expect(res.status).toBe(401);
        const d = await responseDiagnostic(res, c);
        expect(d).toMatchObject({ code: 'broker-auth-rejected', severity: 'error' });
        expect(d?.message).toContain("'pact'");
        expect(JSON.stringify(d)).not.toContain('canary');
      });

      it('Bearer: the token gets through (RFC 6750); a wrong one is 401', async () => {
        const ok = connect({
          baseUrl: https(servers.ports.bearer),
          auth: { token: servers.token },
          tls: { caFile: servers.certs.ca },
        });
        expect((await brokerFetch(ok, '/')).status).toBe(200);
        const bad = connect({
          baseUrl: https(servers.ports.bearer),
          auth: { token: 'other' },
          tls: { caFile: servers.certs.ca },
        });
        expect((await responseDiagnostic(await brokerFetch(bad, '/'), bad))?.code).toBe(
          'broker-auth-rejected',
        );
      });

      it('an untrusted server certificate rejects with broker-tls-untrusted', async () => {
        const c = connect({ baseUrl: https(servers.ports.bearer), auth: { token: servers.token } });
        const e = await brokerFetch(c, '/').catch((x: unknown) => x);
        expect(e).toBeInstanceOf(PactConfigError);
        expect((e as PactConfigError).code).toBe('broker-tls-untrusted');
        expect((e as PactConfigError).diagnostic.hint).toContain('SSL_CERT_FILE');
      });

      it('a host name the certificate does not name is untrusted too', async () => {
        // The server certificate names localhost and 127.0.0.1, not 127.0.0.2.
        const c = connect({
          baseUrl: `https://127.0.0.2:${servers.ports.bearer}/`,
          tls: { caFile: servers.certs.ca },
        });
        const e = await brokerFetch(c, '/').catch((x: unknown) => x);
        expect(['broker-tls-untrusted', 'broker-unreachable']).toContain(
          (e as PactConfigError).code,
        );
      });

      it.each([
        ['RSA (PKCS#1)', 'clientRsa', 'clientRsaKey'],
        ['EC (SEC1)', 'clientEc', 'clientEcKey'],
      ])('mutual TLS with an %s client key', async (_, cert, key) => {
        const c = connect({
          baseUrl: https(servers.ports.mtls),
          tls: {
            caFile: servers.certs.ca,
            clientCertFile: servers.certs[cert],
            clientKeyFile: servers.certs[key],
          },
        });
        const res = await brokerFetch(c, '/');
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual(HAL);
      });

      it.each([
        ['no client certificate', {} as Record<string, string>],
        [
          'a client certificate from an untrusted CA',
          { clientCertFile: 'clientUntrusted', clientKeyFile: 'clientUntrustedKey' },
        ],
      ])('mutual TLS with %s: broker-tls-client-cert', async (_, files) => {
        const tls = Object.fromEntries(
          Object.entries(files).map(([k, v]) => [k, servers.certs[v] as string]),
        );
        const c = connect({
          baseUrl: https(servers.ports.mtls),
          tls: { caFile: servers.certs.ca, ...tls },
        });
        const res = await brokerFetch(c, '/');
        const d = await responseDiagnostic(res, c);
        expect(d?.code).toBe('broker-tls-client-cert');
        expect(d?.message).toContain('clientCertFile' in files ? 'not accepted' : 'none was sent');
        expect(await res.text()).toContain('SSL certificate'); // the body is still there
      });

      it('a redirect to another origin does not carry Authorization', async () => {
        const c = connect({
          baseUrl: https(servers.ports.bearer),
          auth: { token: servers.token },
          tls: { caFile: servers.certs.ca },
        });
        const res = await brokerFetch(c, '/go-away');
        expect(res.redirected).toBe(true);
        expect(res.url).toBe(`http://127.0.0.1:${servers.ports.backend}/echo`);
        expect(await res.json()).toEqual({ authorization: null, path: '/echo' });
      });

      it('a redirect on the same origin keeps it; a loop stops at the limit', async () => {
        const c = connect({
          baseUrl: https(servers.ports.bearer),
          auth: { token: servers.token },
          tls: { caFile: servers.certs.ca },
        });
        expect(await (await brokerFetch(c, '/moved')).json()).toEqual({
          authorization: `Bearer ${servers.token}`,
          path: '/echo',
        });
        const e = await brokerFetch(c, '/loop', { maxRedirects: 2 }).catch((x: unknown) => x);
        expect((e as PactConfigError).code).toBe('broker-redirect-limit');
      });

      it('a closed port rejects with broker-unreachable', async () => {
        const c = connect({ baseUrl: 'http://127.0.0.1:1/' });
        const e = await brokerFetch(c, '/').catch((x: unknown) => x);
        expect((e as PactConfigError).code).toBe('broker-unreachable');
      });
    });

    describe.each([
      ['node', [process.execPath]],
      ['bun', [join(root, 'node_modules/.bin/bun')]],
      ['deno', [join(root, 'node_modules/.bin/deno'), 'run', '-A']],
    ])('the built package under %s', (runtime, command) => {
      let results: Record<string, Record<string, unknown>>;
      beforeAll(async () => {
        if (!existsSync(join(pkg, 'dist/index.js'))) {
          throw new Error('Build the package first: npx tsc -p tsconfig.build.json');
        }
        const [cmd, ...args] = command as [string, ...string[]];
        const { stdout } = await run(cmd, [...args, join(here, 'servers/cross-runtime.mjs')], {
          cwd: pkg,
          env: {
            ...process.env,
            PACT_TEST_SERVERS: file,
            DENO_NO_UPDATE_CHECK: '1',
            NO_COLOR: '1',
          },
          timeout: 120_000,
        });
        const out = JSON.parse(stdout);
        expect(out.runtime).toBe(runtime);
        results = out.results;
      }, 130_000);

      it.each(Object.keys(EXPECTED))('%s', (name) => {
        expect(results[name]).toMatchObject(EXPECTED[name] as object);
      });
    });
  },
);
