/**
 * A new empty object with a `null` prototype: no key, not even `__proto__`, reaches a
 * setter through it. Made as `{}` and then given the `null` prototype, which V8 keeps in
 * its fast mode; `Object.create(null)` makes a dictionary instead, about twice as slow to
 * fill, to list and to print. Every load makes several (values, ident merges).
 */
export function nullRecord<T>(): Record<string, T> {
  const record = {};
  Object.setPrototypeOf(record, null);
  return record as Record<string, T>;
}
