// The job's tree: ten directories deep, `pact.toml` two levels below the root (so the
// search from the deepest directory walks up eight levels), and a user file at
// `$XDG_CONFIG_HOME/pact/config.toml`. Both files are about 25 lines.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const userToml = (root) => `# The user's configuration: $XDG_CONFIG_HOME/pact/config.toml
[pact]
data-home = "${root}/home/data"
do-not-track = false

[broker]
base-url = "https://broker.example.com/"

[broker.auth]
username = "alice"
password = "user-password"

[ruby]
log-level = "info"
timeout = 30
colour = true

[ruby.publish]
branch = "main"
tags = ["main", "dev"]
build-url = "https://ci.example.com/builds/1"

[js]
log-level = "warn"

[js.consumer]
name = "web-app"
retries = 3
`;

const localToml = (root) => `# The project's configuration: pact.toml
[pact]
plugin-dir = "${root}/plugins"

[broker]
base-url = "https://pact-broker.internal.example.com/"

[broker.auth]
username = "ci-bot"
password = "project-password"

[ruby]
timeout = 60

[ruby.publish]
branch = "feature/speed"
consumer-version = "1.2.3"

[ruby.verify]
provider-states = "http://localhost:8080/states"
publish-results = true

[js]
log-level = "debug"
ratio = 0.25

[js.consumer]
retries = 5
`;

/** Variables npm and pnpm set for a script they run, besides `npm_*` and `pnpm_*`. */
const SCRIPT_RUNNER = new Set([
  'COLOR',
  'EDITOR',
  'INIT_CWD',
  'NODE',
  'NODE_PATH',
  'PNPM_PACKAGE_NAME',
  'PNPM_SCRIPT_SRC_DIR',
]);

/** Builds the tree; returns where things are and the environment the contenders run in. */
export function makeFixture() {
  const root = mkdtempSync(join(tmpdir(), 'pact-bench-'));
  const levels = Array.from({ length: 10 }, (_, i) => `level${i + 1}`);
  const cwd = join(root, ...levels);
  mkdirSync(cwd, { recursive: true });
  const localFile = join(root, levels[0], levels[1], 'pact.toml');
  writeFileSync(localFile, localToml(root));
  const xdg = join(root, 'xdg');
  mkdirSync(join(xdg, 'pact'), { recursive: true });
  const userFile = join(xdg, 'pact', 'config.toml');
  writeFileSync(userFile, userToml(root));
  mkdirSync(join(root, 'home'), { recursive: true });
  // The caller's environment without anything a contender would read, nor what npm or pnpm
  // add when they run a script (some 30 variables: `npm run bench` and `node run.mjs` must
  // measure the same, and pact-config's load lists every variable), plus the tree's.
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(PACT_|XDG_|SSL_CERT_|X509_)/.test(k) || k === 'HOME' || k === 'NODE_ENV') continue;
    if (/^(npm|pnpm)_/i.test(k) || SCRIPT_RUNNER.has(k)) continue;
    env[k] = v;
  }
  env.HOME = join(root, 'home');
  env.XDG_CONFIG_HOME = xdg;
  env.DENO_NO_UPDATE_CHECK = '1';
  // Deno keeps its cache under the real home; keep using it.
  env.DENO_DIR = process.env.DENO_DIR ?? join(process.env.HOME ?? tmpdir(), '.cache', 'deno');
  return {
    root,
    cwd,
    localFile,
    userFile,
    env,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** The merged object as one canonical JSON text: keys sorted at every level. */
export function canonical(value) {
  const sort = (v) => {
    if (Array.isArray(v)) return v.map(sort);
    if (v === null || typeof v !== 'object') return v;
    const out = {};
    for (const k of Object.keys(v).sort()) out[k] = sort(v[k]);
    return out;
  };
  return JSON.stringify(sort(value));
}

/** The contenders (files in contenders/) and the forms each has. */
export const CONTENDERS = [
  { name: 'floor', label: 'floor (node:fs + smol-toml)', sync: true, async: true },
  { name: 'pact-config', label: 'pact-config (facade)', sync: true, async: true },
  { name: 'toml-config', label: '@pact-config/toml-config', sync: true, async: true },
  { name: 'c12', label: 'c12 + own walk', sync: false, async: true },
  { name: 'cosmiconfig', label: 'cosmiconfig 9', sync: true, async: true },
  { name: 'lilconfig', label: 'lilconfig', sync: true, async: true },
];
