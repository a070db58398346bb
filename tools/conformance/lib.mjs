// Shared by run.mjs and validate.mjs: schemas, case loading, path mapping, comparison.
// Plain Node ESM; depends only on node builtins and ajv.
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Ajv2020 from 'ajv/dist/2020.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SCHEMA_DIR = join(ROOT, 'conformance', 'schema');
export const LEVELS = ['must', 'should', 'implementation-defined'];
export const CASE_OSES = ['linux', 'macos', 'windows', 'unknown'];

/** Compiles the four schemas of conformance/schema. */
export function loadSchemas(dir = SCHEMA_DIR) {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
  });
  const out = {};
  for (const name of ['case', 'expected', 'describe', 'answer']) {
    const schema = JSON.parse(readFileSync(join(dir, `${name}.schema.json`), 'utf8'));
    out[name] = ajv.compile(schema);
  }
  return out;
}

/** One short line per ajv error. */
export function formatAjvErrors(errors) {
  return (errors ?? [])
    .filter((e) => e.keyword !== 'if')
    .map((e) => {
      const at = e.instancePath || '(root)';
      let extra = '';
      if (e.params?.additionalProperty) extra = ` '${e.params.additionalProperty}'`;
      else if (e.params?.allowedValues) extra = ` (${e.params.allowedValues.join(', ')})`;
      return `${at} ${e.message}${extra}`;
    })
    .join('; ');
}

/** The host's OS family, as a case names it. */
export function hostOs(platform = process.platform) {
  if (platform === 'win32') return 'windows';
  if (platform === 'darwin') return 'macos';
  return 'linux';
}

/** Every directory under casesDir holding a case.json (not looking inside files/), sorted by id. */
export function findCaseIds(casesDir) {
  const ids = [];
  const walk = (dir, rel) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((e) => e.isFile() && e.name === 'case.json')) {
      ids.push(rel);
      return;
    }
    for (const e of entries) {
      if (e.isDirectory() && e.name !== 'files' && !e.name.startsWith('.')) {
        walk(join(dir, e.name), rel ? `${rel}/${e.name}` : e.name);
      }
    }
  };
  walk(casesDir, '');
  return ids.sort();
}

/** The case path of a file under files/, from its path segments. */
export function casePathOf(os, segments) {
  if (os === 'windows') {
    const [drive, ...rest] = segments;
    if (!/^[A-Za-z]$/.test(drive ?? '') || rest.length === 0) return null;
    return `${drive.toUpperCase()}:\\${rest.join('\\')}`;
  }
  return `/${segments.join('/')}`;
}

/**
 * Reads a case's files/ tree: [{ path (case path), segments, data (Buffer) }].
 * problems lists what cannot be mapped (symlinks, a Windows tree without a drive letter).
 */
export function readFilesTree(caseDir, os) {
  const root = join(caseDir, 'files');
  const files = [];
  const problems = [];
  if (!existsSync(root)) return { files, problems };
  const walk = (dir, segments) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      const segs = [...segments, e.name];
      if (e.isDirectory()) walk(full, segs);
      else if (e.isFile()) {
        const path = casePathOf(os, segs);
        if (path === null) problems.push(`files/${segs.join('/')}: no drive letter (Windows case)`);
        else files.push({ path, segments: segs, data: readFileSync(full) });
      } else problems.push(`files/${segs.join('/')}: not a regular file`);
    }
  };
  walk(root, []);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, problems };
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * Loads one case. Returns { id, dir, spec, expected, files, problems }; problems is non-empty
 * when the case cannot be run (missing or invalid JSON, schema errors, unmappable files).
 */
