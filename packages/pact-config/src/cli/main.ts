import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
// The facade's public API comes from '../index.js', which the build keeps as an import of
// dist/index.js: the command shares the library's one copy instead of bundling its own.
// Only what the facade does not export is bundled into dist/cli.js from the packages.
import { dedupeDiagnostics, diagnostic, PACT_VARIABLES, redactUrl } from '@pact-config/env';
import { LOCAL_CONFIG_NAMES, type PathKind, pathApi } from '@pact-config/paths';
import type { PluginListFs } from '@pact-config/shared-files';
import {
  type CliLayer,
  type Diagnostic,
  detectLegacyPactDir,
  type Host,
  listPlugins,
  loadPactConfigSync,
  locateConfigFile,
  type PactConfig,
  PactConfigError,
  runtimeHost,
  Secret,
  versionProperties,
} from '../index.js';
import {
  type Io,
  jsonValue,
  MASK,
  originOf,
  painter,
  showDiagnostic,
  showValue,
  table,
  wantsColor,
} from './output.js';

/** Exit codes of the `pact-config` command. */
export const EXIT = {
  /** Done; warnings may have been printed. */
  ok: 0,
  /** The configuration has an error: `doctor` found one, or the explicit file is missing. */
  error: 1,
  /** The command line was wrong. */
  usage: 2,
} as const;

const COMMANDS = ['show', 'paths', 'doctor', 'env', 'version-info'] as const;
type Command = (typeof COMMANDS)[number];

export const HELP = `pact-config: the Pact configuration in effect, and where each value came from

Usage: pact-config <command> [options]

Commands:
  show          the effective configuration (--origin: the source of every value)
  paths         every location the RFC defines, which one is used, which exist, and why
  doctor        every diagnostic with what to do about it; exits 1 on an error
  env           the Pact variables that are set (secrets masked)
  version-info  the commit, branch and build URL a publish would use, and where each came from

Options:
  --origin               show where each value came from (show)
  --json                 machine-readable output on stdout
  --ident <name>         include an implementation's [name] table and PACT_<NAME>_* variables (show)
  --show-secret <key>    print this secret instead of masking it, e.g. broker.auth.token (repeatable)
  --config-file <path>   the explicit configuration file (wins over PACT_CONFIG_FILE)
  --data-home <path>     the data home (wins over PACT_DATA_HOME)
  --plugin-dir <path>    the plugin directory (wins over PACT_PLUGIN_DIR)
  --do-not-track         do not report usage analytics
  --broker-base-url <url>, --broker-username <name>, --broker-password <pw>, --broker-token <token>
  --no-color             no colour (also NO_COLOR; FORCE_COLOR forces it)
  -h, --help             this help
  -v, --version          the version

Data goes to stdout, diagnostics to stderr. Exit codes: 0 done (warnings may have been printed),
1 the configuration has an error, 2 the command line was wrong.
`;

const OPTIONS = {
  origin: { type: 'boolean' },
  json: { type: 'boolean' },
  ident: { type: 'string' },
  'show-secret': { type: 'string', multiple: true },
  'config-file': { type: 'string' },
  'data-home': { type: 'string' },
  'plugin-dir': { type: 'string' },
  'do-not-track': { type: 'boolean' },
  'broker-base-url': { type: 'string' },
  'broker-username': { type: 'string' },
  'broker-password': { type: 'string' },
  'broker-token': { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type Args = ReturnType<typeof parse>['values'];
const parse = (argv: readonly string[]) =>
  parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });

/** What the command runs against; tests inject a host. */
export interface MainOptions {
  readonly host?: Host;
  readonly git?: (args: readonly string[]) => string | undefined;
}

/**
 * Runs the `pact-config` command and gives its exit code. It writes only to
 * `io.stdout` and `io.stderr`, so tests can run it in-process.
 */
