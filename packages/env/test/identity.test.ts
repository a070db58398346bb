// Secret and PactConfigError are recognised across copies of this package: the facade
// `pact-config` bundles its own copy, so one process can hold two of each class.
import { spawnSync } from 'node:child_process';
import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import * as one from '../src/index.js';

type Env = typeof one;
const d = { code: 'config-file-missing', severity: 'error', message: 'no such file' } as const;
// Secret's brand key (brand.ts): a protocol between copies, so spelled out as a copy would.
const SECRET_KEY = Symbol.for('pact-config.Secret') as keyof typeof one.Secret.prototype;

// A second copy: the same source evaluated again, every module of it anew.
vi.resetModules();
const two: Env = await import('../src/index.js');

describe('a second copy of the package', () => {
  it('is a real copy: its classes are other objects', () => {
    expect(two.Secret).not.toBe(one.Secret);
    expect(two.PactConfigError).not.toBe(one.PactConfigError);
  });

  it("recognises the other copy's secrets, both ways", () => {
    const a = new one.Secret('canary-a');
    const b = new two.Secret('canary-b');
    expect(one.isSecret(b)).toBe(true);
    expect(b instanceof one.Secret).toBe(true);
    expect(two.isSecret(a)).toBe(true);
    expect(a instanceof two.Secret).toBe(true);
  });

  it("keeps the other copy's secret secret", () => {
    const b = new two.Secret('canary-b');
    expect(b.reveal()).toBe('canary-b');
    expect(String(b)).toBe('[redacted]');
    expect(JSON.stringify({ b })).toBe('{"b":"[redacted]"}');
    expect(inspect(b)).toBe('Secret([redacted])');
    // No own property at all: the brand check is a method of the prototype.
    expect(Reflect.ownKeys(b)).toEqual([]);
    // Its value is private to its own class: the other copy's reveal() cannot read it.
    expect(() => one.Secret.prototype.reveal.call(b)).toThrow(TypeError);
  });

  it("recognises the other copy's PactConfigError, both ways", () => {
    const a = new one.PactConfigError(d);
    const b = new two.PactConfigError(d);
    expect(b instanceof one.PactConfigError).toBe(true);
    expect(a instanceof two.PactConfigError).toBe(true);
    expect(b instanceof Error).toBe(true);
    expect(b.name).toBe('PactConfigError');
    expect(b.code).toBe('config-file-missing');
    expect(b.message).toBe('error[config-file-missing]: no such file');
  });

  it('answers the same in a catch block', () => {
    let caught: unknown;
    try {
      throw new two.PactConfigError(d);
    } catch (e) {
      caught = e;
    }
    expect(caught instanceof one.PactConfigError).toBe(true);
    expect(caught instanceof one.Secret).toBe(false);
  });
});