export function loadCase(casesDir, id, schemas) {
  const dir = join(casesDir, ...id.split('/'));
  const problems = [];
  let spec = null;
  let expected = null;
  for (const [name, set] of [
    ['case.json', (v) => (spec = v)],
    ['expected.json', (v) => (expected = v)],
  ]) {
    const p = join(dir, name);
    if (!existsSync(p)) {
      problems.push(`${name} missing`);
      continue;
    }
    try {
      set(readJson(p));
    } catch (e) {
      problems.push(`${name}: ${e.message}`);
    }
  }
  if (spec && schemas && !schemas.case(spec)) {
    problems.push(`case.json: ${formatAjvErrors(schemas.case.errors)}`);
  }
  if (expected && schemas && !schemas.expected(expected)) {
    problems.push(`expected.json: ${formatAjvErrors(schemas.expected.errors)}`);
  }
  let files = [];
  if (spec && CASE_OSES.includes(spec.os)) {
    const tree = readFilesTree(dir, spec.os);
    files = tree.files;
    problems.push(...tree.problems);
  }
  return { id, dir, spec, expected, files, problems };
}

/** The run request's input for a case (injection mode). */
export function buildInput(spec, files) {
  const input = {
    os: spec.os,
    home: spec.home ?? null,
    cwd: spec.cwd,
    env: { ...(spec.env ?? {}) },
    cli: { ...(spec.cli ?? {}) },
    ident: spec.ident ?? null,
    dirs: [...(spec.dirs ?? [])],
    files: {},
  };
  for (const f of files) input.files[f.path] = { base64: f.data.toString('base64') };
  return input;
}

// ---------------------------------------------------------------------------------------------
// Real mode: path mapping into and out of a temporary directory.

/** Is p an absolute path in the case OS's own form? */
export function isCaseAbsolute(os, p) {
  if (typeof p !== 'string') return false;
  return os === 'windows' ? /^[A-Za-z]:[\\/]/.test(p) : p.startsWith('/');
}

/**
 * Maps an absolute case path into tmp: POSIX /home/u → tmp/home/u; Windows C:\Users\me →
 * tmp\C\Users\me (the same place the files/ tree is laid). Other strings are returned as they are.
 */
