import * as nodeFs from 'node:fs';
import {
  type Diagnostic,
  describeSource,
  diagnostic,
  type EnvRecord,
  type HostFs,
  type Os,
  readPactEnv,
  Secret,
  type Source,
  type Sourced,
} from '@pact-config/env';

/** A value given with its source, or bare (then its source is `default`/`api`). */
export type Given<T> = Sourced<T> | T;

/**
 * TLS settings of one layer, as `config.broker.tls` of `@pact-config/toml-config`
 * gives them or as a caller writes them. Paths are read as given.
 */
export interface BrokerTlsSettings {
  /** A PEM bundle of extra trusted CAs (`SSL_CERT_FILE`, `ca-file`). */
  readonly caFile?: Given<string> | undefined;
  /** A directory of extra trusted CAs (`SSL_CERT_DIR`, `ca-dir`); several are joined by `:` (`;` on Windows). */
  readonly caDir?: Given<string> | undefined;
  /** The client certificate (PEM) for mutual TLS (`X509_CLIENT_CERT_FILE`, `client-cert-file`). */
  readonly clientCertFile?: Given<string> | undefined;
  /** Its private key (PEM; RSA, EC or PKCS#8, unencrypted) (`X509_CLIENT_KEY_FILE`, `client-key-file`). */
  readonly clientKeyFile?: Given<string> | undefined;
  /** `true` turns verification of the broker's certificate off (with a warning). */
  readonly disableVerification?: Given<boolean> | undefined;
}

/** TLS settings after layering: each with its source. */
export interface LayeredTls {
  readonly caFile?: Sourced<string> | undefined;
  readonly caDir?: Sourced<string> | undefined;
  readonly clientCertFile?: Sourced<string> | undefined;
  readonly clientKeyFile?: Sourced<string> | undefined;
  readonly disableVerification?: Sourced<boolean> | undefined;
}

/** The file system TLS files are read through: a {@link HostFs}, and `readdirSync` for `SSL_CERT_DIR`. */
export type TlsFs = HostFs & { readdirSync?(path: string): string[] };

/** What a connection trusts and presents. PEM text; the private key is a {@link Secret}. */
export interface BrokerTls {
  /** Extra trusted CA certificates (PEM, one per entry), added to the runtime's own roots. */
  readonly ca: readonly string[];
  /** The client certificate chain (PEM). */
  readonly cert?: string;
  /** The client private key (PEM). */
  readonly key?: Secret;
  /** Whether the broker's certificate is verified. */
  readonly verify: boolean;
}

const API: Source = { kind: 'default', detail: 'given to resolveBrokerConnection' };
const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
const KEY_BLOCK = /-----BEGIN (RSA |EC )?PRIVATE KEY-----[\s\S]*?-----END \1PRIVATE KEY-----/;
const ENCRYPTED = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/;

/** Turns a bare value into a sourced one. */
export function sourced<T>(v: Given<T> | undefined): Sourced<T> | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'object' && v !== null && 'source' in v && 'value' in v) return v as Sourced<T>;
  return { value: v as T, source: API };
}

/**
 * Layers the TLS variables over the given settings (decision D42): each of
 * `SSL_CERT_FILE`, `SSL_CERT_DIR` and the disable flags wins over its file
 * key; the client certificate and key are one block, so either variable
 * replaces both file keys.
 */
