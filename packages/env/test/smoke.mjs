// Runs under Node, Bun and Deno against the built package (tools/runtimes/run.mjs).
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import {
  identVariables,
  memoryFs,
  osFromPlatform,
  PactConfigError,
  readPactEnv,
  runtimeHost,
  runtimeInfo,
  Secret,
  versionProperties,
} from '@pact-config/env';

export const checks = {
  'runtime host has os, env, home and cwd'() {
    const { host, runtime, diagnostics } = runtimeHost();
    assert.equal(host.os, osFromPlatform(process.platform));
    assert.equal(typeof host.cwd, 'string');
    assert.equal(typeof host.home, 'string');
    assert.equal(host.env.PACT_SMOKE, 'on');
    assert.equal(runtime.name, runtimeInfo().name);
    assert.deepEqual(
      diagnostics.filter((d) => d.code === 'runtime-permission'),
      [],
    );
  },
  'reads the RFC variables, PACT_DO_NOT_TRACK by presence'() {
    const { values } = readPactEnv({ PACT_DO_NOT_TRACK: '', PACT_BROKER_TOKEN: 'canary-token' });
    assert.equal(values.doNotTrack.value, true);
    assert.equal(values.broker.token.value.reveal(), 'canary-token');
  },
  'secrets stay hidden in this runtime'() {
    const s = new Secret('canary-secret');
    for (const shown of [String(s), JSON.stringify({ s }), inspect(s), inspect({ s })]) {
      assert.ok(!shown.includes('canary'), shown);
    }
  },
  'ident variables and version properties'() {
    assert.deepEqual(
      { ...identVariables({ PACT_RUBY_BAR: 'baz' }, 'RUBY').values },
      { bar: 'baz' },
    );
    assert.throws(() => identVariables({}, 'ruby'), PactConfigError);
    assert.equal(versionProperties({ GITHUB_REF: 'refs/heads/main' }).branch.value, 'main');
  },
  'memory fs models Windows paths'() {
    const fs = memoryFs({ 'C:\\p\\pact.toml': '' }, { os: 'windows' });
    assert.equal(fs.statSync('c:/P', { throwIfNoEntry: false }).isDirectory(), true);
  },
};
