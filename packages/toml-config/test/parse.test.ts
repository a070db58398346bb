import { inspect } from 'node:util';
import { describeSource, Secret } from '@pact-config/env';
import { describe, expect, it } from 'vitest';
import {
  MAX_CONFIG_BYTES,
  type ParseFileOptions,
  parseConfigFile,
  RESERVED_KEYS,
} from '../src/index.js';

const LOCAL: ParseFileOptions = {
  path: '/work/project/.pact.toml',
  role: 'local',
  os: 'linux',
  home: '/home/user',
};
const p = (text: string | Uint8Array, file: ParseFileOptions = LOCAL) =>
  parseConfigFile(text, file);
const codes = (r: { diagnostics: readonly { code: string }[] }) => r.diagnostics.map((d) => d.code);
const enc = (s: string) => new TextEncoder().encode(s);

describe('RFC Format: the [pact] table', () => {
  it('reads the three entries of the RFC example, with their positions', () => {
    const r = p(
      '[pact]\nplugin-dir = "~/.local/share/pact/plugins"\ndata-home = "~/.local/share/pact"\ndo-not-track = true\n',
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.config.pact.pluginDir).toMatchObject({
      value: '/home/user/.local/share/pact/plugins',
      source: { kind: 'local', file: LOCAL.path, line: 2, column: 1, key: 'pact.plugin-dir' },
    });
    expect(r.config.pact.dataHome?.value).toBe('/home/user/.local/share/pact');
    expect(r.config.pact.doNotTrack).toMatchObject({
      value: true,
      source: { kind: 'local', file: LOCAL.path, line: 4, column: 1, key: 'pact.do-not-track' },
    });
  });

  it('the line and column of a key are found when read; JSON and inspection show them as fields', () => {
    const r = p('# a comment\n[pact]\n  data-home = "d"\n');
    const source = r.config.pact.dataHome?.source;
    const plain = { kind: 'local', file: LOCAL.path, line: 3, column: 3, key: 'pact.data-home' };
    expect(JSON.parse(JSON.stringify(source))).toEqual(plain);
    expect(source).toMatchObject(plain);
    expect(inspect(source)).toBe(inspect(plain));
    expect(describeSource(source!)).toContain(`${LOCAL.path}:3:3`);
  });

  it('the position getters read through the prototype give nothing, and do not throw', () => {
    const r = p('[pact]\ndata-home = "d"\n');
    const source = r.config.pact.dataHome!.source as { line?: number };
    expect(source.line).toBe(2);
    // Some test libraries read getters through the prototype.
    const proto = Object.getPrototypeOf(source) as { line?: number; column?: number };
    expect(proto.line).toBeUndefined();
    expect(proto.column).toBeUndefined();
  });

  it('a wrong type is type-mismatch with line and column; the rest of the file is used (D16)', () => {
    const r = p('[pact]\ndo-not-track = "yes"\ndata-home = 3\nplugin-dir = "plugins"\n');
    expect(codes(r)).toEqual(['type-mismatch', 'type-mismatch']);
    expect(r.diagnostics[0]?.source).toMatchObject({
      line: 2,
      column: 1,
      key: 'pact.do-not-track',
    });
    expect(r.diagnostics[1]?.source).toMatchObject({ line: 3, column: 1 });
    expect(r.config.pact.doNotTrack).toBeUndefined();
    expect(r.config.pact.dataHome).toBeUndefined();
    expect(r.config.pact.pluginDir?.value).toBe('/work/project/plugins');
  });

  it('an unknown key in [pact] is an unknown-key warning and ignored (D15)', () => {
    const r = p('[pact]\ndata-hom = "x"\n');
    expect(r.diagnostics).toMatchObject([
      { code: 'unknown-key', severity: 'warning', source: { line: 2 } },
    ]);
    expect(r.config.pact).toEqual({});
  });
});