describe('lookalikes are not recognised', () => {
  const lookalikeSecrets: [string, unknown][] = [
    [
      'an object with the same methods',
      {
        reveal: () => 'x',
        isEmpty: false,
        toString: () => '[redacted]',
        toJSON: () => '[redacted]',
      },
    ],
    [
      "an object whose prototype has Secret's methods (string keys)",
      Object.create(
        Object.defineProperties(
          {},
          Object.fromEntries(
            Object.getOwnPropertyNames(one.Secret.prototype).map((k) => [
              k,
              Object.getOwnPropertyDescriptor(one.Secret.prototype, k)!,
            ]),
          ),
        ),
      ),
    ],
    ['an object made from the prototype, not the constructor', Object.create(one.Secret.prototype)],
    ['an object whose prototype is a secret', Object.create(new one.Secret('x'))],
    ['the string "[redacted]"', '[redacted]'],
    ['a brand method under a non-registry symbol', { [Symbol('pact-config.Secret')]: () => true }],
    ['a brand method under a string key', { 'pact-config.Secret': () => true }],
    ['a brand method that answers 1, not true', { [Symbol.for('pact-config.Secret')]: () => 1 }],
    ['the registry key set to true, not a method', { [Symbol.for('pact-config.Secret')]: true }],
    [
      "Secret's brand method on an object it did not build",
      { [Symbol.for('pact-config.Secret')]: one.Secret.prototype[SECRET_KEY] },
    ],
    ['a PactConfigError (known by its own key)', new one.PactConfigError(d)],
    ['null', null],
    ['undefined', undefined],
    ['a function', () => 'x'],
  ];
  it.each(lookalikeSecrets)('not a secret: %s', (_, value) => {
    expect(one.isSecret(value)).toBe(false);
    expect(value instanceof one.Secret).toBe(false);
    expect(two.isSecret(value)).toBe(false);
  });

  const lookalikeErrors: [string, unknown][] = [
    [
      'an Error named PactConfigError with a code and a diagnostic',
      Object.assign(new Error('x'), { name: 'PactConfigError', code: d.code, diagnostic: d }),
    ],
    [
      'a plain object with the same fields',
      { name: 'PactConfigError', code: d.code, diagnostic: d },
    ],
    ['an object made from the prototype', Object.create(one.PactConfigError.prototype)],
    ['an object whose prototype is one', Object.create(new one.PactConfigError(d))],
    ['a secret', new one.Secret('x')],
    ['null', null],
  ];
  it.each(lookalikeErrors)('not a PactConfigError: %s', (_, value) => {
    expect(value instanceof one.PactConfigError).toBe(false);
    expect(value instanceof two.PactConfigError).toBe(false);
  });
});

describe('subclasses keep the ordinary instanceof', () => {
  class ConfigFileError extends one.PactConfigError {}
  class TaggedSecret extends one.Secret {}

  it('an instance of the base is not an instance of the subclass', () => {
    expect(new one.PactConfigError(d) instanceof ConfigFileError).toBe(false);
    expect(new two.PactConfigError(d) instanceof ConfigFileError).toBe(false);
    expect(new one.Secret('x') instanceof TaggedSecret).toBe(false);
  });

  it('an instance of the subclass is both', () => {
    const e = new ConfigFileError(d);
    expect(e instanceof ConfigFileError).toBe(true);
    expect(e instanceof one.PactConfigError).toBe(true);
    expect(e instanceof two.PactConfigError).toBe(true);
    const s = new TaggedSecret('x');
    expect(s instanceof TaggedSecret && one.isSecret(s) && s instanceof two.Secret).toBe(true);
  });
});

describe('the built bundle, loaded twice by Node', () => {
  it('dist/index.js?copy=2 is another copy whose secrets and errors are recognised', () => {
    // Native ESM in a child process: the bundle as a user's Node loads it, twice.
    const dist = new URL('../dist/index.js', import.meta.url).href;
    const script = `
      const one = await import(${JSON.stringify(dist)});
      const two = await import(${JSON.stringify(`${dist}?copy=2`)});
      const d = { code: 'x', severity: 'error', message: 'm' };
      const s = new two.Secret('canary');
      const e = new two.PactConfigError(d);
      console.log(JSON.stringify({
        copies: one.Secret !== two.Secret && one.PactConfigError !== two.PactConfigError,
        isSecret: one.isSecret(s),
        secretInstanceof: s instanceof one.Secret,
        errorInstanceof: e instanceof one.PactConfigError,
        back: new one.Secret('x') instanceof two.Secret && new one.PactConfigError(d) instanceof two.PactConfigError,
        shown: String(s) + JSON.stringify(s),
        lookalike: one.isSecret({ reveal: () => 'x' }) || ({ name: 'PactConfigError' } instanceof one.PactConfigError),
      }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      copies: true,
      isSecret: true,
      secretInstanceof: true,
      errorInstanceof: true,
      back: true,
      shown: '[redacted]"[redacted]"',
      lookalike: false,
    });
  });
});
