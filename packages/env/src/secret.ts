import { hasBrand, isInstance } from './brand.js';

const REDACTED = '[redacted]';
/** The brand key of a secret in every copy of this package (see brand.ts). */
const SECRET = Symbol.for('pact-config.Secret');
const inspectNode = Symbol.for('nodejs.util.inspect.custom');
const inspectDeno = Symbol.for('Deno.customInspect');

/**
 * A secret string (a password, a token, a private key) that does not show
 * itself: `String(s)`, `JSON.stringify(s)`, `util.inspect(s)` and
 * `console.log(s)` on Node, Bun and Deno all print `[redacted]`.
 * Ask for the value by name with {@link Secret.reveal}.
 *
 * @example
 * ```ts
 * const token = new Secret('s3cr3t');
 * String(token);          // '[redacted]'
 * JSON.stringify({ token }); // '{"token":"[redacted]"}'
 * token.reveal();         // 's3cr3t'
 * ```
 *
 * `instanceof Secret` and {@link isSecret} also recognise a secret made by another copy
 * of this package (the facade `pact-config` bundles its own): every copy's `Secret` has a
 * method under `Symbol.for('pact-config.Secret')` that tells whether its own constructor
 * built the object (the value itself stays private).
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The secret itself. Call it only where the value is sent, never where it is shown. */
  reveal(): string {
    return this.#value;
  }

  /** Whether the secret is the empty string. */
  get isEmpty(): boolean {
    return this.#value.length === 0;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspectNode](): string {
    return `Secret(${REDACTED})`;
  }

  [inspectDeno](): string {
    return `Secret(${REDACTED})`;
  }

  /** Whether this constructor built `this` (see brand.ts): how every copy recognises a secret. */
  [SECRET](): boolean {
    return #value in this;
  }

  /** Any copy's secret, by its brand; the ordinary prototype walk for a subclass. */
  static [Symbol.hasInstance](value: unknown): value is Secret {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class asked, a subclass too
    return isInstance(this, value, isSecret);
  }
}

/** Whether a value is a {@link Secret}, from this copy of the package or another. */
export function isSecret(value: unknown): value is Secret {
  return hasBrand(value, SECRET);
}
