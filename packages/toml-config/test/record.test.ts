// The null-prototype records the loader makes (values(), the ident merges): a key is data,
// so one named __proto__ must be an own key, never a way to the prototype.
import { describe, expect, it } from 'vitest';
import { nullRecord } from '../src/record.js';

describe('nullRecord', () => {
  it('has no prototype, so __proto__ is an own key like any other', () => {
    const r = nullRecord<unknown>();
    expect(Object.getPrototypeOf(r)).toBeNull();
    const key = '__proto__';
    r[key] = { polluted: true };
    expect(Object.keys(r)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(r)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('each call gives a new, empty record', () => {
    const a = nullRecord<number>();
    a.x = 1;
    expect(nullRecord()).toEqual({});
    expect(nullRecord()).not.toBe(a);
  });
});
