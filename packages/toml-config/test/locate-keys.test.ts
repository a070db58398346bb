import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { locateKeys } from '../src/index.js';

// RFC "Format": every value and diagnostic names file:line:column, so keys must be located.
describe('RFC Format: locating keys (line and column)', () => {
  const text = [
    '# a comment [not-a-table]', // 1
    '[broker]', // 2
    '  base-url = "https://x" # trailing', // 3
    'auth = { token = "t", "user name" = \'u\' }', // 4
    '', // 5
    '[[arr]]', // 6
    'name = 1', // 7
    '[[arr]]', // 8
    'name = 2', // 9
    '[ a . "b.c" ]', // 10
    'd.e = """', // 11
    'fake = 1', // 12
    '"""', // 13
    'f = [ { g = 1 }, { h = 2 } ]', // 14
    "lit = '''", // 15
    '[not-a-header]', // 16
    "'''", // 17
    'esc = "quote \\" [x] = 1"', // 18
    '"\\u0041" = 1', // 19
  ].join('\n');
  const k = locateKeys(text);

  it('parses as TOML (the scanner is only run on valid text)', () => {
    expect(() => parse(text)).not.toThrow();
  });

  it('locates table headers and keys below them', () => {
    expect(k.get(['broker'])).toEqual({ line: 2, column: 2 });
    expect(k.get(['broker', 'base-url'])).toEqual({ line: 3, column: 3 });
  });

  it('locates inline-table members, quoted keys included', () => {
    expect(k.get(['broker', 'auth'])).toEqual({ line: 4, column: 1 });
    expect(k.get(['broker', 'auth', 'token'])).toEqual({ line: 4, column: 10 });
    expect(k.get(['broker', 'auth', 'user name'])).toEqual({ line: 4, column: 23 });
  });

  it('numbers arrays of tables by occurrence', () => {
    expect(k.get(['arr', '0', 'name'])).toEqual({ line: 7, column: 1 });
    expect(k.get(['arr', '1', 'name'])).toEqual({ line: 9, column: 1 });
  });

  it('handles dotted headers with spaces and quoted segments, and dotted keys', () => {
    expect(k.get(['a', 'b.c'])).toEqual({ line: 10, column: 7 });
    expect(k.get(['a', 'b.c', 'd'])).toEqual({ line: 11, column: 1 });
    expect(k.get(['a', 'b.c', 'd', 'e'])).toEqual({ line: 11, column: 3 });
  });

  it('does not mistake the contents of multi-line strings or escaped quotes for keys', () => {
    expect(k.get(['fake'])).toBeUndefined();
    expect(k.get(['a', 'b.c', 'fake'])).toBeUndefined();
    expect(k.get(['not-a-header'])).toBeUndefined();
    expect(k.get(['x'])).toBeUndefined();
    expect(k.get(['a', 'b.c', 'lit'])).toEqual({ line: 15, column: 1 });
    expect(k.get(['a', 'b.c', 'esc'])).toEqual({ line: 18, column: 1 });
  });

  it('locates inline tables inside arrays by index', () => {
    expect(k.get(['a', 'b.c', 'f', '0', 'g'])).toEqual({ line: 14, column: 9 });
    expect(k.get(['a', 'b.c', 'f', '1', 'h'])).toEqual({ line: 14, column: 20 });
  });

  it('unescapes quoted keys', () => {
    expect(k.get(['a', 'b.c', 'A'])).toEqual({ line: 19, column: 1 });
  });

  it('counts CRLF line ends like smol-toml', () => {
    const crlf = locateKeys('[pact]\r\n\r\ndata-home = "x"\r\n');
    expect(crlf.get(['pact', 'data-home'])).toEqual({ line: 3, column: 1 });
  });

  it('never throws on text that is not TOML', () => {
    for (const junk of ['[', '"', '"""', 'a = {', 'a = [', '[[', 'a.', '= =', '\u0000\uffff']) {
      expect(() => locateKeys(junk)).not.toThrow();
    }
  });
});
