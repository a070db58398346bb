const REDACTED = '[redacted]';
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
}

/** Whether a value is a {@link Secret}. */
export function isSecret(value: unknown): value is Secret {
  return value instanceof Secret;
}
