// Runs under Node, Bun and Deno against the built package (tools/runtimes/run.mjs). No nginx:
// the fetch checks use two small node:http servers on 127.0.0.1 (the TLS cases are in
// test/servers.test.ts). Each runtime's own transport is used: node:http, Bun's and Deno's fetch.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { inspect } from 'node:util';
import {
  basicAuthorization,
  brokerFetch,
  parseBaseUrl,
  resolveBrokerConnection,
} from '@pact-config/broker-auth';

function listen(handler) {
  return new Promise((resolve) => {
    const server = createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
const echo = (req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ authorization: req.headers.authorization ?? null, url: req.url }));
};

export const checks = {
  'parses a base URL, taking percent-decoded credentials out'() {
    const r = parseBaseUrl('https://j%C3%B6rg:se%40cret@broker.example.com:8443/pact-broker/');
    assert.equal(r.url.href, 'https://broker.example.com:8443/pact-broker/');
    assert.equal(r.username, 'jörg');
    assert.equal(r.password.reveal(), 'se@cret');
    assert.equal(parseBaseUrl('https://u:x%zz@h').diagnostics[0].code, 'base-url-invalid');
  },
  'builds a UTF-8 Basic header'() {
    assert.equal(basicAuthorization('jörg', 'geheim').reveal(), 'Basic asO2cmc6Z2VoZWlt');
  },
  'never shows the secrets of a connection'() {
    const { connection, diagnostics } = resolveBrokerConnection({
      env: {
        PACT_BROKER_BASE_URL: 'http://broker.example.com',
        PACT_BROKER_USERNAME: 'u',
        PACT_BROKER_PASSWORD: 'canary-password',
      },
    });
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['credentials-over-http'],
    );
    for (const text of [JSON.stringify(connection), String(connection), inspect(connection)]) {
      assert.ok(!text.includes('canary'), text);
      assert.ok(!text.includes(btoa('u:canary-password')), text);
    }
  },
  async 'fetches with Authorization, and drops it on a redirect to another origin'() {
    const other = await listen(echo);
    const main = await listen((req, res) => {
      if (req.url === '/base/hop') {
        res.writeHead(302, { location: `http://127.0.0.1:${other.address().port}/landed` });
        res.end();
      } else echo(req, res);
    });
    try {
      const { connection } = resolveBrokerConnection({
        baseUrl: `http://127.0.0.1:${main.address().port}/base/`,
        auth: { token: 'canary-token' },
      });
      const direct = await (await brokerFetch(connection, 'index')).json();
      assert.deepEqual(direct, { authorization: 'Bearer canary-token', url: '/base/index' });
      const res = await brokerFetch(connection, '/hop');
      assert.equal(res.redirected, true);
      assert.deepEqual(await res.json(), { authorization: null, url: '/landed' });
    } finally {
      // Deno's fetch keeps connections alive; close them, or close() waits for their timeout.
      for (const server of [main, other]) {
        server.closeAllConnections?.();
        server.close();
      }
    }
  },
  async 'gives up on a broker that never answers (broker-timeout, D48)'() {
    const silent = await listen(() => {});
    try {
      const { connection } = resolveBrokerConnection({
        baseUrl: `http://127.0.0.1:${silent.address().port}/`,
      });
      await assert.rejects(brokerFetch(connection, '/', { timeoutMs: 300 }), (e) => {
        assert.equal(e.diagnostic?.code, 'broker-timeout');
        return true;
      });
    } finally {
      silent.closeAllConnections?.();
      silent.close();
    }
  },
};
