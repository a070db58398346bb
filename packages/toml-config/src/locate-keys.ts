/** A 1-based line and column in a TOML text. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * Where each key of a TOML document is written. Paths are key segments; an
 * element of an array of tables (`[[x]]`) or of an array is addressed by its
 * index as a string (`['x', '0', 'name']`).
 */
export interface KeyLocations {
  get(path: readonly string[]): Position | undefined;
  /** Number of keys located. */
  readonly size: number;
}

const SEP = '\u0000';

/** The internal map key of a key path. */
export function pathKey(path: readonly string[]): string {
  return path.join(SEP);
}

/**
 * Maps every key of a TOML document to the line and column where it is
 * written: table headers (`[a.b]`, `[[x]]`), `key =` lines, dotted keys
 * (`a.b =`), quoted keys, and members of inline tables and arrays. smol-toml
 * gives no positions, so this small scanner supplies them; it is only used
 * after smol-toml accepted the text, and it never throws.
 *
 * Lines are counted as smol-toml counts them (`\n` and `\r\n`); columns are
 * UTF-16 code units, 1-based.
 *
 * `maxDepth` bounds the key paths recorded (and the work per key): keys
 * deeper than that are not located, so a hostile `a.a.a…` of a million
 * segments costs linear time, not quadratic.
 */
export function locateKeys(
  text: string,
  options: { readonly maxDepth?: number } = {},
): KeyLocations {
  const map = new Map<string, Position>();
  const s = new Scanner(text, map, options.maxDepth ?? Number.POSITIVE_INFINITY);
  s.document();
  return { get: (path) => map.get(pathKey(path)), size: map.size };
}

