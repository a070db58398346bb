// Runs every server case against the BUILT package under whichever runtime runs this file
// (node, bun, `deno run -A`) and prints one JSON object: { runtime, results: { case: … } }.
// PACT_TEST_SERVERS names the servers.json that setup.sh wrote.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { brokerFetch, resolveBrokerConnection, responseDiagnostic } from '@pact-config/broker-auth';
import { runtimeInfo } from '@pact-config/env';

const servers = JSON.parse(readFileSync(process.env.PACT_TEST_SERVERS, 'utf8'));
const { ports, certs, token } = servers;
const https = (port, path = '/') => `https://127.0.0.1:${port}${path}`;
const trusted = { caFile: certs.ca };

const cases = {
  'basic-ok': {
    baseUrl: https(ports.basic),
    auth: { username: 'pact', password: 'p@ss:wörd' },
    tls: trusted,
  },
  'basic-utf8-url-credentials': {
    baseUrl: `https://j%C3%B6rg:geheim@127.0.0.1:${ports.basic}/`,
    tls: trusted,
  },
  'basic-wrong-password': {
    baseUrl: https(ports.basic),
    auth: { username: 'pact', password: 'wrong' },
    tls: trusted,
  },
  'bearer-ok': { baseUrl: https(ports.bearer), auth: { token }, tls: trusted },
  'bearer-env': {
    env: {
      PACT_BROKER_BASE_URL: https(ports.bearer),
      PACT_BROKER_TOKEN: token,
      SSL_CERT_FILE: certs.ca,
    },
  },
  'bearer-wrong-token': {
    baseUrl: https(ports.bearer),
    auth: { token: 'not-the-token' },
    tls: trusted,
  },
  'ca-dir-env': {
    baseUrl: https(ports.bearer),
    auth: { token },
    env: { SSL_CERT_DIR: dirname(certs.ca) },
  },
  'untrusted-server': { baseUrl: https(ports.bearer), auth: { token } },
  'verify-off': {
    baseUrl: https(ports.bearer),
    auth: { token },
    env: { PACT_BROKER_DISABLE_SSL_VERIFICATION: 'true' },
  },
  'mtls-rsa': {
    baseUrl: https(ports.mtls),
    tls: { ...trusted, clientCertFile: certs.clientRsa, clientKeyFile: certs.clientRsaKey },
  },
  'mtls-ec-env': {
    baseUrl: https(ports.mtls),
    tls: trusted,
    env: { X509_CLIENT_CERT_FILE: certs.clientEc, X509_CLIENT_KEY_FILE: certs.clientEcKey },
  },
  'mtls-missing-cert': { baseUrl: https(ports.mtls), tls: trusted },
  'mtls-untrusted-cert': {
    baseUrl: https(ports.mtls),
    tls: {
      ...trusted,
      clientCertFile: certs.clientUntrusted,
      clientKeyFile: certs.clientUntrustedKey,
    },
  },
  'redirect-other-origin': {
    baseUrl: https(ports.bearer),
    auth: { token },
    tls: trusted,
    path: '/go-away',
  },
  'redirect-same-origin': {
    baseUrl: https(ports.bearer),
    auth: { token },
    tls: trusted,
    path: '/moved',
  },
  'redirect-loop': { baseUrl: https(ports.bearer), auth: { token }, tls: trusted, path: '/loop' },
  'redirect-http-other-origin': {
    baseUrl: `http://127.0.0.1:${ports.redirect}/`,
    auth: { username: 'pact', password: 'p@ss:wörd' },
    path: '/go-away',
  },
};

const results = {};
for (const [name, { path = '/', ...input }] of Object.entries(cases)) {
  const { connection, diagnostics } = resolveBrokerConnection({ env: {}, ...input });
  const out = { diagnostics: diagnostics.map((d) => d.code) };
  try {
    const res = await brokerFetch(connection, path);
    out.status = res.status;
    out.redirected = res.redirected;
    out.url = res.url;
    out.problem = (await responseDiagnostic(res, connection))?.code ?? null;
    const text = await res.text();
    try {
      out.body = JSON.parse(text);
    } catch {
      out.body = text.slice(0, 80);
    }
  } catch (e) {
    out.error = e?.code ?? String(e);
    out.message = e?.message;
  }
  results[name] = out;
}
process.stdout.write(`${JSON.stringify({ runtime: runtimeInfo().name, results })}\n`);
