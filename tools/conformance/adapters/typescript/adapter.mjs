#!/usr/bin/env node
// The conformance adapter of the TypeScript implementation (conformance/README.md,
// "The adapter protocol"). Runs under node, bun and `deno run -A`.
//
//   node tools/conformance/adapters/typescript/adapter.mjs          # injection: the case's OS, env, files
//   node tools/conformance/adapters/typescript/adapter.mjs --real   # the real OS, environment and disk
//
// It imports the BUILT packages: run `pnpm run build` (or tsc -p tsconfig.build.json in
// packages/env, packages/paths, packages/toml-config) first.
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { createInterface } from 'node:readline';
import {
  memoryFs,
  PactConfigError,
  runtimeHost,
  runtimeInfo,
  Secret,
} from '../../../../packages/env/dist/index.js';
import { loadConfigSync } from '../../../../packages/toml-config/dist/index.js';

const REAL = process.argv.includes('--real');
const PACKAGE_JSON = new URL('../../../../packages/toml-config/package.json', import.meta.url);

function version() {
  try {
    return JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function describe() {
  const rt = runtimeInfo();
  return {
    protocol: 1,
    name: 'pact-config',
    version: version(),
    language: 'typescript',
    runtime: `${rt.name} ${rt.version}`,
    injection: !REAL,
    ident: 'js',
  };
}

/** A case path in the target OS's form: `C/Users/me` (the files/ layout) becomes `C:\Users\me` on Windows. */
function casePath(path, os) {
  if (os !== 'windows') return path;
  if (/^[A-Za-z]:/.test(path) || path.startsWith('\\\\')) return path;
  const m = /^\/?([A-Za-z])(?:[/\\](.*))?$/.exec(path);
  return m ? `${m[1].toUpperCase()}:\\${(m[2] ?? '').replaceAll('/', '\\')}` : path;
}

function decodeFile(entry) {
  if (typeof entry === 'string') return new TextEncoder().encode(entry);
  if (entry && typeof entry.base64 === 'string') {
    const bin = atob(entry.base64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  }
  if (entry && typeof entry.text === 'string') return new TextEncoder().encode(entry.text);
  throw new Error('a file entry must be {"base64": "..."}');
}

/** The case's `cli` (conformance option names) as the loader's command-line layer. */
function cliLayer(cli = {}) {
  const broker = {
    baseUrl: cli['broker-base-url'],
    username: cli['broker-username'],
    password: cli['broker-password'],
    token: cli['broker-token'],
  };
  return {
    configFile: cli['config-file'],
    dataHome: cli['data-home'],
    pluginDir: cli['plugin-dir'],
    doNotTrack: cli['do-not-track'],
    broker,
  };
}

function hostFor(input) {
  if (REAL) return runtimeHost();
  const os = input.os ?? 'linux';
  const files = {};
  for (const [path, entry] of Object.entries(input.files ?? {}))
    files[casePath(path, os)] = decodeFile(entry);
  const dirs = (input.dirs ?? []).map((d) => casePath(d, os));
  const host = {
    os,
    env: input.env ?? {},
    home: input.home ?? undefined,
    cwd: input.cwd ?? undefined,
    fs: memoryFs(files, { os, dirs }),
  };
  return { host, diagnostics: [] };
}

/** A value as JSON: secrets revealed (the suite compares them), dates as ISO text. */
function plain(value) {
  if (value instanceof Secret) return value.reveal();
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    if (typeof value.toISOString === 'function') return value.toISOString();
    const out = {};
    for (const k of Object.keys(value)) out[k] = plain(value[k]);
    return out;
  }
  return value;
}

function run(input) {
  const { host, diagnostics: hostDiagnostics } = hostFor(input);
  const ident = typeof input.ident === 'string' && input.ident !== '' ? input.ident : undefined;
  let config;
  let entries;
  let identDiagnostics = [];
  try {
    config = loadConfigSync({ host, cli: cliLayer(input.cli ?? {}) });
    entries = Object.entries(config.values(ident));
    if (ident) identDiagnostics = config.ident(ident).diagnostics;
  } catch (e) {
    if (e instanceof PactConfigError) {
      return {
        error: { code: e.code, message: e.message },
        files: [],
        values: {},
        diagnostics: [],
      };
    }
    throw e;
  }
  const values = {};
  for (const [key, v] of entries) values[key] = { value: plain(v.value), source: v.source.kind };
  const diagnostics = [...hostDiagnostics, ...config.diagnostics, ...identDiagnostics];
  return {
    error: null,
    files: config.files.map((f) => ({ path: f.path, role: f.role })),
    values,
    diagnostics: diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
    })),
  };
}

function handle(line) {
  let request;
  try {
    request = JSON.parse(line);
  } catch (e) {
    return { id: '?', fault: `not JSON: ${e.message}` };
  }
  if (request.cmd === 'describe') return describe();
  if (request.cmd === 'run') {
    const id = request.id ?? null;
    if (REAL && request.input && request.input.home === null) {
      // D23: without HOME the runtime's own home directory is used, so "no home" cannot be set up for real.
      return {
        id,
        skip: 'real mode: the runtime supplies a home directory when HOME is unset (D23)',
      };
    }
    try {
      return { id, answer: run(request.input ?? {}) };
    } catch (e) {
      // A bug of the adapter or the implementation, not an RFC error.
      return {
        id,
        fault: `adapter-crash: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      };
    }
  }
  return { id: request.id ?? null, fault: `unknown command ${JSON.stringify(request.cmd)}` };
}

// The reader went away (the runner stopped, or `| head`): end quietly.
const gone = (e) => {
  if (e?.code === 'EPIPE' || e?.name === 'BrokenPipe') process.exit(0);
  throw e;
};
process.stdout.on('error', gone);

const rl = createInterface({
  input: process.stdin,
  crlfDelay: Number.POSITIVE_INFINITY,
  terminal: false,
});
rl.on('line', (line) => {
  if (line.trim() === '') return;
  try {
    process.stdout.write(`${JSON.stringify(handle(line))}\n`);
  } catch (e) {
    gone(e);
  }
});
