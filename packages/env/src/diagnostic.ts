import { hasMark, isInstance, mark } from './brand.js';

/**
 * Where a value or a diagnostic came from.
 *
 * The `kind` strings are the ones the conformance suite uses:
 * - `cli`: the command-line layer (`name` is the option),
 * - `env`: an environment variable (`name` is the variable),
 * - `explicit` / `local` / `user`: a configuration file in that role, with the
 *   1-based line and column of the value when known,
 * - `default`: nothing set it; `detail` says which default rule applied.
 */
export type Source =
  | { readonly kind: 'cli'; readonly name: string }
  | { readonly kind: 'env'; readonly name: string }
  | {
      readonly kind: 'explicit' | 'local' | 'user';
      readonly file: string;
      readonly line?: number;
      readonly column?: number;
      readonly key?: string;
    }
  | { readonly kind: 'default'; readonly detail?: string };

/** The kinds of {@link Source}. */
export type SourceKind = Source['kind'];

/** How serious a diagnostic is. Only `error` stops a command with a non-zero exit. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * A problem or a notice, as a value. Libraries never print: they return these.
 *
 * `code` is stable and shared with the conformance suite; `message` says what
 * was wrong and where; `hint` says what to do about it.
 */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly hint?: string;
  readonly source?: Source;
}

/** A value together with the place it came from. */
export interface Sourced<T> {
  readonly value: T;
  readonly source: Source;
}

/** Builds a diagnostic; `source` and `hint` are left out when not given. */
export function diagnostic(
  code: string,
  severity: Severity,
  message: string,
  extra: { hint?: string; source?: Source } = {},
): Diagnostic {
  const d: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = { code, severity, message };
  if (extra.hint !== undefined) d.hint = extra.hint;
  if (extra.source !== undefined) d.source = extra.source;
  return d;
}

/**
 * The diagnostics without repeats, in their order: the same code, severity,
 * message and source counts once (decision D35), e.g. `env-empty` for one
 * variable noticed by two rules.
 */
export function dedupeDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = JSON.stringify([d.code, d.severity, d.message, d.source]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Describes a source for a person: `PACT_DATA_HOME`, `/p/pact.toml:3:1`, `--config-file`. */
export function describeSource(source: Source): string {
  switch (source.kind) {
    case 'cli':
      return `command-line option ${source.name}`;
    case 'env':
      return `environment variable ${source.name}`;
    case 'default':
      return source.detail ? `default (${source.detail})` : 'default';
    default: {
      const at =
        source.line !== undefined
          ? `:${source.line}${source.column ? `:${source.column}` : ''}`
          : '';
      return `${source.kind} file ${source.file}${at}`;
    }
  }
}

/**
 * Formats a diagnostic on one or two lines, compiler style:
 * `where: severity[code]: message` then an indented hint.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.source ? `${locationOf(d.source)}: ` : '';
  const head = `${where}${d.severity}[${d.code}]: ${d.message}`;
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}

function locationOf(source: Source): string {
  switch (source.kind) {
    case 'cli':
    case 'env':
      return source.name;
    case 'default':
      return 'default';
    default:
      return source.line !== undefined
        ? `${source.file}:${source.line}:${source.column ?? 1}`
        : source.file;
  }
}

/** The mark of a {@link PactConfigError} in every copy of this package (see brand.ts). */
const PACT_CONFIG_ERROR = Symbol.for('pact-config.PactConfigError');

/**
 * The one error the packages throw, for what must stop (for example
 * `PACT_CONFIG_FILE` naming a file that does not exist). It carries the
 * diagnostic; its message is the formatted diagnostic.
 *
 * `instanceof PactConfigError` also holds for an error thrown by another copy of this
 * package (the facade `pact-config` bundles its own): each copy marks its errors with
 * `Symbol.for('pact-config.PactConfigError')`.
 */
export class PactConfigError extends Error {
  override readonly name = 'PactConfigError';
  readonly diagnostic: Diagnostic;
  readonly code: string;

  constructor(d: Diagnostic) {
    super(formatDiagnostic(d));
    this.diagnostic = d;
    this.code = d.code;
    mark(this, PACT_CONFIG_ERROR);
  }

  /** Any copy's error, by its mark; the ordinary prototype walk for a subclass. */
  static override [Symbol.hasInstance](value: unknown): value is PactConfigError {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class asked, a subclass too
    return isInstance(this, value, isMarkedError);
  }
}

function isMarkedError(value: unknown): boolean {
  return hasMark(value, PACT_CONFIG_ERROR);
}
