/**
 * Property tests of the layering (RFC "Precedence", D1, D13, D14, D29) and of
 * credentials read back from every layer. fast-check picks the layers; the
 * seed is random on each run (a failure prints the seed and the shrunk
 * counterexample to replay it).
 */
import { type EnvRecord, type Host, memoryFs, Secret, type SourceKind } from '@pact-config/env';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CliLayer, loadConfigSync, parseConfigFile } from '../src/index.js';

const RUNS = 150;
const HOME = '/home/u';
const CWD = '/home/u/p';
const LOCAL = '/home/u/p/pact.toml';
const USER = '/home/u/.config/pact/config.toml';
const EXPLICIT = '/etc/pact/explicit.toml';

// ---------------------------------------------------------------- a TOML encoder

/** A TOML basic string: `"` and `\` escaped, control characters as \uXXXX, the rest literal. */
export function tomlString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c < 0x20 || c === 0x7f) out += `\\u${c.toString(16).padStart(4, '0').toUpperCase()}`;
    else out += ch;
  }
  return `${out}"`;
}
const tomlKey = (k: string) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : tomlString(k));
type TomlValue = string | boolean | number;
const tomlValue = (v: TomlValue) => (typeof v === 'string' ? tomlString(v) : String(v));
/** `{ table: { key: value } }` as TOML text, one `[table]` per entry (dotted names allowed). */
function toToml(tables: Record<string, Record<string, TomlValue | undefined>>): string {
  let out = '';
  for (const [name, entries] of Object.entries(tables)) {
    const set = Object.entries(entries).filter(([, v]) => v !== undefined);
    if (set.length === 0) continue;
    out += `[${name.split('.').map(tomlKey).join('.')}]\n`;
    for (const [k, v] of set) out += `${tomlKey(k)} = ${tomlValue(v!)}\n`;
  }
  return out;
}

/** No lone surrogates: only such strings can be written to a UTF-8 file or a URL. */
const wellFormed = (s: string) => !/[\uD800-\uDFFF]/u.test(s);

// ---------------------------------------------------------------- layers

type Layer = 'cli' | 'env' | 'local' | 'user';
const LAYERS: readonly Layer[] = ['cli', 'env', 'local', 'user'];

interface Auth {
  username?: string;
  password?: string;
  token?: string;
}
interface LayerValues {
  dataHome?: string;
  pluginDir?: string;
  doNotTrack?: boolean;
  baseUrl?: string;
  auth: Auth;
  rubyBar?: string;
}
interface Model {
  cli: LayerValues;
  /** Raw environment values ('' tests D1); PACT_DO_NOT_TRACK as any string. */
  env: LayerValues & { dntRaw?: string };
  local?: LayerValues;
  user?: LayerValues;
  /** Credentials inside the winning base URL (D13). */
  urlCreds: boolean;
}

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });
/** Values carry their layer, so a read-back value names the layer it came from. */
function layerValues(layer: Layer): fc.Arbitrary<LayerValues> {
  const id = fc.constantFrom('a', 'b');
  const file = layer === 'local' || layer === 'user';
  return fc.record({
    // Files also get relative values: they resolve against the file's own directory.
    dataHome: opt(
      file
        ? fc.constantFrom(`/${layer}/data`, `rel-${layer}`)
        : id.map((x) => `/${layer}/data-${x}`),
    ),
    pluginDir: opt(
      file
        ? fc.constantFrom(`/${layer}/plugins`, `plug-${layer}`)
        : id.map((x) => `/${layer}/plugins-${x}`),
    ),
    doNotTrack: opt(fc.boolean()),
    baseUrl: opt(id.map((x) => `https://${layer}-${x}.example/`)),
    auth: fc.record(
      {
        username: id.map((x) => `user-${layer}-${x}`),
        password: id.map((x) => `pass-${layer}-${x}`),
        token: id.map((x) => `token-${layer}-${x}`),
      },
      { requiredKeys: [] },
    ),
    rubyBar: opt(id.map((x) => `bar-${layer}-${x}`)),
  });
}
const model: fc.Arbitrary<Model> = fc.record({
  cli: layerValues('cli'),
  env: fc
    .tuple(layerValues('env'), opt(fc.constantFrom('', '1', 'false', '0', 'no')), fc.boolean())
    .map(([v, dntRaw, blank]) => {
      // An empty variable counts as unset (D1): blank one of them sometimes.
      const out: LayerValues & { dntRaw?: string } = { ...v, auth: { ...v.auth }, dntRaw };
      if (blank && out.dataHome) out.dataHome = '';
      if (blank && out.auth.token) out.auth.token = '';
      return out;
    }),
  local: opt(layerValues('local')),
  user: opt(layerValues('user')),
  urlCreds: fc.boolean(),
});

