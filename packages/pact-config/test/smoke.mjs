// Runs under Node, Bun and Deno against the built package (tools/runtimes/run.mjs).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as env from '@pact-config/env';
import {
  isSecret,
  loadPactConfig,
  loadPactConfigSync,
  memoryFs,
  PactConfigError,
  Secret,
} from 'pact-config';

const host = {
  os: 'windows',
  env: { APPDATA: 'C:\\Users\\me\\AppData\\Roaming', PACT_BROKER_TOKEN: 'canary-token' },
  home: 'C:\\Users\\me',
  cwd: 'C:\\work\\app',
  fs: memoryFs(
    { 'C:\\work\\pact.toml': '[broker]\nbase-url = "https://b.example"\n' },
    { os: 'windows' },
  ),
};

export const checks = {
  'the facade, sync and async, Windows rules'() {
    const config = loadPactConfigSync({ host });
    assert.equal(config.files[0].path, 'C:\\work\\pact.toml');
    assert.equal(config.pact.dataHome.value, 'C:\\Users\\me\\AppData\\Roaming\\pact');
    assert.equal(config.broker.auth.token.value.reveal(), 'canary-token');
    assert.ok(!JSON.stringify(config.values()).includes('canary'));
  },
  async 'the async facade agrees'() {
    const config = await loadPactConfig({ host });
    assert.equal(config.pact.pluginDir.value, 'C:\\Users\\me\\AppData\\Roaming\\pact\\plugins');
  },
  'one self-contained file: dist/index.js imports only built-in modules'() {
    const code = readFileSync(resolve('dist/index.js'), 'utf8');
    const imported = [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)];
    assert.deepEqual(
      imported.map((m) => m[1]).filter((s) => !s.startsWith('node:')),
      [],
    );
  },
  "@pact-config/env (another copy) recognises the facade's errors and secrets, and back"() {
    assert.notEqual(PactConfigError, env.PactConfigError);
    const missing = { ...host, env: { PACT_CONFIG_FILE: 'C:\\nowhere.toml' } };
    // instanceof itself: Deno's assert.throws compares prototypes instead.
    assert.throws(
      () => loadPactConfigSync({ host: missing }),
      (e) => e instanceof env.PactConfigError && e instanceof PactConfigError,
    );
    const token = loadPactConfigSync({ host }).broker.auth.token.value;
    assert.ok(env.isSecret(token) && token instanceof env.Secret);
    assert.ok(isSecret(new env.Secret('x')) && new env.Secret('x') instanceof Secret);
    assert.ok(!isSecret({ reveal: () => 'x', toString: () => '[redacted]' }));
  },
  'the command runs in this runtime'() {
    // Spawns the same runtime that runs this check: `node`, `bun`, or `deno run -A`.
    const cli = resolve('dist/cli.js');
    const deno = typeof globalThis.Deno !== 'undefined';
    const args = deno ? ['run', '-A', cli] : [cli];
    const r = spawnSync(process.execPath, [...args, 'show', '--json', '--data-home', '/srv/pact'], {
      cwd: join(resolve('.'), 'test'),
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: '/nonexistent-home', PACT_BROKER_TOKEN: 'canary-token' },
    });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.values['pact.data-home'], {
      value: '/srv/pact',
      source: { kind: 'cli', name: '--data-home' },
    });
    assert.equal(out.values['broker.auth.token'].value, '********');
    assert.ok(!r.stdout.includes('canary') && !r.stderr.includes('canary'));
  },
};