export function main(argv: readonly string[], io: Io, options: MainOptions = {}): number {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    io.stderr.write(`pact-config: ${(e as Error).message}\nRun 'pact-config --help' for usage.\n`);
    return EXIT.usage;
  }
  const args = parsed.values;
  if (args.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  if (args.version) {
    io.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  const [command, ...rest] = parsed.positionals;
  if (command === undefined || !COMMANDS.includes(command as Command) || rest.length > 0) {
    // The words themselves are never echoed: an unquoted option value with a space
    // (`--broker-password $PW`) splits into words, and one of them may be part of a secret.
    const what =
      command === undefined
        ? 'no command given'
        : !COMMANDS.includes(command as Command)
          ? 'the first word is not a command (not shown: it may be part of a secret; a value with spaces needs quotes)'
          : `${rest.length} word${rest.length === 1 ? '' : 's'} after '${command}' that no option takes (not shown: they may be part of a secret; a value with spaces needs quotes)`;
    io.stderr.write(
      `pact-config: ${what}\nCommands: ${COMMANDS.join(', ')}. Run 'pact-config --help' for usage.\n`,
    );
    return EXIT.usage;
  }

  const color = args['no-color'] ? false : wantsColor(io, 'stdout');
  const errColor = args['no-color'] ? false : wantsColor(io, 'stderr');
  const ctx: Ctx = { io, args, paint: painter(color), errPaint: painter(errColor), options };
  const { host, diagnostics: hostDiagnostics } = options.host
    ? { host: options.host, diagnostics: [] as Diagnostic[] }
    : runtimeHost();
  if (command === 'env') return envCommand(ctx, host);
  if (command === 'version-info') return versionInfo(ctx, host);

  let config: PactConfig;
  try {
    config = loadPactConfigSync({ host, cli: cliLayer(args) });
  } catch (e) {
    if (!(e instanceof PactConfigError)) throw e;
    if (args.json) io.stdout.write(`${JSON.stringify({ error: e.diagnostic }, null, 2)}\n`);
    io.stderr.write(`${showDiagnostic(e.diagnostic, ctx.errPaint)}\n`);
    return EXIT.error;
  }
  const all = [...hostDiagnostics, ...config.diagnostics];
  if (command === 'show') return show(ctx, config, all);
  if (command === 'paths') return paths(ctx, config, all);
  return doctor(ctx, config, all);
}

interface Ctx {
  readonly io: Io;
  readonly args: Args;
  readonly paint: ReturnType<typeof painter>;
  readonly errPaint: ReturnType<typeof painter>;
  readonly options: MainOptions;
}

/** The package's version, from its package.json: the nearest one above this file (src or a bundle). */
function version(): string {
  for (const up of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'pact-config' && pkg.version) return pkg.version;
    } catch {
      // Not there: try one level up.
    }
  }
  return 'unknown';
}

function cliLayer(args: Args): CliLayer {
  return {
    configFile: args['config-file'],
    dataHome: args['data-home'],
    pluginDir: args['plugin-dir'],
    doNotTrack: args['do-not-track'],
    broker: {
      baseUrl: args['broker-base-url'],
      username: args['broker-username'],
      password: args['broker-password'],
      token: args['broker-token'],
    },
  };
}

function printDiagnostics(ctx: Ctx, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) ctx.io.stderr.write(`${showDiagnostic(d, ctx.errPaint)}\n`);
}

function json(ctx: Ctx, data: unknown): void {
  ctx.io.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
}

const revealed = (ctx: Ctx, key: string) => (ctx.args['show-secret'] ?? []).includes(key);

/**
 * A name that may hold a secret, by its words (password, token, secret, private, credential,
 * auth, a `key` word): an unknown `PACT_*` variable in `env`, an ident's key in `show`. Its
 * value is masked unless named with --show-secret; masking one too many is harmless.
 */
const SECRET_NAME = /pass|pwd|token|secret|private|credential|auth|(?:^|[-_.])key(?:$|[-_.])/i;