function fileText(v: LayerValues): string {
  return toToml({
    pact: { 'data-home': v.dataHome, 'plugin-dir': v.pluginDir, 'do-not-track': v.doNotTrack },
    broker: { 'base-url': v.baseUrl },
    'broker.auth': { username: v.auth.username, password: v.auth.password, token: v.auth.token },
    ruby: { bar: v.rubyBar },
  });
}

const withCreds = (url: string) => url.replace('https://', 'https://url-user:url%40pass@');

function buildHost(m: Model, drop: ReadonlySet<Layer> = new Set()): { host: Host; cli: CliLayer } {
  const files: Record<string, string> = {};
  if (m.local && !drop.has('local')) files[LOCAL] = fileText(m.local);
  if (m.user && !drop.has('user')) files[USER] = fileText(m.user);
  const env: Record<string, string> = {};
  if (!drop.has('env')) {
    const e = m.env;
    const set = (name: string, v: string | undefined) => {
      if (v !== undefined) env[name] = v;
    };
    set('PACT_DATA_HOME', e.dataHome);
    set('PACT_PLUGIN_DIR', e.pluginDir);
    set('PACT_DO_NOT_TRACK', e.dntRaw);
    set('PACT_BROKER_BASE_URL', e.baseUrl && (m.urlCreds ? withCreds(e.baseUrl) : e.baseUrl));
    set('PACT_BROKER_USERNAME', e.auth.username);
    set('PACT_BROKER_PASSWORD', e.auth.password);
    set('PACT_BROKER_TOKEN', e.auth.token);
    set('PACT_RUBY_BAR', e.rubyBar);
  }
  const c = m.cli;
  const cli: CliLayer = drop.has('cli')
    ? {}
    : {
        dataHome: c.dataHome,
        pluginDir: c.pluginDir,
        doNotTrack: c.doNotTrack,
        broker: {
          baseUrl: c.baseUrl && (m.urlCreds ? withCreds(c.baseUrl) : c.baseUrl),
          ...c.auth,
        },
      };
  // Files' base URLs get the credentials too, so D13 applies at every layer.
  if (m.urlCreds) {
    for (const p of Object.keys(files))
      files[p] = files[p]!.replace(
        /base-url = "https:\/\//,
        'base-url = "https://url-user:url%40pass@',
      );
  }
  return { host: { os: 'linux', env, home: HOME, cwd: CWD, fs: memoryFs(files) }, cli };
}

const DIR: Record<'local' | 'user', string> = { local: '/home/u/p', user: '/home/u/.config/pact' };
/** The value a layer gives a key, as loadConfigSync reports it (D1: '' is unset). */
function layerGives(m: Model, layer: Layer, key: 'dataHome' | 'pluginDir' | 'baseUrl' | 'rubyBar') {
  // The command line has no ident values; `[ruby]` and PACT_RUBY_* do.
  if (layer === 'cli' && key === 'rubyBar') return undefined;
  const raw = m[layer]?.[key];
  if (raw === undefined || raw === '') return undefined;
  if ((key === 'dataHome' || key === 'pluginDir') && !raw.startsWith('/'))
    return `${DIR[layer as 'local' | 'user']}/${raw}`;
  return raw;
}
const kindOf = (layer: Layer): SourceKind => layer;
const reveal = (v: unknown) => (v instanceof Secret ? v.reveal() : v);

function load(m: Model, drop?: ReadonlySet<Layer>) {
  const { host, cli } = buildHost(m, drop);
  return loadConfigSync({ host, cli });
}

// ---------------------------------------------------------------- properties

