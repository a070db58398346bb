/**
 * Identity that holds across copies of this package. The facade `pact-config` bundles
 * its own copy of `@pact-config/env`, so one process can hold two `Secret` classes (and
 * two `PactConfigError`s), which plain `instanceof` tells apart. So each class is known
 * by a key from the global symbol registry (the same key in every copy, every runtime
 * and every realm), in one of two ways:
 *
 * - **A brand method** (`Secret`): the class has a method on its prototype under the key,
 *   which answers whether `this` was built by that class's constructor, by a check of a
 *   private field (`#value in this`) that only the class's own code can make. Building an
 *   instance costs nothing more, which matters for a class every load builds several of.
 * - **A mark** (`PactConfigError`): the constructor gives the instance a non-enumerable own
 *   property under the key. It costs an `Object.defineProperty` per instance, which an
 *   error can afford; and a class with no computed member keys is one that bundlers can
 *   drop when unused (esbuild keeps a class with a `[key]()` method).
 *
 * Either way only an object a constructor built is recognised (it has the private fields
 * its methods read): not one made from the prototype, nor one whose prototype is an
 * instance. The keys are a protocol between copies: an object recognised by one promises
 * the interface that goes with it (`reveal()` and `isEmpty` for a secret; `diagnostic`
 * and `code` for an error). Change the interface, change the key.
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

/** Whether `value` is an object whose method under `key` says a branded constructor built it. */
export function hasBrand(value: unknown, key: symbol): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const check = (value as Record<symbol, unknown>)[key];
  return typeof check === 'function' && Reflect.apply(check, value, []) === true;
}

/**
 * `instanceof` for a class known by its key, called from its `static [Symbol.hasInstance]`
 * with `this`: by `recognise` (the brand or the mark) for the class that defines the
 * method, the ordinary prototype walk for a subclass (which inherits the method but must
 * not answer for every instance of its base). The class is not named inside its own body,
 * so bundlers keep its name.
 */
export function isInstance(
  cls: object,
  value: unknown,
  recognise: (value: unknown) => boolean,
): boolean {
  return Object.hasOwn(cls, Symbol.hasInstance)
    ? recognise(value)
    : Function.prototype[Symbol.hasInstance].call(cls, value);
}