/** An ident's text value under a secret-looking key, as a {@link Secret}, so it prints masked. */
function identSecret(ident: string | undefined, key: string, value: unknown): unknown {
  if (ident === undefined || typeof value !== 'string') return value;
  const prefix = `${ident.toLowerCase()}.`;
  return key.startsWith(prefix) && SECRET_NAME.test(key.slice(prefix.length))
    ? new Secret(value)
    : value;
}

/**
 * A broker username shown with what follows its first `:` masked (`ci:********`). A username
 * may not hold a colon (RFC 7617; D45 refuses it when sent), so one that does is most likely
 * `user:password` written into the username: the password is not printed. `--show-secret`
 * with the key or variable name prints it whole.
 */
function maskedUsername(value: string): string {
  const colon = value.indexOf(':');
  return colon < 0 ? value : `${value.slice(0, colon + 1)}${MASK}`;
}

function show(ctx: Ctx, config: PactConfig, diagnostics: readonly Diagnostic[]): number {
  const values = Object.entries(config.values(ctx.args.ident)).map(([k, { value, source }]) => {
    const shown =
      k === 'broker.auth.username' && typeof value === 'string' && !revealed(ctx, k)
        ? maskedUsername(value)
        : identSecret(ctx.args.ident, k, value);
    return [k, { value: shown, source }] as const;
  });
  if (ctx.args.json) {
    json(ctx, {
      files: config.files,
      values: Object.fromEntries(
        values.map(([k, { value, source }]) => [
          k,
          { value: jsonValue(value, revealed(ctx, k)), source },
        ]),
      ),
      diagnostics,
    });
  } else {
    const rows = values.map(([k, { value, source }]) => {
      const cells = [`${k} = ${showValue(value, revealed(ctx, k))}`];
      return ctx.args.origin ? [ctx.paint('dim', originOf(source)), ...cells] : cells;
    });
    if (ctx.args.origin) {
      // Align on the visible width of the origin column.
      const width = Math.max(0, ...values.map(([, { source }]) => originOf(source).length));
      for (const [i, [, { source }]] of values.entries()) {
        const row = rows[i]!;
        row[0] = row[0] + ' '.repeat(width - originOf(source).length);
      }
    }
    ctx.io.stdout.write(`${rows.map((r) => r.join('  ')).join('\n')}\n`);
  }
  printDiagnostics(ctx, diagnostics);
  return EXIT.ok;
}

function kindOf(host: Host, path: string): PathKind {
  try {
    const s = host.fs.statSync(path, { throwIfNoEntry: false });
    return !s ? 'missing' : s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'missing';
  } catch {
    return 'missing';
  }
}

interface PathRow {
  readonly what: string;
  readonly path: string;
  readonly used: boolean;
  readonly exists: PathKind;
  readonly why: string;
}

