/**
 * Identity that holds across copies of this package. The facade `pact-config` bundles
 * its own copy of `@pact-config/env`, so one process can hold two `Secret` classes (and
 * two `PactConfigError`s), which plain `instanceof` tells apart. Each constructor instead
 * marks the object it builds with a key from the global symbol registry (the same key in
 * every copy, every runtime and every realm), and `instanceof` and `isSecret()` look for
 * that mark.
 *
 * The mark is an own property of the instance, not of the prototype: only an object a
 * constructor built carries it (so it has the private fields its methods read), and the
 * classes stay free of module-level side effects, which bundlers can drop when unused.
 *
 * The keys are a protocol between copies: an object that carries one promises the
 * interface that goes with it (`reveal()` and `isEmpty` for a secret; `diagnostic` and
 * `code` for an error). Change the interface, change the key.
 */

/** Marks `instance` with `key`: not enumerable, not writable, not configurable. */
export function mark(instance: object, key: symbol): void {
  Object.defineProperty(instance, key, { value: true });
}

/** Whether `value` is an object a constructor marked with `key`. */
export function hasMark(value: unknown, key: symbol): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.hasOwn(value, key) &&
    (value as Record<symbol, unknown>)[key] === true
  );
}

/**
 * `instanceof` for a marked class, called from its `static [Symbol.hasInstance]` with
 * `this`: by the mark for the class that defines the method, the ordinary prototype walk
 * for a subclass (which inherits the method but must not answer for every instance of
 * its base). The class is not named inside its own body, so bundlers keep its name.
 */
export function isInstance(cls: object, key: symbol, value: unknown): boolean {
  return Object.hasOwn(cls, Symbol.hasInstance)
    ? hasMark(value, key)
    : Function.prototype[Symbol.hasInstance].call(cls, value);
}