export function mapIn(tmp, os, p) {
  if (!isCaseAbsolute(os, p)) return p;
  if (os === 'windows') return `${tmp}\\${p[0].toUpperCase()}${p.slice(2)}`;
  return tmp + p;
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Returns a function that maps every string of a JSON value back out of tmp: tmp/home/u → /home/u,
 * tmp\C\Users → C:\Users. `variants` are the spellings of tmp (as created, real path).
 */
export function mapOutFn(variants, os) {
  const spellings = new Set();
  for (const v of variants) {
    spellings.add(v);
    spellings.add(v.replaceAll('\\', '/'));
    if (os === 'windows') spellings.add(v.replaceAll('/', '\\'));
  }
  const alternatives = [...spellings]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
  const flags = os === 'windows' || process.platform === 'win32' ? 'gi' : 'g';
  const re =
    os === 'windows'
      ? new RegExp(`(?:${alternatives})[\\\\/]([A-Za-z])(?=[\\\\/]|$)`, flags)
      : new RegExp(`(?:${alternatives})(?=/|$)`, flags);
  const mapString = (s) =>
    os === 'windows'
      ? s.replace(re, (_, drive) => `${drive.toUpperCase()}:`)
      : s.replace(re, (_m, offset, str) => (str[offset + _m.length] === '/' ? '' : '/'));
  const walk = (v) => {
    if (typeof v === 'string') return mapString(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk;
}

/** The real-mode input: every case path (home, cwd, env values, cli values, dirs, files) mapped. */
export function mapInput(tmp, input) {
  const m = (p) => mapIn(tmp, input.os, p);
  const env = {};
  for (const [k, v] of Object.entries(input.env)) env[k] = m(v);
  const cli = {};
  for (const [k, v] of Object.entries(input.cli)) cli[k] = typeof v === 'string' ? m(v) : v;
  const files = {};
  for (const [k, v] of Object.entries(input.files)) files[m(k)] = v;
  return {
    ...input,
    home: input.home === null ? null : m(input.home),
    cwd: m(input.cwd),
    env,
    cli,
    dirs: input.dirs.map(m),
    files,
  };
}

// ---------------------------------------------------------------------------------------------
// Comparison of an answer with expected.json.

export function deepEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
}

export function show(v, max = 80) {
  const s = typeof v === 'string' ? `'${v}'` : JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

const isSet = (entry) => entry != null && entry.value !== undefined && entry.value !== null;

/** Compares an answer with expected.json; returns the problems (empty: the case passes). */
export function compare(expected, answer) {
  const problems = [];
  const a = answer ?? {};
  const wantError = expected.error ?? null;
  const gotError = a.error?.code ?? null;
  if (wantError !== gotError) {
    if (wantError && !gotError)
      problems.push(`expected error '${wantError}', the run did not stop`);
    else if (!wantError) {
      const msg = a.error?.message ? `: ${show(a.error.message, 100)}` : '';
      problems.push(`unexpected error '${gotError}'${msg}`);
    } else problems.push(`expected error '${wantError}', got '${gotError}'`);
  }
  if (expected.files) {
    const fmt = (list) => `[${list.map((f) => `${f.path} (${f.role})`).join(', ')}]`;
    const got = Array.isArray(a.files) ? a.files : [];
    const same =
      got.length === expected.files.length &&
      expected.files.every((f, i) => got[i]?.path === f.path && got[i]?.role === f.role);
    if (!same) problems.push(`files: expected ${fmt(expected.files)}, got ${fmt(got)}`);
  }
  const values = a.values && typeof a.values === 'object' ? a.values : {};
  for (const [key, want] of Object.entries(expected.values ?? {})) {
    const got = values[key];
    const wantText = `${show(want.value)}${want.source ? ` (${want.source})` : ''}`;
    if (!isSet(got)) {
      problems.push(`${key}: expected ${wantText}, got nothing`);
    } else if (!deepEqual(got.value, want.value) || (want.source && got.source !== want.source)) {
      problems.push(`${key}: expected ${wantText}, got ${show(got.value)} (${got.source ?? '?'})`);
    }
  }
  for (const key of expected.absent ?? []) {
    const got = values[key];
    if (isSet(got)) {
      problems.push(`${key}: expected absent, got ${show(got.value)} (${got.source ?? '?'})`);
    }
  }
  if (expected.diagnostics) {
    const diags = Array.isArray(a.diagnostics) ? a.diagnostics : [];
    const codes = new Set(diags.map((d) => d?.code));
    if (gotError) codes.add(gotError);
    for (const code of expected.diagnostics.include ?? []) {
      if (!codes.has(code)) {
        const list = [...codes].filter(Boolean).join(', ') || 'none';
        problems.push(`diagnostic '${code}' missing (got: ${list})`);
      }
    }
    for (const code of expected.diagnostics.exclude ?? []) {
      if (codes.has(code)) problems.push(`diagnostic '${code}' must not be reported`);
    }
  }
  return problems;
}

/** Joins problems into one short reason. */
export function reasonOf(problems, max = 3) {
  if (problems.length <= max) return problems.join('; ');
  return `${problems.slice(0, max).join('; ')} (+${problems.length - max} more)`;
}

// ---------------------------------------------------------------------------------------------
// DECISIONS.md

/** The decision ids (D1…) and diagnostic codes named in DECISIONS.md. */
export function readDecisions(path) {
  const text = readFileSync(path, 'utf8');
  const decisions = new Set();
  const codes = new Set();
  let inCodes = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^#+\s/.test(line)) inCodes = /diagnostic codes/i.test(line);
    const d = /^\|\s*(D[0-9]+)\s*\|/.exec(line);
    if (d) decisions.add(d[1]);
    const c = /^\|\s*`([a-z0-9-]+)`\s*\|/.exec(line);
    if (c && inCodes) codes.add(c[1]);
  }
  return { decisions, codes };
}

/** Parses a known-failures file: one case id per line, `#` starts a comment. */
export function parseKnownFailures(text) {
  const ids = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*/, '').trim();
    if (line) ids.push(line);
  }
  return ids;
}

export function isDirectory(p) {
  try {
    return lstatSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Parses a tool's command line; `--help`/`-h` is added. Returns the values, or
 * the exit code when the tool should stop at once (0 after printing the usage,
 * 2 after a usage error).
 */
export function parseCommandLine(argv, options, usage) {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    console.error(`${e.message}\n\n${usage}`);
    return 2;
  }
  if (args.help) {
    console.log(usage);
    return 0;
  }
  return args;
}