describe('RFC Path Handling: path values in a file', () => {
  it('a relative path resolves against the directory of the file that holds it', () => {
    const local = p('[pact]\ndata-home = ".pact/data"\n');
    const user = p('[pact]\ndata-home = ".pact/data"\n', {
      path: '/home/user/.config/pact/config.toml',
      role: 'user',
      os: 'linux',
      home: '/home/user',
    });
    expect(local.config.pact.dataHome?.value).toBe('/work/project/.pact/data');
    expect(user.config.pact.dataHome?.value).toBe('/home/user/.config/pact/.pact/data');
  });

  it('~ expands only at the start; ./~ is a literal relative directory (D8)', () => {
    expect(p('[pact]\ndata-home = "./~"\n').config.pact.dataHome?.value).toBe('/work/project/~');
    expect(p('[pact]\ndata-home = "a/~/b"\n').config.pact.dataHome?.value).toBe(
      '/work/project/a/~/b',
    );
    expect(p('[pact]\ndata-home = "~"\n').config.pact.dataHome?.value).toBe('/home/user');
  });

  it('a backslash is converted, with path-backslash (D7)', () => {
    const r = p('[pact]\nplugin-dir = "a\\\\b"\n');
    expect(codes(r)).toEqual(['path-backslash']);
    expect(r.config.pact.pluginDir?.value).toBe('/work/project/a/b');
  });

  it('Windows: forward slashes give a native path against the file directory', () => {
    const r = p('[pact]\ndata-home = "data/pact"\nplugin-dir = "D:/plugins"\n', {
      path: 'C:\\work\\p\\pact.toml',
      role: 'local',
      os: 'windows',
      home: 'C:\\Users\\me',
    });
    expect(r.config.pact.dataHome?.value).toBe('C:\\work\\p\\data\\pact');
    expect(r.config.pact.pluginDir?.value).toBe('D:\\plugins');
  });

  it('an empty path is path-empty and ignored', () => {
    const r = p('[pact]\ndata-home = ""\n');
    expect(codes(r)).toEqual(['path-empty']);
    expect(r.config.pact.dataHome).toBeUndefined();
  });

  it('~ without a known home is home-unknown and ignored', () => {
    const r = p('[pact]\ndata-home = "~/x"\n', { ...LOCAL, home: undefined });
    expect(codes(r)).toEqual(['home-unknown']);
    expect(r.config.pact.dataHome).toBeUndefined();
  });
});

