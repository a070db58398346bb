import { type Diagnostic, diagnostic, PactConfigError } from './diagnostic.js';
import type { EnvRecord, Os } from './host.js';
import { PACT_VARIABLES } from './variables.js';

/** The RFC's own variables are not implementation-specific, whatever their prefix. */
const RFC_NAMES = new Set(PACT_VARIABLES.map((v) => v.name));

const IDENT = /^[A-Z][A-Z0-9]*$/;
const REST = /^[A-Z0-9]+(?:_[A-Z0-9]+)*$/;

/** The result of {@link identVariables}. */
export interface IdentVariables {
  /** Keys in the RFC's configuration style: `PACT_RUBY_BAR_BAZ` gives `bar-baz`. */
  readonly values: Readonly<Record<string, string>>;
  /** Which variable each key came from. */
  readonly names: Readonly<Record<string, string>>;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Collects the implementation-specific variables `PACT_{IDENT}_*` of one
 * ident (RFC "Implementation Specific") into a record whose keys follow the
 * RFC's key style: lowercase, words joined by hyphens.
 *
 * The ident must be an uppercase identifier (`RUBY`, `NET`, `JS2`); anything
 * else throws a {@link PactConfigError} with code `ident-invalid`. Variables
 * whose rest is not uppercase words joined by single underscores are skipped
 * with an `ident-variable-ignored` warning; empty values count as unset.
 * The RFC's own variables are never collected: `identVariables(env, 'BROKER')`
 * gives `PACT_BROKER_BASIC_AUTH_USERNAME` but not `PACT_BROKER_TOKEN`.
 * With `os: 'windows'` names are matched case-insensitively, as Windows does
 * (`pact_ruby_bar` is `PACT_RUBY_BAR`).
 *
 * @example
 * ```ts
 * identVariables({ PACT_RUBY_BAR: 'baz', PACT_NET_DISABLE_FOO: '1' }, 'RUBY').values;
 * // { bar: 'baz' }
 * ```
 */
export function identVariables(
  env: EnvRecord,
  ident: string,
  options: { os?: Os } = {},
): IdentVariables {
  if (!IDENT.test(ident)) {
    throw new PactConfigError(
      diagnostic(
        'ident-invalid',
        'error',
        `'${ident}' is not an uppercase identifier, so PACT_${ident}_* cannot be read.`,
        { hint: 'Use uppercase letters and digits, starting with a letter: RUBY, NET, JS.' },
      ),
    );
  }
  const prefix = `PACT_${ident}_`;
  // Plain objects: the keys are RFC-style (`bar-baz`, from REST), so never `__proto__`.
  const values: Record<string, string> = {};
  const names: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  const windows = options.os === 'windows';
  for (const original of Object.keys(env).sort()) {
    const name = windows ? original.toUpperCase() : original;
    if (!name.startsWith(prefix) || RFC_NAMES.has(name)) continue;
    const value = env[original];
    if (value === undefined || value === '') continue;
    const rest = name.slice(prefix.length);
    if (!REST.test(rest)) {
      diagnostics.push(
        diagnostic(
          'ident-variable-ignored',
          'warning',
          `${name} is not uppercase words joined by underscores, so it is ignored.`,
          {
            hint: `Rename it, e.g. ${prefix}${rest.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}.`,
            source: { kind: 'env', name },
          },
        ),
      );
      continue;
    }
    const key = rest.toLowerCase().replaceAll('_', '-');
    values[key] = value;
    names[key] = name;
  }
  return { values, names, diagnostics };
}
