/**
 * Property tests of the RFC's "Path Handling" rules (resolvePathValue), for
 * every OS. fast-check picks the values; the seed is random on each run (a
 * failure prints the seed and the shrunk counterexample to replay it).
 */

import { posix } from 'node:path';
import type { Os } from '@pact-config/env';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PathOrigin, pathApi, resolveIn, resolvePathValue } from '../src/index.js';
import { isPlainPosix } from '../src/path-value.js';

const RUNS = 300;
/** A marker only the home directory holds: no generated value can spell it. */
const MARK = 'HOME_MARK';
const CTX: Record<Os, { home: string; baseDir: string }> = {
  linux: { home: `/home/${MARK}`, baseDir: '/work/pro ject' },
  macos: { home: `/Users/${MARK}`, baseDir: '/work/pro ject' },
  unknown: { home: `/home/${MARK}`, baseDir: '/work/pro ject' },
  windows: { home: `C:\\Users\\${MARK}`, baseDir: 'D:\\work\\pro ject' },
};

const os = fc.constantFrom<Os>('linux', 'macos', 'windows', 'unknown');
const origin = fc.constantFrom<PathOrigin>('file', 'env', 'cli');
/** Characters that make path rules interesting (none can spell MARK). */
const tricky = fc.constantFrom('~', '.', '/', '\\', ':', 'C', 'c', 'a', 'é', ' ', '😀', 'u', '-');
/** Any path value: mostly tricky characters, sometimes any Unicode. NUL and empty are tested apart. */
const value = fc
  .oneof(
    { weight: 4, arbitrary: fc.string({ unit: tricky, minLength: 1, maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }) },
  )
  .filter((v) => !v.includes('\0') && !v.toUpperCase().includes(MARK));
/** A relative path segment that is neither `..` nor holds a separator or a drive colon. */
const segment = fc
  .string({ unit: fc.constantFrom('~', '.', 'a', 'b', 'é', ' ', '-', '😀'), minLength: 1 })
  .filter((s) => s !== '..');

const resolve = (v: string, o: Os, from: PathOrigin) =>
  resolvePathValue(v, { os: o, ...CTX[o], origin: from });

/** An absolute path in the OS's own sense: a drive or UNC root on Windows, `/` elsewhere. */
function isFullPath(p: string, o: Os): boolean {
  const api = pathApi(o);
  return o === 'windows' ? api.isAbsolute(p) && api.parse(p).root.length > 1 : p.startsWith('/');
}

