/**
 * The hostile-input corpus (fixtures/bad/, MANIFEST.json, values.json): every
 * file through parseConfigFile and loadConfigSync as the local, user and
 * explicit file; bad variables and command-line values through loadConfigSync.
 * Nothing may throw but the documented PactConfigError, every diagnostic the
 * manifest names carries the file and its line, each file takes under a
 * second, and no prototype is touched.
 */
import { readdirSync, readFileSync } from 'node:fs';
import {
  type Diagnostic,
  type EnvRecord,
  type Host,
  type MemoryFiles,
  memoryFs,
  type Os,
  PactConfigError,
} from '@pact-config/env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CliLayer,
  loadConfigSync,
  MAX_CONFIG_BYTES,
  MAX_CONFIG_DEPTH,
  parseConfigFile,
} from '../src/index.js';

/**
 * CPU time of this process in ms. The limit is on the work an input costs, so it is
 * measured in CPU time: wall-clock time also counts the other test files sharing the cores.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const DIR = new URL('./fixtures/bad/', import.meta.url);
interface Expect {
  codes: string[];
  loadCodes?: string[];
  location: boolean;
  note?: string;
}
const MANIFEST = JSON.parse(readFileSync(new URL('MANIFEST.json', DIR), 'utf8')) as {
  files: Record<string, Expect>;
  generated: Record<string, Expect>;
};
interface ValueCase {
  name: string;
  os?: Os;
  env?: Record<string, string>;
  cli?: CliLayer;
  files?: Record<string, string>;
  ident?: string;
  codes: string[];
  throws?: string;
}
const VALUES = JSON.parse(readFileSync(new URL('values.json', DIR), 'utf8')) as {
  cases: ValueCase[];
};

const HOME = '/home/u';
const CWD = '/home/u/p';
const LOCAL = '/home/u/p/pact.toml';
const USER = '/home/u/.config/pact/config.toml';
const EXPLICIT = '/etc/pact/explicit.toml';
const PER_FILE_MS = 1000;

function host(files: MemoryFiles, env: EnvRecord = {}, os: Os = 'linux'): Host {
  return os === 'windows'
    ? {
        os,
        env,
        home: 'C:\\Users\\u',
        cwd: 'C:\\Users\\u\\p',
        fs: memoryFs(files, { os }),
      }
    : { os, env, home: HOME, cwd: CWD, fs: memoryFs(files, { os }) };
}

/** Every own property name (and symbol) of the prototypes a merge could reach. */
const WATCHED = {
  'Object.prototype': Object.prototype,
  Object,
  'Array.prototype': Array.prototype,
  'Function.prototype': Function.prototype,
  'String.prototype': String.prototype,
} as const;
const snapshot = () =>
  Object.fromEntries(
    Object.entries(WATCHED).map(([k, v]) => [k, Reflect.ownKeys(v).map(String).sort()]),
  );
let before: ReturnType<typeof snapshot>;
beforeAll(() => {
  before = snapshot();
});
afterAll(() => {
  // After the whole corpus: no prototype gained or lost a property.
  expect(snapshot()).toEqual(before);
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  expect(typeof Object.prototype.toString).toBe('function');
});

/** Checks the manifest's codes and their locations in a list of diagnostics. */
function checkDiagnostics(
  diagnostics: readonly Diagnostic[],
  codes: readonly string[],
  file: string,
  location: boolean,
) {
  const got = diagnostics.map((d) => d.code);
  for (const code of codes) expect(got, `expected ${code}`).toContain(code);
  for (const d of diagnostics) {
    if (!codes.includes(d.code)) continue;
    const s = d.source;
    expect(s && 'file' in s ? s.file : undefined, `${d.code} names the file`).toBe(file);
    if (location && s && 'file' in s) {
      expect(s.line, `${d.code} has a line`).toBeGreaterThanOrEqual(1);
      expect(s.column, `${d.code} has a column`).toBeGreaterThanOrEqual(1);
    }
    // A person can act on it: the message names the file or the key.
    expect(d.message.length).toBeGreaterThan(0);
  }
}

/** Runs one input through every entry point; returns the slowest time. */
function runAll(name: string, bytes: Uint8Array, exp: Expect): number {
  let slowest = 0;
  const timed = <T>(f: () => T): T => {
    const start = cpuMs();
    const r = f();
    slowest = Math.max(slowest, cpuMs() - start);
    return r;
  };
  for (const role of ['local', 'user', 'explicit'] as const) {
    const path = role === 'local' ? LOCAL : role === 'user' ? USER : EXPLICIT;
    const parsed = timed(() => parseConfigFile(bytes, { path, role, os: 'linux', home: HOME }));
    checkDiagnostics(parsed.diagnostics, exp.codes, path, exp.location);

    const env = role === 'explicit' ? { PACT_CONFIG_FILE: EXPLICIT } : {};
    const loaded = timed(() => loadConfigSync({ host: host({ [path]: bytes }, env) }));
    checkDiagnostics(
      loaded.diagnostics,
      [...exp.codes, ...(exp.loadCodes ?? [])],
      path,
      exp.location,
    );
    // A file that was read is listed even when it contributes nothing (D33).
    expect(
      loaded.files.map((f) => f.path),
      name,
    ).toEqual([path]);
    // The result is usable: every public view works.
    expect(() => JSON.stringify(loaded.values('ruby'))).not.toThrow();
    expect(loaded.pact.dataHome.path).toBeDefined();
  }
  // The command-line explicit file, and the same text as a string.
  const viaCli = timed(() =>
    loadConfigSync({ host: host({ [EXPLICIT]: bytes }), cli: { configFile: EXPLICIT } }),
  );
  checkDiagnostics(
    viaCli.diagnostics,
    [...exp.codes, ...(exp.loadCodes ?? [])],
    EXPLICIT,
    exp.location,
  );
  return slowest;
}