export function layerTls(
  given: BrokerTlsSettings | undefined,
  env: EnvRecord | undefined,
  os: Os,
): { settings: LayeredTls; diagnostics: Diagnostic[] } {
  const base = {
    caFile: sourced(given?.caFile),
    caDir: sourced(given?.caDir),
    clientCertFile: sourced(given?.clientCertFile),
    clientKeyFile: sourced(given?.clientKeyFile),
    disableVerification: sourced(given?.disableVerification),
  };
  if (!env) return { settings: base, diagnostics: [] };
  const read = readPactEnv(env, { os });
  const tls = read.values.tls;
  const diagnostics = read.diagnostics.filter((d) =>
    [
      'SSL_CERT_FILE',
      'SSL_CERT_DIR',
      'X509_CLIENT_CERT_FILE',
      'X509_CLIENT_KEY_FILE',
      'PACT_DISABLE_SSL_VERIFICATION',
      'PACT_BROKER_DISABLE_SSL_VERIFICATION',
    ].includes(d.source?.kind === 'env' ? d.source.name : ''),
  );
  const clientFromEnv = tls.clientCertFile !== undefined || tls.clientKeyFile !== undefined;
  return {
    settings: {
      caFile: tls.caFile ?? base.caFile,
      caDir: tls.caDir ?? base.caDir,
      clientCertFile: clientFromEnv ? tls.clientCertFile : base.clientCertFile,
      clientKeyFile: clientFromEnv ? tls.clientKeyFile : base.clientKeyFile,
      disableVerification: tls.disableVerification ?? base.disableVerification,
    },
    diagnostics,
  };
}

/**
 * Reads the TLS files named by layered settings. A file that is missing,
 * unreadable or a directory is `tls-file-unreadable`; one without the PEM
 * block it should hold (or an encrypted key) is `tls-pem-invalid`; a
 * certificate without its key (or the reverse) is `tls-client-cert-incomplete`;
 * turning verification off is the warning `tls-verify-off`. Every message
 * names the file and where it was set, never the key's content.
 */