describe('RFC Format: the [broker] table', () => {
  it('reads base-url and auth = { username, password } as in the RFC example', () => {
    const r = p(
      '[broker]\nbase-url = "https://pact-broker.local.company.com:9292"\nauth = { username = "user", password = "password" }\n',
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.config.broker.baseUrl?.value).toBe('https://pact-broker.local.company.com:9292');
    expect(r.config.broker.auth?.username?.value).toBe('user');
    expect(r.config.broker.auth?.password?.value).toBeInstanceOf(Secret);
    expect(r.config.broker.auth?.password?.value.reveal()).toBe('password');
    expect(r.config.broker.auth?.password?.source).toMatchObject({ line: 3, column: 29 });
  });

  it('accepts the [broker.auth] table form and dotted keys', () => {
    const a = p('[broker.auth]\ntoken = "t"\n');
    expect(a.config.broker.auth?.token?.value.reveal()).toBe('t');
    expect(a.config.broker.auth?.token?.source).toMatchObject({
      line: 2,
      column: 1,
      key: 'broker.auth.token',
    });
    const b = p('[broker]\nauth.token = "t2"\n');
    expect(b.config.broker.auth?.token?.value.reveal()).toBe('t2');
  });

  it('secrets never show in JSON or messages', () => {
    const r = p('[broker]\nauth = { token = "s3cr3t", password = 5 }\n');
    expect(JSON.stringify(r)).not.toContain('s3cr3t');
    expect(codes(r)).toEqual(['type-mismatch']);
  });

  it('credentials in base-url are masked to the last @ before the host (D13): a raw @ or a space in the password too', () => {
    for (const url of ['https://u:qx7@zz9@broker.example/x', 'https://u:qx7 zz9@broker.example']) {
      const r = p(`[broker]\nbase-url = "${url}"\n`);
      expect(r.config.broker.baseUrl?.value).toBe(url.replace(/qx7.zz9/, '********'));
      expect(r.config.broker.rawBaseUrl?.value.reveal()).toBe(url);
      expect(JSON.stringify(r) + inspect(r, { depth: 9 })).not.toMatch(/qx7|zz9/);
    }
  });

  it('a base URL without http:// or https:// is base-url-no-protocol and ignored', () => {
    const r = p('[broker]\nbase-url = "broker.example.com"\n');
    expect(r.diagnostics).toMatchObject([
      { code: 'base-url-no-protocol', severity: 'error', source: { line: 2 } },
    ]);
    expect(r.config.broker.baseUrl).toBeUndefined();
    expect(p('[broker]\nbase-url = "HTTP://x"\n').config.broker.baseUrl?.value).toBe('HTTP://x');
  });

  it('unknown keys in [broker] are info, since the broker may add keys (D15)', () => {
    const r = p('[broker]\nbase-url = "http://x"\nwebhook-timeout = 5\n');
    expect(r.diagnostics).toMatchObject([{ code: 'unknown-key', severity: 'info' }]);
    expect(r.config.broker.baseUrl?.value).toBe('http://x');
  });

  it('wrong types: base-url a number, auth a string, auth fields not strings', () => {
    const r = p('[broker]\nbase-url = 1\nauth = "canary-token"\n');
    expect(codes(r)).toEqual(['type-mismatch', 'type-mismatch']);
    // `auth = "…"` is most likely a token in the wrong shape: the message never shows it.
    expect(JSON.stringify(r.diagnostics)).not.toContain('canary');
    const s = p('[broker]\nauth = { username = 1, token = "t" }\n');
    expect(codes(s)).toEqual(['type-mismatch']);
    expect(s.config.broker.auth?.username).toBeUndefined();
    expect(s.config.broker.auth?.token?.value.reveal()).toBe('t');
  });

  it('an empty auth table sets no block', () => {
    expect(p('[broker]\nauth = {}\n').config.broker.auth).toBeUndefined();
  });

  it('an unknown key inside auth is a warning (a typo there loses a credential)', () => {
    const r = p('[broker]\nauth = { tokn = "t" }\n');
    expect(r.diagnostics).toMatchObject([{ code: 'unknown-key', severity: 'warning' }]);
    expect(r.config.broker.auth).toBeUndefined();
  });
});

describe('RFC Format: top-level keys, key style, {ident} tables', () => {
  it('a top-level key is top-level-key, ignored; the rest is used (D17)', () => {
    const r = p('stray = 1\n[pact]\ndo-not-track = true\n');
    expect(r.diagnostics).toMatchObject([
      { code: 'top-level-key', severity: 'error', source: { line: 1, column: 1 } },
    ]);
    expect(r.config.pact.doNotTrack?.value).toBe(true);
    expect(r.config.idents.has('stray')).toBe(false);
  });

  it('an array of tables at the top is not a table: top-level-key', () => {
    expect(codes(p('[[ruby]]\nx = 1\n'))).toEqual(['top-level-key']);
  });

  it('keys not in lowercase-hyphen style get key-style and are still used', () => {
    const r = p('[ruby]\nfooBar = 1\nsnake_case = 2\nok-key = 3\n');
    expect(codes(r)).toEqual(['key-style', 'key-style']);
    expect(r.diagnostics[0]?.source).toMatchObject({ line: 2, column: 1 });
    expect(Object.keys(r.config.idents.get('ruby')?.values ?? {})).toEqual([
      'fooBar',
      'snake_case',
      'ok-key',
    ]);
  });

  it('{ident} tables keep their sub-tables, with sources per dotted key (D20)', () => {
    const r = p(
      '[ruby]\nbar = "baz"\n[net.foo]\ndisabled = true\n[pactflow]\nenable-other-feature = false\n',
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.config.idents.get('net')?.values).toEqual({ foo: { disabled: true } });
    expect(r.config.idents.get('net')?.sources['foo.disabled']).toMatchObject({
      line: 4,
      column: 1,
    });
    expect(r.config.idents.get('pactflow')?.values).toEqual({ 'enable-other-feature': false });
    expect([...r.config.idents.keys()]).toEqual(['ruby', 'net', 'pactflow']);
  });
});