describe('properties of resolvePathValue (RFC "Path Handling")', () => {
  it('a non-empty value without NUL always resolves to an absolute path, given a home and a base', () => {
    fc.assert(
      fc.property(value, os, origin, (v, o, from) => {
        const p = resolve(v, o, from).path;
        expect(p).toBeDefined();
        expect(isFullPath(p!, o)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('resolving is idempotent: the result, resolved again with the same context, is unchanged', () => {
    fc.assert(
      fc.property(value, os, origin, (v, o, from) => {
        const once = resolve(v, o, from).path!;
        expect(resolve(once, o, from).path).toBe(once);
      }),
      { numRuns: RUNS },
    );
  });

  it('~ expands only in first position: a value not starting with ~ never gains the home', () => {
    fc.assert(
      fc.property(value, os, origin, (v, o, from) => {
        fc.pre(!v.startsWith('~'));
        expect(resolve(v, o, from).path).not.toContain(MARK);
      }),
      { numRuns: RUNS },
    );
  });

  it('`~` and `~/…` (file values: also `~\\…`, read as `~/…`; Windows: also `~\\…`) expand to the home', () => {
    fc.assert(
      fc.property(
        fc.array(segment, { maxLength: 4 }),
        os,
        origin,
        fc.boolean(),
        (segs, o, from, back) => {
          const sep = back ? '\\' : '/';
          const v = segs.length === 0 ? '~' : `~${sep}${segs.join(sep)}`;
          const expands = !back || segs.length === 0 || from === 'file' || o === 'windows';
          const p = resolve(v, o, from).path!;
          if (expands) expect(p.startsWith(pathApi(o).normalize(CTX[o].home))).toBe(true);
          else expect(p).not.toContain(MARK);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('`./~…` and `~user` are never expanded: they stay under the base directory', () => {
    fc.assert(
      fc.property(
        fc.array(segment, { maxLength: 3 }),
        segment,
        os,
        origin,
        (segs, user, o, from) => {
          for (const v of [['.', '~', ...segs].join('/'), [`~${user}`, ...segs].join('/')]) {
            fc.pre(!v.startsWith('~/') && !v.startsWith('~\\'));
            const p = resolve(v, o, from).path!;
            expect(p).not.toContain(MARK);
            expect(p.startsWith(CTX[o].baseDir)).toBe(true);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a relative value (no `..`, no leading ~ rule) resolves under its base directory, segment by segment', () => {
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 1, maxLength: 5 }),
        os,
        origin,
        (segs, o, from) => {
          fc.pre(segs[0] !== '~');
          const api = pathApi(o);
          const p = resolve(segs.join('/'), o, from).path!;
          expect(p.startsWith(CTX[o].baseDir)).toBe(true);
          // Exactly the base joined with the segments, `.` dropped, in the OS's form.
          expect(p).toBe(api.join(CTX[o].baseDir, ...segs.filter((s) => s !== '.')));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('Windows results never contain `/` (any origin: they are given in the OS form)', () => {
    fc.assert(
      fc.property(value, origin, (v, from) => {
        expect(resolve(v, 'windows', from).path).not.toContain('/');
      }),
      { numRuns: RUNS },
    );
  });

  it('file values never keep a backslash on POSIX (converted, with path-backslash); env/cli values keep theirs', () => {
    fc.assert(
      fc.property(value, fc.constantFrom<Os>('linux', 'macos', 'unknown'), origin, (v, o, from) => {
        const r = resolve(v, o, from);
        const warned = r.diagnostics.some((d) => d.code === 'path-backslash');
        expect(warned).toBe(from === 'file' && v.includes('\\'));
        if (from === 'file') expect(r.path).not.toContain('\\');
        else expect(r.path!.includes('\\')).toBe(v.includes('\\'));
      }),
      { numRuns: RUNS },
    );
  });

  it('the empty value and any value with NUL give no path, with path-empty / path-invalid', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), os, origin, (a, b, o, from) => {
        const r = resolve(`${a}\0${b}`, o, from);
        expect(r.path).toBeUndefined();
        expect(r.diagnostics.map((d) => d.code)).toEqual(['path-invalid']);
      }),
      { numRuns: 100 },
    );
    for (const o of ['linux', 'windows'] as const) {
      expect(resolve('', o, 'file').diagnostics.map((d) => d.code)).toEqual(['path-empty']);
    }
  });
});

/** Node's POSIX answer, which the shortcuts for plain paths must give: normalised, no trailing `/`. */
function nodeNormal(p: string): string {
  const n = posix.normalize(p);
  return n.length > 1 && n.endsWith('/') ? n.replace(/\/+$/, '') : n;
}

describe('plain POSIX paths skip normalize and join, with the same result', () => {
  /** Paths built of the characters that decide normalisation: separators and dots. */
  const posixPath = fc.string({ unit: fc.constantFrom('/', '.', 'a', '-'), maxLength: 10 });

  it('isPlainPosix(p) exactly when normalize gives p back, with no trailing / and no . or .. segment', () => {
    fc.assert(
      fc.property(posixPath, (p) => {
        // A relative path keeps `.` and leading `..` through normalize, but not through a join.
        const dots = p.split('/').some((s) => s === '.' || s === '..');
        const unchanged = p !== '' && posix.normalize(p) === p && (p === '/' || !p.endsWith('/'));
        expect(isPlainPosix(p)).toBe(unchanged && !dots);
      }),
      { numRuns: 2000 },
    );
    for (const p of ['/', '/a', 'a', '/a/b', '.a', '..a', 'a.', '/a/...'])
      expect(isPlainPosix(p)).toBe(true);
    for (const p of ['', '//', '/a/', '/a//b', '.', '..', '/.', '/a/..', './a', 'a/./b'])
      expect(isPlainPosix(p)).toBe(false);
  });

  it('resolveIn gives what join and normalize give, for any base and rel', () => {
    fc.assert(
      fc.property(posixPath, posixPath, (base, rel) => {
        const expected = posix.isAbsolute(rel)
          ? nodeNormal(rel)
          : nodeNormal(posix.join(base, rel));
        expect(resolveIn(posix, base, rel)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('an absolute value resolves to its normalised form without trailing / ("Path Handling")', () => {
    fc.assert(
      fc.property(posixPath, (tail) => {
        const v = `/${tail}`;
        expect(resolve(v, 'linux', 'env').path).toBe(nodeNormal(v));
      }),
      { numRuns: 2000 },
    );
  });
});