export function loadTls(
  settings: LayeredTls,
  fs: TlsFs,
  os: Os,
): { tls: BrokerTls; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const ca: string[] = [];
  const readText = (p: Sourced<string>, what: string): string | undefined => {
    const fail = (why: string) => {
      diagnostics.push(
        diagnostic(
          'tls-file-unreadable',
          'error',
          `The ${what} ${p.value} (${describeSource(p.source)}) ${why}; it is not used.`,
          { hint: `Check the path set by ${describeSource(p.source)}.`, source: p.source },
        ),
      );
      return undefined;
    };
    let stat: ReturnType<TlsFs['statSync']>;
    try {
      stat = fs.statSync(p.value, { throwIfNoEntry: false });
    } catch (e) {
      return fail(`cannot be read (${errorCode(e)})`);
    }
    if (!stat) return fail('does not exist');
    if (stat.isDirectory()) return fail('is a directory, where a file was expected');
    try {
      return new TextDecoder().decode(fs.readFileSync(p.value));
    } catch (e) {
      return fail(`cannot be read (${errorCode(e)})`);
    }
  };
  const pemInvalid = (p: Sourced<string>, why: string, severity: 'error' | 'warning' = 'error') =>
    diagnostics.push(
      diagnostic('tls-pem-invalid', severity, `${p.value} (${describeSource(p.source)}) ${why}.`, {
        hint: 'Give a PEM file (text starting with -----BEGIN …-----).',
        source: p.source,
      }),
    );

  if (settings.caFile) {
    const text = readText(settings.caFile, 'CA file');
    if (text !== undefined) {
      const certs = text.match(CERT_BLOCK) ?? [];
      if (certs.length === 0)
        pemInvalid(settings.caFile, 'holds no PEM certificate; it is not used');
      ca.push(...certs);
    }
  }
  if (settings.caDir) {
    const source = settings.caDir.source;
    const dirs = settings.caDir.value.split(os === 'windows' ? ';' : ':').filter((d) => d !== '');
    let found = 0;
    for (const dir of dirs) {
      const p = { value: dir, source };
      let stat: ReturnType<TlsFs['statSync']>;
      try {
        stat = fs.statSync(dir, { throwIfNoEntry: false });
      } catch {
        stat = undefined;
      }
      let names: string[] | undefined;
      if (stat?.isDirectory() && fs.readdirSync) {
        try {
          names = fs.readdirSync(dir).sort();
        } catch {
          names = undefined;
        }
      }
      if (names === undefined) {
        diagnostics.push(
          diagnostic(
            'tls-file-unreadable',
            'error',
            `The CA directory ${dir} (${describeSource(source)}) ${!stat ? 'does not exist' : !stat.isDirectory() ? 'is not a directory' : 'cannot be listed'}; it is not used.`,
            { hint: `Check the path set by ${describeSource(source)}.`, source },
          ),
        );
        continue;
      }
      for (const name of names) {
        const file = `${dir.replace(/[\\/]+$/, '')}/${name}`;
        try {
          if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) continue;
          const certs = new TextDecoder().decode(fs.readFileSync(file)).match(CERT_BLOCK) ?? [];
          found += certs.length;
          ca.push(...certs);
        } catch {
          // A file in the directory that cannot be read is passed over, as OpenSSL does.
        }
      }
      if (found === 0) pemInvalid(p, 'holds no PEM certificate', 'warning');
    }
  }

  let cert: string | undefined;
  let key: Secret | undefined;
  const { clientCertFile: certFile, clientKeyFile: keyFile } = settings;
  if (certFile && keyFile) {
    const certText = readText(certFile, 'client certificate file');
    const keyText = readText(keyFile, 'client key file');
    if (certText !== undefined) {
      const blocks = certText.match(CERT_BLOCK) ?? [];
      if (blocks.length === 0)
        pemInvalid(certFile, 'holds no PEM certificate; no client certificate is sent');
      else cert = `${blocks.join('\n')}\n`;
    }
    if (keyText !== undefined) {
      const block = KEY_BLOCK.exec(keyText);
      if (ENCRYPTED.test(keyText)) {
        pemInvalid(
          keyFile,
          'is an encrypted private key, which is not supported; no client certificate is sent',
        );
      } else if (!block) {
        pemInvalid(
          keyFile,
          'holds no PEM private key (RSA, EC or PKCS#8); no client certificate is sent',
        );
      } else key = new Secret(`${block[0]}\n`);
    }
    if (!cert || !key) {
      cert = undefined;
      key = undefined;
    }
  } else if (certFile || keyFile) {
    const have = (certFile ?? keyFile) as Sourced<string>;
    diagnostics.push(
      diagnostic(
        'tls-client-cert-incomplete',
        'error',
        `A client ${certFile ? 'certificate' : 'key'} is set (${describeSource(have.source)}) without its ${certFile ? 'key' : 'certificate'}; no client certificate is sent.`,
        {
          hint: 'Set both X509_CLIENT_CERT_FILE and X509_CLIENT_KEY_FILE (or client-cert-file and client-key-file in [broker.tls]).',
          source: have.source,
        },
      ),
    );
  }

  const off = settings.disableVerification;
  if (off?.value) {
    diagnostics.push(
      diagnostic(
        'tls-verify-off',
        'warning',
        `Verification of the broker's TLS certificate is off (${describeSource(off.source)}); anyone on the network path can pose as the broker.`,
        { hint: "Trust the broker's CA instead (SSL_CERT_FILE or ca-file).", source: off.source },
      ),
    );
  }
  return {
    tls: { ca, ...(cert && { cert }), ...(key && { key }), verify: !off?.value },
    diagnostics,
  };
}

function errorCode(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : e instanceof Error ? e.message : String(e);
}

/** The runtime's own file system (`node:fs`, which Node, Bun and Deno all provide). */
export function defaultTlsFs(): TlsFs {
  return {
    readFileSync: (p) => nodeFs.readFileSync(p),
    statSync: (p, o) => nodeFs.statSync(p, o),
    readdirSync: (p) => nodeFs.readdirSync(p),
    promises: {
      readFile: (p) => nodeFs.promises.readFile(p),
      stat: (p) => nodeFs.promises.stat(p),
    },
  };
}