function paths(ctx: Ctx, config: PactConfig, diagnostics: readonly Diagnostic[]): number {
  const { host } = config;
  const rows: PathRow[] = [];
  const row = (what: string, path: string, used: boolean, why: string) =>
    rows.push({ what, path, used, exists: kindOf(host, path), why });

  // Configuration files: the explicit one, or the local one and the user one.
  const explicit = config.files.find((f) => f.role === 'explicit');
  if (explicit) {
    row(
      'configuration file (explicit)',
      explicit.path,
      true,
      'set explicitly: only this file is read',
    );
  } else {
    const api = pathApi(host.os);
    const local = config.files.find((f) => f.role === 'local');
    if (local)
      row(
        'local configuration file',
        local.path,
        true,
        `nearest ${LOCAL_CONFIG_NAMES.join(' or ')} above ${host.cwd}`,
      );
    else if (host.cwd) {
      rows.push({
        what: 'local configuration file',
        path: api.join(host.cwd, LOCAL_CONFIG_NAMES[0]),
        used: false,
        exists: 'missing',
        why: `no ${LOCAL_CONFIG_NAMES.join(' or ')} in ${host.cwd} or above`,
      });
    }
    const user = config.files.find((f) => f.role === 'user');
    const located = locateConfigFile(host, { probe: (p) => kindOf(host, p) });
    for (const c of located.considered) {
      row('user configuration file', c.path, c.path === user?.path, ruleText(c.rule, c.source));
    }
  }
  for (const [what, loc] of [
    ['data home', config.pact.locations.dataHome],
    ['plugin directory', config.pact.locations.pluginDir],
  ] as const) {
    if (loc.considered.length === 0 && loc.path !== undefined) {
      row(what, loc.path, true, ruleText(loc.rule, loc.source));
    }
    for (const c of loc.considered)
      row(what, c.path, c.path === loc.path, ruleText(c.rule, c.source));
  }

  if (ctx.args.json) json(ctx, { locations: rows, diagnostics });
  else {
    const exists = (k: PathKind) =>
      k === 'missing' ? ctx.paint('dim', 'missing') : k === 'file' ? 'exists' : 'exists (dir)';
    ctx.io.stdout.write(
      `${table([
        ['', 'location', 'path', 'on disk', 'why'],
        ...rows.map((r) => [
          r.used ? ctx.paint('bold', '*') : ' ',
          r.what,
          r.path,
          exists(r.exists),
          r.why,
        ]),
      ])}\n* = used\n`,
    );
  }
  printDiagnostics(ctx, diagnostics);
  return EXIT.ok;
}

function ruleText(rule: string, source: { kind: string; name?: string; detail?: string }): string {
  switch (rule) {
    case 'cli':
      return `command line ${source.name ?? ''}`.trim();
    case 'env':
      return `variable ${source.name ?? ''}`.trim();
    case 'config':
      return 'set in the configuration file';
    case 'xdg':
      return `$${source.name ?? 'XDG_*'}/pact (Unix-like rule)`;
    case 'xdg-default':
      return `${source.detail ?? '~'}/pact (Unix-like rule, XDG unset)`;
    case 'appdata':
      return '%APPDATA%\\pact (Windows rule)';
    case 'fallback':
      return `${source.detail ?? '~/.pact'} (fallback)`;
    case 'data-home':
      return '<data home>/plugins (default)';
    default:
      return rule;
  }
}

function doctor(ctx: Ctx, config: PactConfig, diagnostics: readonly Diagnostic[]): number {
  const legacy = detectLegacyPactDir(config.host, { dataHome: config.pact.locations.dataHome });
  const plugins = pluginList(ctx, config);
  const found = dedupeDiagnostics([
    ...diagnostics,
    ...config.broker.diagnostics,
    ...credentialFileChecks(config),
    ...legacy.diagnostics,
    ...(plugins?.diagnostics ?? []),
  ]);
  const errors = found.filter((d) => d.severity === 'error').length;
  const warnings = found.filter((d) => d.severity === 'warning').length;
  if (ctx.args.json) {
    const installed = plugins?.plugins.map((p) => ({
      name: p.manifest.name,
      version: p.manifest.version,
      dir: p.dir,
    }));
    json(ctx, {
      ok: errors === 0,
      errors,
      warnings,
      plugins: installed ?? null,
      diagnostics: found,
    });
  } else {
    const out = ctx.io.stdout;
    out.write(
      `files read: ${config.files.length ? config.files.map((f) => `${f.path} (${f.role})`).join(', ') : 'none'}\n`,
    );
    if (plugins) {
      const names = plugins.plugins.map((p) => `${p.manifest.name} ${p.manifest.version}`);
      out.write(
        `plugins in ${plugins.dir}: ${names.length ? names.join(', ') : plugins.exists ? 'none' : 'none (the directory does not exist)'}\n`,
      );
    }
    for (const d of found) out.write(`${showDiagnostic(d, ctx.paint)}\n`);
    out.write(
      `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`,
    );
  }
  return errors ? EXIT.error : EXIT.ok;
}