const BARE = /[A-Za-z0-9_-]/;
const BARE_RUN = /[A-Za-z0-9_-]+/y;
const BARE_VALUE = /[^,\]}\n#]+/y;
const PLAIN_STRING = /[^"\\\n]+/y;

class Scanner {
  private p = 0;
  private line = 1;
  private lineStart = 0;
  private readonly arrayTables = new Map<string, number>();

  constructor(
    private readonly t: string,
    private readonly map: Map<string, Position>,
    private readonly maxDepth: number,
  ) {}

  /** `path` cut to one segment past {@link maxDepth}: deeper keys are never recorded. */
  private cap(path: string[]): string[] {
    return path.length > this.maxDepth + 1 ? path.slice(0, this.maxDepth + 1) : path;
  }

  /** How many leading segments of a dotted key under `base` can still be recorded. */
  private room(base: readonly string[], keys: readonly unknown[]): number {
    return Math.max(0, Math.min(keys.length, this.maxDepth - base.length));
  }

  private pos(): Position {
    return { line: this.line, column: this.p - this.lineStart + 1 };
  }

  private record(path: readonly string[], at: Position): void {
    if (path.length > this.maxDepth) return;
    const k = pathKey(path);
    if (!this.map.has(k)) this.map.set(k, at);
  }

  /** Advances one character, keeping line numbers. */
  private adv(): void {
    if (this.t.charCodeAt(this.p) === 10) {
      this.line++;
      this.lineStart = this.p + 1;
    }
    this.p++;
  }

  /** Skips a run matched by a sticky pattern that never spans a line end. */
  private jump(run: RegExp): void {
    run.lastIndex = this.p;
    if (run.test(this.t)) this.p = run.lastIndex;
  }

  private eof(): boolean {
    return this.p >= this.t.length;
  }

  private ch(offset = 0): string {
    return this.t[this.p + offset] ?? '';
  }

  /** Skips spaces and tabs (and, when `newlines`, line ends and comments). */
  private ws(newlines: boolean): void {
    while (!this.eof()) {
      const c = this.ch();
      if (c === ' ' || c === '\t' || c === '\r') this.adv();
      else if (newlines && c === '\n') this.adv();
      else if (newlines && c === '#') this.skipLine();
      else break;
    }
  }

  private skipLine(): void {
    // Up to the line end, not past it: nothing skipped is a line end, so the line count holds.
    const end = this.t.indexOf('\n', this.p);
    this.p = end === -1 ? Math.max(this.p, this.t.length) : end;
  }

  document(): void {
    let current: string[] = [];
    while (!this.eof()) {
      const before = this.p;
      this.ws(true);
      if (this.eof()) break;
      const c = this.ch();
      if (c === '[') {
        const array = this.ch(1) === '[';
        this.adv();
        if (array) this.adv();
        this.ws(false);
        const keys = this.key();
        if (keys.length === 0) {
          this.skipLine();
          continue;
        }
        const path = keys.map((k) => k.name);
        for (let i = 0; i < this.room([], keys); i++)
          this.record(path.slice(0, i + 1), keys[i]!.at);
        if (array) {
          const k = pathKey(path);
          const index = (this.arrayTables.get(k) ?? -1) + 1;
          this.arrayTables.set(k, index);
          current = this.cap([...path, String(index)]);
          this.record(current, keys[keys.length - 1]!.at);
        } else {
          current = this.cap(path);
        }
        this.skipLine();
      } else {
        const keys = this.key();
        if (keys.length === 0) {
          this.skipLine();
        } else {
          for (let i = 0; i < this.room(current, keys); i++) {
            this.record([...current, ...keys.slice(0, i + 1).map((x) => x.name)], keys[i]!.at);
          }
          this.ws(false);
          if (this.ch() === '=') {
            this.adv();
            this.ws(false);
            this.value(this.cap([...current, ...keys.map((k) => k.name)]));
          }
          this.skipLine();
        }
      }
      if (this.p === before) this.adv();
    }
  }

  /** A dotted key: segments with their positions. Empty when none is there. */
  private key(): { name: string; at: Position }[] {
    const out: { name: string; at: Position }[] = [];
    for (;;) {
      this.ws(false);
      const at = this.pos();
      const c = this.ch();
      let name: string | undefined;
      if (c === '"') name = this.basicString();
      else if (c === "'") name = this.literalString();
      else if (BARE.test(c)) {
        const start = this.p;
        this.jump(BARE_RUN);
        name = this.t.slice(start, this.p);
      }
      if (name === undefined) return out;
      out.push({ name, at });
      this.ws(false);
      if (this.ch() !== '.') return out;
      this.adv();
    }
  }

  /** A value; records the keys of inline tables (and their elements' keys) under `path`. */
  private value(path: string[]): void {
    const c = this.ch();
    if (c === '"' || c === "'") {
      if (this.t.startsWith(c.repeat(3), this.p)) this.multiline(c);
      else if (c === '"') this.basicString();
      else this.literalString();
      return;
    }
    if (c === '{') {
      this.adv();
      for (;;) {
        this.ws(true);
        if (this.eof()) return;
        if (this.ch() === '}') {
          this.adv();
          return;
        }
        if (this.ch() === ',') {
          this.adv();
          continue;
        }
        const before = this.p;
        const keys = this.key();
        for (let i = 0; i < this.room(path, keys); i++) {
          this.record([...path, ...keys.slice(0, i + 1).map((x) => x.name)], keys[i]!.at);
        }
        this.ws(true);
        if (this.ch() === '=') {
          this.adv();
          this.ws(true);
          this.value(this.cap([...path, ...keys.map((k) => k.name)]));
        }
        if (this.p === before) this.adv();
      }
    }
    if (c === '[') {
      this.adv();
      let index = 0;
      for (;;) {
        this.ws(true);
        if (this.eof()) return;
        if (this.ch() === ']') {
          this.adv();
          return;
        }
        if (this.ch() === ',') {
          this.adv();
          index++;
          continue;
        }
        const before = this.p;
        this.value(this.cap([...path, String(index)]));
        if (this.p === before) this.adv();
      }
    }
    // A bare value: number, boolean, date. It ends at a delimiter.
    this.jump(BARE_VALUE);
  }

  private basicString(): string {
    this.adv();
    let out = '';
    while (!this.eof()) {
      const c = this.ch();
      if (c === '"') {
        this.adv();
        return out;
      }
      if (c === '\n') return out;
      if (c !== '\\') {
        const start = this.p;
        this.jump(PLAIN_STRING);
        out += this.t.slice(start, this.p);
        continue;
      }
      const e = this.ch(1);
      this.adv();
      this.adv();
      out += unescapeChar(e, this);
    }
    return out;
  }

  /** Reads `\uXXXX` / `\UXXXXXXXX` digits for {@link unescapeChar}. */
  hex(n: number): string {
    const digits = this.t.slice(this.p, this.p + n);
    for (let i = 0; i < n; i++) this.adv();
    const code = Number.parseInt(digits, 16);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  }

  private literalString(): string {
    this.adv();
    const start = this.p;
    while (!this.eof() && this.ch() !== "'" && this.ch() !== '\n') this.adv();
    const out = this.t.slice(start, this.p);
    if (this.ch() === "'") this.adv();
    return out;
  }

  private multiline(q: string): void {
    this.adv();
    this.adv();
    this.adv();
    const close = q.repeat(3);
    while (!this.eof()) {
      if (q === '"' && this.ch() === '\\') {
        this.adv();
        this.adv();
        continue;
      }
      if (this.t.startsWith(close, this.p)) {
        this.adv();
        this.adv();
        this.adv();
        // Up to two more quotes may belong to the string (`""""` ends with a quote).
        while (this.ch() === q) this.adv();
        return;
      }
      this.adv();
    }
  }
}

const SIMPLE: Record<string, string> = {
  b: '\b',
  t: '\t',
  n: '\n',
  f: '\f',
  r: '\r',
  e: '\u001b',
  '"': '"',
  '\\': '\\',
};

function unescapeChar(e: string, s: Scanner): string {
  if (e === 'u') return s.hex(4);
  if (e === 'U') return s.hex(8);
  if (e === 'x') return s.hex(2);
  return SIMPLE[e] ?? e;
}