describe('properties of the layering (RFC "Precedence")', () => {
  it('data-home, plugin-dir, base-url, ruby.bar: the highest layer that sets a value wins (files: relative to their own file)', () => {
    fc.assert(
      fc.property(model, (m) => {
        const values = load(m).values('ruby');
        for (const [key, name] of [
          ['dataHome', 'pact.data-home'],
          ['pluginDir', 'pact.plugin-dir'],
          ['baseUrl', 'broker.base-url'],
          ['rubyBar', 'ruby.bar'],
        ] as const) {
          const winner = LAYERS.find((l) => layerGives(m, l, key) !== undefined);
          const got = values[name];
          if (winner === undefined) {
            if (key === 'pluginDir')
              expect(got?.value).toBe(`${values['pact.data-home']?.value}/plugins`);
            if (key === 'dataHome') expect(got?.source.kind).toBe('default');
            if (key === 'baseUrl' || key === 'rubyBar') expect(got).toBeUndefined();
            continue;
          }
          expect(got?.value).toBe(layerGives(m, winner, key));
          expect(got?.source.kind).toBe(kindOf(winner));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('removing a lower layer never changes a value that a higher layer sets', () => {
    fc.assert(
      fc.property(model, fc.subarray([...LAYERS], { minLength: 1 }), (m, dropped) => {
        const all = load(m).values('ruby');
        const fewer = load(m, new Set(dropped)).values('ruby');
        for (const [key, name] of [
          ['dataHome', 'pact.data-home'],
          ['pluginDir', 'pact.plugin-dir'],
          ['baseUrl', 'broker.base-url'],
          ['rubyBar', 'ruby.bar'],
        ] as const) {
          const winner = LAYERS.find((l) => layerGives(m, l, key) !== undefined);
          if (winner === undefined || dropped.includes(winner)) continue;
          expect(fewer[name]?.value).toBe(all[name]?.value);
          expect(fewer[name]?.source).toEqual(all[name]?.source);
        }
        // D29: a `true` kept among the remaining layers still stops tracking.
        if (all['pact.do-not-track']?.value === true) {
          const src = all['pact.do-not-track'].source.kind as Layer;
          if (!dropped.includes(src)) expect(fewer['pact.do-not-track']?.value).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('do-not-track (D28, D29): true iff PACT_DO_NOT_TRACK is set (any value, "" too) or any layer says true', () => {
    fc.assert(
      fc.property(model, (m) => {
        const dnt = load(m).pact.doNotTrack;
        const says = (l: Layer) =>
          l === 'env' ? (m.env.dntRaw !== undefined ? true : undefined) : m[l]?.doNotTrack;
        const firstTrue = LAYERS.find((l) => says(l) === true);
        const firstSet = LAYERS.find((l) => says(l) !== undefined);
        expect(dnt.value).toBe(firstTrue !== undefined);
        // The source is the highest layer saying true, else the highest saying false, else default.
        expect(dnt.source.kind).toBe(firstTrue ?? firstSet ?? 'default');
      }),
      { numRuns: RUNS },
    );
  });

  it('auth is one block (D14, D13): all its fields come from the highest layer setting any, URL credentials lowest', () => {
    fc.assert(
      fc.property(model, (m) => {
        const c = load(m);
        const auth = c.broker.auth;
        const given = (l: Layer): Auth => {
          const a = (l === 'local' || l === 'user' ? m[l]?.auth : m[l].auth) ?? {};
          // Empty variables and options are unset (D1).
          return Object.fromEntries(
            Object.entries(a).filter(([, v]) => v !== '' && v !== undefined),
          );
        };
        const winner = LAYERS.find((l) => Object.keys(given(l)).length > 0);
        const fields = ['username', 'password', 'token'] as const;
        const present = fields.filter((f) => auth?.[f] !== undefined);
        const kinds = new Set(present.map((f) => auth![f]!.source.kind));
        expect(kinds.size).toBeLessThanOrEqual(1);
        if (winner) {
          const expected = given(winner);
          expect(Object.fromEntries(present.map((f) => [f, reveal(auth![f]!.value)]))).toEqual(
            expected,
          );
          expect([...kinds]).toEqual([kindOf(winner)]);
        } else if (m.urlCreds && c.broker.baseUrl) {
          // Only the winning base URL's credentials: the lowest block (D13), with the URL's source.
          expect(auth?.username?.value).toBe('url-user');
          expect(reveal(auth?.password?.value)).toBe('url@pass');
          expect(auth?.username?.source).toEqual(c.broker.baseUrl.source);
          expect(c.broker.baseUrl.value).not.toContain('url-user');
        } else {
          expect(auth).toBeUndefined();
        }
        // D12: a token in the block means Bearer.
        if (auth) expect(c.broker.scheme).toBe(auth.token ? 'bearer' : 'basic');
      }),
      { numRuns: RUNS },
    );
  });
});

describe('properties of credentials read back (broker.auth.*)', () => {
  // Any code point; lone surrogates are kept for the variable and command-line layers.
  const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 24 });
  const creds = fc.record({ username: text, password: text, token: text });
  const roundTrip = (
    where: 'cli' | 'env' | 'local' | 'user' | 'explicit',
    a: { username: string; password: string; token: string },
  ) => {
    const files: Record<string, string> = {};
    const env: EnvRecord & Record<string, string> = {};
    let cli: CliLayer = {};
    const toml = `[broker.auth]\nusername = ${tomlString(a.username)}\npassword = ${tomlString(a.password)}\ntoken = ${tomlString(a.token)}\n`;
    if (where === 'cli') cli = { broker: a };
    else if (where === 'env') {
      env.PACT_BROKER_USERNAME = a.username;
      env.PACT_BROKER_PASSWORD = a.password;
      env.PACT_BROKER_TOKEN = a.token;
    } else if (where === 'explicit') {
      files[EXPLICIT] = toml;
      env.PACT_CONFIG_FILE = EXPLICIT;
    } else files[where === 'local' ? LOCAL : USER] = toml;
    return loadConfigSync({
      host: { os: 'linux', env, home: HOME, cwd: CWD, fs: memoryFs(files) },
      cli,
    });
  };

  it('username, password and token of any Unicode are read back exactly, from every layer', () => {
    fc.assert(
      fc.property(
        creds,
        fc.constantFrom('cli', 'env', 'local', 'user', 'explicit' as const),
        (a, where) => {
          fc.pre(where === 'cli' || where === 'env' || Object.values(a).every(wellFormed));
          const c = roundTrip(where, a);
          const v = c.values();
          expect(v['broker.auth.username']?.value).toBe(a.username);
          expect(reveal(v['broker.auth.password']?.value)).toBe(a.password);
          expect(reveal(v['broker.auth.token']?.value)).toBe(a.token);
          // Nothing about credentials goes wrong silently: the only diagnostic is D12's.
          expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
          // Secrets never reach a diagnostic: they are the same whatever the password and token.
          const other = roundTrip(where, { ...a, password: 'P', token: 'T' });
          expect(JSON.stringify(c.diagnostics)).toBe(JSON.stringify(other.diagnostics));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('credentials percent-encoded in the base URL are read back exactly (D13), and leave the URL', () => {
    fc.assert(
      fc.property(
        text,
        text,
        fc.constantFrom('cli', 'env', 'local' as const),
        (user, pass, where) => {
          fc.pre(wellFormed(user) && wellFormed(pass));
          const url = `https://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@broker.example/x`;
          const files: Record<string, string> = {};
          const env: Record<string, string> = {};
          let cli: CliLayer = {};
          if (where === 'cli') cli = { broker: { baseUrl: url } };
          else if (where === 'env') env.PACT_BROKER_BASE_URL = url;
          else files[LOCAL] = `[broker]\nbase-url = ${tomlString(url)}\n`;
          const c = loadConfigSync({
            host: { os: 'linux', env, home: HOME, cwd: CWD, fs: memoryFs(files) },
            cli,
          });
          expect(c.broker.auth?.username?.value).toBe(user);
          expect(reveal(c.broker.auth?.password?.value)).toBe(pass);
          expect(c.broker.baseUrl?.value).toBe('https://broker.example/x');
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('the TOML encoder used here round-trips any well-formed string through parseConfigFile', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }).filter(wellFormed), (s) => {
        const c = roundTrip('local', { username: s || 'x', password: 'p', token: 't' });
        expect(c.values()['broker.auth.username']?.value).toBe(s || 'x');
      }),
      { numRuns: RUNS },
    );
  });
});

describe('key style (RFC "Format"): the warning follows lowercase words joined by hyphens', () => {
  it('key-style is given exactly when the key is not /^[a-z0-9]+(?:-[a-z0-9]+)*$/', () => {
    const style = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
    const keyChar = fc.constantFrom(...'abz09-_A.é '.split(''));
    fc.assert(
      fc.property(fc.array(keyChar, { minLength: 1, maxLength: 8 }), (chars) => {
        const key = chars.join('');
        const { diagnostics } = parseConfigFile(`[ruby]\n${tomlString(key)} = 1\n`, {
          path: LOCAL,
          role: 'local',
          os: 'linux',
        });
        expect(diagnostics.some((d) => d.code === 'key-style')).toBe(!style.test(key));
      }),
      { numRuns: 400 },
    );
  });
});
