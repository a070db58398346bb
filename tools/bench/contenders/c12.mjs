// c12 looks only in the directory it is given, so the walk up is our own (existsSync per
// name and level). Its TOML loader is confbox's bundled smol-toml; its merger (defu) puts
// the local file over the user file through `defaultConfig`. Async only.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadConfig } from 'c12';

const OFF = {
  rcFile: false,
  globalRc: false,
  dotenv: false,
  packageJson: false,
  giget: false,
  extend: false,
  envName: false,
};

export async function jobAsync() {
  let dir = process.cwd();
  let name;
  for (;;) {
    if (existsSync(join(dir, 'pact.toml'))) name = 'pact';
    else if (existsSync(join(dir, '.pact.toml'))) name = '.pact';
    const up = dirname(dir);
    if (name || up === dir) break;
    dir = up;
  }
  const base = process.env.XDG_CONFIG_HOME || join(process.env.HOME, '.config');
  const user = await loadConfig({ ...OFF, cwd: join(base, 'pact'), configFile: 'config' });
  if (!name) return JSON.stringify(user.config);
  const local = await loadConfig({
    ...OFF,
    cwd: dir,
    configFile: name,
    defaultConfig: user.config,
  });
  return JSON.stringify(local.config);
}

if (!globalThis.pactBenchWorker) console.log(await jobAsync());