describe("secrets never show in a syntax error's excerpt", () => {
  it.each([
    ['[broker]\nauth = { username = "u", password = "canary-pw }\n', 2],
    ['[broker.auth]\ntoken = "canary-tok\n', 2],
    ['[broker]\nbase-url = "https://u:canary-pw@host\n', 2],
    // A space or a quote in the URL's password, or an '@' after a '/', is still masked.
    ['[broker]\nbase-url = "https://u:canary pw@host\n', 2],
    ['[broker]\nbase-url = "https://u:canary"pw@host"\n', 2],
    ['[broker]\nbase-url = "https://u:canary/pw@host\n', 2],
    // Without its https:// too.
    ['[broker]\nbase-url = "ci:canary@broker.example.com\n', 2],
    ['[ruby]\napi-secret = canary-bare\n', 2],
    // The continuation lines of a multi-line password look like nothing in particular.
    ['[broker.auth]\npassword = """\ncorrect horse canary\\q\n"""\n', 3],
    ["[broker.auth]\npassword = '''\nfirst line\ncorrect horse canary\u0001\n'''\n", 4],
  ])('%j', (text, line) => {
    const r = p(text);
    expect(r.diagnostics).toMatchObject([{ code: 'toml-syntax', source: { line } }]);
    expect(JSON.stringify(r.diagnostics)).not.toContain('canary');
    expect(r.diagnostics[0]?.message).toContain('********');
  });

  it('keeps the excerpt of a line without a credential', () => {
    const r = p('[pact]\ndata-home = "unterminated\n');
    expect(r.diagnostics[0]?.message).toContain('data-home = "unterminated');
  });
});

