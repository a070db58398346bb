// Runs under Node, Bun and Deno against the built package (tools/runtimes/run.mjs):
// the real walk up and real file reads of each runtime, on the repository's examples/.
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { runtimeHost } from '@pact-config/env';
import { loadConfig, loadConfigSync, parseConfigFile } from '@pact-config/toml-config';

const examples = resolve('../../examples');
const host = () => ({
  ...runtimeHost().host,
  os: 'linux',
  env: { PACT_BROKER_TOKEN: 'canary-token' },
  home: join(examples, 'home'),
  cwd: join(examples, 'project', 'services', 'orders'),
});

function check(config) {
  assert.deepEqual(
    config.files.map((f) => [f.role, f.path]),
    [
      ['local', join(examples, 'project', 'pact.toml')],
      ['user', join(examples, 'home', '.config', 'pact', 'config.toml')],
    ],
  );
  assert.equal(config.broker.baseUrl.value, 'http://localhost:9292/pact-broker/');
  assert.equal(config.broker.baseUrl.source.line, 5);
  assert.equal(config.broker.auth.token.value.reveal(), 'canary-token');
  assert.equal(config.broker.auth.username, undefined, 'the token replaced the whole auth block');
  assert.equal(config.pact.dataHome.path, join(examples, 'project', '.pact', 'data'));
  assert.ok(!JSON.stringify(config.values()).includes('canary'));
}

export const checks = {
  'loads the example project synchronously, real disk'() {
    check(loadConfigSync({ host: host() }));
  },
  async 'loads the example project asynchronously, the same result'() {
    check(await loadConfig({ host: host() }));
  },
  'a syntax error is a diagnostic with line and column'() {
    const r = parseConfigFile('[pact]\ndata-home = \n', {
      path: '/p/pact.toml',
      role: 'local',
      os: 'linux',
    });
    assert.equal(r.diagnostics[0].code, 'toml-syntax');
    assert.equal(r.diagnostics[0].source.line, 2);
  },
};