describe('the hostile corpus: fixtures/bad/*.toml', () => {
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.toml'))
    .sort();

  it('has at least 100 files, every one in MANIFEST.json and the other way round', () => {
    expect(files.length).toBeGreaterThanOrEqual(100);
    expect(Object.keys(MANIFEST.files).sort()).toEqual(files);
  });

  it.each(files)('%s: the stable codes, located, no throw, under a second', (name) => {
    const bytes = new Uint8Array(readFileSync(new URL(name, DIR)));
    const exp = MANIFEST.files[name]!;
    expect(runAll(name, bytes, exp)).toBeLessThan(PER_FILE_MS);
  });
});

describe('the hostile corpus: generated inputs (too big to commit)', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  const deep = (n: number, seg = 'a') => Array(n).fill(seg).join('.');
  const generated: Record<string, () => Uint8Array> = {
    'ten-megabytes': () => {
      const line = enc('# a comment line that pads the file to ten megabytes.........\n');
      const out = new Uint8Array(10 * 1024 * 1024);
      for (let i = 0; i + line.length <= out.length; i += line.length) out.set(line, i);
      return out;
    },
    'one-mebibyte-plus-one': () => enc(`[pact]\n#${'x'.repeat(MAX_CONFIG_BYTES - 8)}\n`),
    'arrays-5000-deep': () => enc(`[ruby]\na = ${'['.repeat(5000)}${']'.repeat(5000)}\n`),
    'inline-tables-5000-deep': () => enc(`[ruby]\na = ${'{b='.repeat(5000)}1${'}'.repeat(5000)}\n`),
    'arrays-150-deep': () => enc(`[ruby]\na = ${'['.repeat(150)}${']'.repeat(150)}\n`),
    'dotted-key-100000-deep': () => enc(`[ruby]\n${deep(100000)} = 1\n`),
    'table-header-100000-deep': () => enc(`[${deep(100000)}]\nx = 1\n`),
    'inline-dotted-key-100000-deep': () => enc(`[ruby]\nx = { ${deep(100000)} = 1 }\n`),
    'nul-bytes-everywhere': () => enc('[pact]\0\ndata-home\0= "\0"\n\0'.repeat(100)),
    // A syntax error on a line of 200,000 '://' with no '@': its excerpt is checked for a URL
    // with credentials, in one pass (a backtracking pattern would take minutes).
    'syntax-error-long-url-line': () => enc(`[ruby]\na = "${'://x'.repeat(200000)}\n`),
    'wide-10000-tables': () =>
      enc(Array.from({ length: 10000 }, (_, i) => `[t${i}]\nkey = ${i}`).join('\n')),
  };

  it('MANIFEST.json lists every generated input', () => {
    expect(Object.keys(MANIFEST.generated).sort()).toEqual(Object.keys(generated).sort());
  });

  it.each(Object.keys(generated))(
    '%s: the stable codes, located, no throw, under a second',
    (name) => {
      const exp = MANIFEST.generated[name]!;
      expect(runAll(name, generated[name]!(), exp)).toBeLessThan(PER_FILE_MS);
    },
  );

  it(`config-too-deep points at the key past depth ${MAX_CONFIG_DEPTH}`, () => {
    const r = parseConfigFile(`[ruby]\nok = 1\n${deep(MAX_CONFIG_DEPTH + 5)} = 1\n`, {
      path: LOCAL,
      role: 'local',
      os: 'linux',
    });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['config-too-deep']);
    expect(r.diagnostics[0]!.source).toMatchObject({ line: 3, column: 2 * MAX_CONFIG_DEPTH - 1 });
    // Exactly at the limit is fine.
    const ok = parseConfigFile(`${deep(MAX_CONFIG_DEPTH)} = 1\n`, {
      path: LOCAL,
      role: 'local',
      os: 'linux',
    });
    expect(ok.diagnostics.map((d) => d.code)).not.toContain('config-too-deep');
    // One past it, where the last level is a plain value, not a table, is refused.
    const over = parseConfigFile(`${deep(MAX_CONFIG_DEPTH + 1)} = 1\n`, {
      path: LOCAL,
      role: 'local',
      os: 'linux',
    });
    expect(over.diagnostics.map((d) => d.code)).toEqual(['config-too-deep']);
  });
});

describe('bad variables and command-line values: values.json', () => {
  it.each(VALUES.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const h = host(c.files ?? {}, c.env ?? {}, c.os ?? 'linux');
    const start = cpuMs();
    if (c.throws) {
      let thrown: unknown;
      try {
        loadConfigSync({ host: h, cli: c.cli });
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(PactConfigError);
      expect((thrown as PactConfigError).code).toBe(c.throws);
      return;
    }
    const config = loadConfigSync({ host: h, cli: c.cli });
    const diagnostics = [
      ...config.diagnostics,
      ...(c.ident ? config.ident(c.ident).diagnostics : []),
    ];
    const got = diagnostics.map((d) => d.code);
    for (const code of c.codes) expect(got).toContain(code);
    // Variables and options are named as the source of their diagnostics.
    for (const d of diagnostics.filter((x) => c.codes.includes(x.code))) {
      expect(d.source?.kind).toMatch(/^(env|cli)$/);
    }
    expect(() => JSON.stringify(config.values(c.ident))).not.toThrow();
    expect(cpuMs() - start).toBeLessThan(PER_FILE_MS);
  });
});
