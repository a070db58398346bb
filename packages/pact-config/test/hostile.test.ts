import { readFileSync } from 'node:fs';
import { type Diagnostic, memoryFs, PactConfigError } from '@pact-config/env';
import { describe, expect, it } from 'vitest';
import { loadPactConfigSync } from '../src/index.js';

/**
 * CPU time of this process in ms. The limit is on the work an input costs, so it is
 * measured in CPU time: wall-clock time also counts the other test files sharing the cores.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

// The bad environment and command-line values of toml-config's corpus, through the whole
// facade: with a broker base URL set, the connection is built too, so the credential and
// TLS-file rules of broker-auth run on them (what the corpus marks "later").
interface BadValue {
  name: string;
  env?: Record<string, string>;
  cli?: Record<string, string>;
  files?: Record<string, string>;
  os?: 'linux' | 'windows';
  codes: string[];
  later?: string;
  ident?: string;
}
const { cases } = JSON.parse(
  readFileSync(new URL('../../toml-config/test/fixtures/bad/values.json', import.meta.url), 'utf8'),
) as { cases: BadValue[] };

/** What the facade adds for the cases the corpus leaves for broker-auth. */
const AT_CONNECTION: Record<string, string[]> = {
  'token with CRLF': ['credential-invalid'],
  'username with newline, password with NUL': ['credential-invalid'],
  'SSL_CERT_FILE is a directory': ['tls-file-unreadable'],
  'X509_CLIENT_CERT_FILE and X509_CLIENT_KEY_FILE are directories': ['tls-file-unreadable'],
  '[broker.tls] ca-file, client-cert-file, client-key-file are directories': [
    'tls-file-unreadable',
  ],
};

const protoNames = () =>
  [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) =>
    Object.getOwnPropertyNames(p).sort().join(','),
  );

describe('bad values through the facade (DESIGN "Quality bars": never a stack trace)', () => {
  const before = protoNames();

  it('every case named in AT_CONNECTION exists in the corpus', () => {
    for (const name of Object.keys(AT_CONNECTION)) expect(cases.map((c) => c.name)).toContain(name);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const env = { ...c.env };
    const hasUrl =
      'PACT_BROKER_BASE_URL' in env ||
      Object.values(c.files ?? {}).some((t) => t.includes('base-url'));
    if (!hasUrl) env.PACT_BROKER_BASE_URL = 'https://broker.example';
    const os = c.os ?? 'linux';
    const home = os === 'windows' ? 'C:\\Users\\me' : '/home/user';
    const host = {
      os,
      env,
      home,
      cwd: os === 'windows' ? 'C:\\work' : '/home/user/project',
      fs: memoryFs(c.files ?? {}, { os }),
    };
    const started = cpuMs();
    let diagnostics: readonly Diagnostic[];
    try {
      const config = loadPactConfigSync({ host, cli: c.cli });
      diagnostics = [
        ...config.diagnostics,
        ...config.broker.diagnostics,
        ...config.ident(c.ident ?? 'ruby').diagnostics,
      ];
    } catch (e) {
      // Only the documented stop: the explicit file.
      expect(e).toBeInstanceOf(PactConfigError);
      diagnostics = [(e as PactConfigError).diagnostic];
    }
    expect(cpuMs() - started).toBeLessThan(1000);
    const codes = diagnostics.map((d) => d.code);
    for (const code of [...c.codes, ...(AT_CONNECTION[c.name] ?? [])])
      expect(codes).toContain(code);
    // Each diagnostic says where it came from: a variable, an option or a file.
    for (const d of diagnostics.filter((d) => d.severity !== 'info'))
      expect(d.source, d.code).toBeDefined();
  });

  it('leaves the prototypes untouched', () => {
    expect(protoNames()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