describe('RFC Format: bad files never crash and never pollute', () => {
  it('an empty file (or only comments) is an empty config, no diagnostic', () => {
    for (const t of ['', '\n\n', '# nothing\n', enc('')]) {
      const r = p(t);
      expect(r.diagnostics).toEqual([]);
      expect(r.config.pact).toEqual({});
      expect(r.config.idents.size).toBe(0);
    }
  });

  it('a UTF-8 BOM is dropped silently (bytes and string)', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc('[pact]\ndo-not-track = true\n')]);
    for (const input of [bytes, '\uFEFF[pact]\ndo-not-track = true\n']) {
      const r = p(input);
      expect(r.diagnostics).toEqual([]);
      expect(r.config.pact.doNotTrack?.source).toMatchObject({ line: 2, column: 1 });
    }
  });

  it('invalid UTF-8 is toml-encoding naming the line and column; the whole file is ignored (D18)', () => {
    const bytes = new Uint8Array([
      ...enc('[pact]\ndo-not-track = true\n[ruby]\nx = "ab'),
      0xff,
      ...enc('"\n'),
    ]);
    const r = p(bytes);
    expect(r.diagnostics).toMatchObject([
      {
        code: 'toml-encoding',
        severity: 'error',
        source: { kind: 'local', file: LOCAL.path, line: 4, column: 8 },
      },
    ]);
    expect(r.config.pact).toEqual({});
  });

  it('a syntax error is toml-syntax with line, column and the offending line (D18)', () => {
    const r = p('[pact]\ndo-not-track = true\ndata-home = "unterminated\n');
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(d.code).toBe('toml-syntax');
    expect(d.source).toMatchObject({ kind: 'local', file: LOCAL.path, line: 3 });
    expect(d.message).toContain(`${LOCAL.path}:3:`);
    expect(d.message).toContain('data-home = "unterminated');
    expect(r.config.pact).toEqual({});
  });

  it('duplicate keys and redefined tables are toml-syntax', () => {
    const dup = p('[pact]\ndo-not-track = true\ndo-not-track = false\n');
    expect(dup.diagnostics).toMatchObject([
      { code: 'toml-syntax', source: { line: 3, column: 1 } },
    ]);
    expect(codes(p('[pact]\n[pact]\n'))).toEqual(['toml-syntax']);
  });

  it('a very long offending line is shortened in the message', () => {
    const r = p(`[ruby]\nx = ${'1'.repeat(200_000)}z\n`);
    expect(codes(r)).toEqual(['toml-syntax']);
    expect(r.diagnostics[0]!.message.length).toBeLessThan(600);
  });

  it('__proto__, constructor and prototype keys are reserved-key, dropped, and Object.prototype is untouched', () => {
    const r = p(
      '[ruby]\n__proto__ = { polluted = true }\nconstructor = 1\n[ruby.prototype]\nx = 1\n[__proto__]\npolluted = true\n[broker]\nauth = { __proto__ = "x", token = "t" }\n',
    );
    expect(codes(r)).toEqual([
      'reserved-key',
      'reserved-key',
      'reserved-key',
      'reserved-key',
      'reserved-key',
    ]);
    expect(r.diagnostics[0]?.source).toMatchObject({ line: 2, column: 1, key: 'ruby.__proto__' });
    const ruby = r.config.idents.get('ruby')!;
    expect(Object.keys(ruby.values)).toEqual([]);
    expect(Object.getPrototypeOf(ruby.values)).toBeNull();
    expect(r.config.idents.has('__proto__')).toBe(false);
    expect(r.config.broker.auth?.token?.value.reveal()).toBe('t');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it.each([...RESERVED_KEYS])(
    'the reserved key %s is found in a file with nothing else to report (D26)',
    (key) => {
      // The key check's first pass tests the reserved keys in style by name: a key added to
      // RESERVED_KEYS must be caught there too.
      const r = p(`[ruby]\nok = 1\n"${key}" = 1\n`);
      expect(codes(r)).toEqual(['reserved-key']);
      expect(Object.keys(r.config.idents.get('ruby')!.values)).toEqual(['ok']);
    },
  );

  it('a file up to the 1 MiB cap parses, values located to the end', () => {
    const lines = ['[ruby]'];
    for (let i = 0; i < 25_000; i++) lines.push(`key-${i} = "${'v'.repeat(20)}"`);
    const text = lines.join('\n');
    expect(text.length).toBeGreaterThan(800_000);
    expect(text.length).toBeLessThan(MAX_CONFIG_BYTES);
    const start = performance.now();
    const r = p(text);
    expect(performance.now() - start).toBeLessThan(2_000);
    expect(r.diagnostics).toEqual([]);
    expect(r.config.idents.get('ruby')?.sources['key-24999']).toMatchObject({
      line: 25_001,
      column: 1,
    });
  });

  it('a file of several megabytes is refused at once with config-too-large (D31)', () => {
    const big = `[pact]\ndo-not-track = true\n${'# padding\n'.repeat(1_000_000)}`;
    const start = performance.now();
    const r = p(enc(big));
    expect(performance.now() - start).toBeLessThan(500);
    expect(r.diagnostics).toMatchObject([
      {
        code: 'config-too-large',
        severity: 'error',
        source: { kind: 'local', file: LOCAL.path, line: 1 },
      },
    ]);
    expect(r.config.pact).toEqual({});
  });

  it('garbage under the cap ends in one toml-syntax', () => {
    const r = p(new Uint8Array(MAX_CONFIG_BYTES).fill(0x41));
    expect(codes(r)).toEqual(['toml-syntax']);
  });

  it('deep nesting ends in a diagnostic, not a stack overflow', () => {
    const r = p(`[ruby]\nx = ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    expect(codes(r)).toEqual(['toml-syntax']);
  });

  it('dates, numbers and arrays in an ident table are kept as TOML values', () => {
    const r = p('[ruby]\nwhen = 1979-05-27T07:32:00Z\nlist = [1, 2]\nn = 1.5\n');
    const v = r.config.idents.get('ruby')!.values;
    expect(v.list).toEqual([1, 2]);
    expect(v.n).toBe(1.5);
    expect((v.when as Date).toISOString()).toContain('1979-05-27');
  });
});