/**
 * The installed plugins. The host's file system has no directory listing (the
 * configuration rules never list a directory), so an injected host lists only
 * when its `fs` offers `readdirSync`; the running process uses `node:fs`.
 */
function pluginList(ctx: Ctx, config: PactConfig) {
  const dir = config.pact.pluginDir?.value;
  if (dir === undefined) return undefined;
  const fs = config.host.fs as Partial<PluginListFs>;
  if (ctx.options.host && typeof fs.readdirSync !== 'function') return undefined;
  return listPlugins(dir, {
    os: config.host.os,
    ...(ctx.options.host && { fs: fs as PluginListFs }),
  });
}

/** A configuration file holding a password or token that group or others may read. */
function credentialFileChecks(config: PactConfig): Diagnostic[] {
  if (config.host.os === 'windows') return [];
  const out: Diagnostic[] = [];
  for (const file of config.layers.configs) {
    const auth = file.broker.auth;
    if (!auth?.password && !auth?.token) continue;
    const mode = config.host.fs.statSync(file.path, { throwIfNoEntry: false })?.mode;
    if (mode === undefined || (mode & 0o077) === 0) continue;
    out.push(
      diagnostic(
        'credentials-file-readable',
        'warning',
        `${file.path} holds a broker ${auth.token ? 'token' : 'password'} and others may read it (mode ${(mode & 0o777).toString(8)}).`,
        {
          hint: `Run chmod 600 ${file.path}, or move the secret to PACT_BROKER_TOKEN / PACT_BROKER_PASSWORD.`,
          source: { kind: file.role, file: file.path },
        },
      ),
    );
  }
  return out;
}

function envCommand(ctx: Ctx, host: Host): number {
  const known = new Map(PACT_VARIABLES.map((v) => [v.name, v]));
  const names = Object.keys(host.env)
    .filter((n) => known.has(n) || n.startsWith('PACT_'))
    .sort();
  const entries = names.map((name) => {
    const info = known.get(name);
    const secret = info?.secret ?? SECRET_NAME.test(name);
    const value = host.env[name] ?? '';
    const shown = revealed(ctx, name)
      ? value
      : secret
        ? MASK
        : name === 'PACT_BROKER_USERNAME'
          ? maskedUsername(value)
          : redactUrl(value);
    return {
      name,
      value: shown,
      secret,
      description: info?.description ?? 'implementation-specific (PACT_{IDENT}_*)',
    };
  });
  if (ctx.args.json) json(ctx, { variables: entries });
  else if (entries.length === 0) ctx.io.stdout.write('no Pact variables are set\n');
  else
    ctx.io.stdout.write(
      `${table(entries.map((e) => [`${e.name}=${e.value}`, ctx.paint('dim', `# ${e.description}`)]))}\n`,
    );
  return EXIT.ok;
}

function gitRunner(cwd: string | undefined): (args: readonly string[]) => string | undefined {
  return (args) => {
    try {
      return execFileSync('git', [...args], {
        cwd,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    } catch {
      return undefined;
    }
  };
}

function versionInfo(ctx: Ctx, host: Host): number {
  const props = versionProperties(host.env, { git: ctx.options.git ?? gitRunner(host.cwd) });
  const rows = (['branch', 'commit', 'buildUrl'] as const).map((k) => {
    const p = props[k];
    const from = !p
      ? 'not found'
      : p.source.kind === 'git'
        ? p.source.command
        : p.source.names.join(' + ');
    return { key: k, value: p?.value ?? null, from };
  });
  if (ctx.args.json)
    json(
      ctx,
      Object.fromEntries(
        rows.map((r) => [r.key, r.value === null ? null : { value: r.value, from: r.from }]),
      ),
    );
  else
    ctx.io.stdout.write(
      `${table(rows.map((r) => [r.key === 'buildUrl' ? 'build-url' : r.key, r.value ?? ctx.paint('dim', '(none)'), ctx.paint('dim', `← ${r.from}`)]))}\n`,
    );
  return EXIT.ok;
}
