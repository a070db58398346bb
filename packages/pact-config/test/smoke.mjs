// Runs under Node, Bun and Deno against the built package (tools/runtimes/run.mjs).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { loadPactConfig, loadPactConfigSync, memoryFs } from 'pact-config';

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
