import type { HostFs } from '@pact-config/env';
import type { PathKind, Probe } from '@pact-config/paths';

/**
 * The loaders are written once, as generators that yield the disk work they
 * need; {@link runSync} and {@link runAsync} carry it out with `host.fs`'s
 * sync or promise API. So `loadConfigSync` and `loadConfig` cannot drift.
 */
export type Io =
  | { readonly op: 'stat'; readonly path: string }
  | { readonly op: 'read'; readonly path: string }
  | { readonly op: 'rule'; readonly rule: (probe: Probe) => unknown }
  | { readonly op: 'first'; readonly pathAt: (index: number) => string | undefined }
  | { readonly op: 'all'; readonly tasks: readonly Task<unknown>[] };

/** What {@link firstFile} found: the index of the first regular file, and every kind learnt. */
export interface FirstFile {
  /** Index of the first regular file among the paths, or -1. */
  readonly index: number;
  /** The kind of each path that was stat'ed (all of them with promises, up to the find with sync calls). */
  readonly kinds: readonly (PathKind | undefined)[];
}

/** What a read gave: the bytes, or the error (never thrown into the loader). */
export type ReadResult =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly error: unknown };

export type Task<T> = Generator<Io, T, unknown>;

/** What is at a path. Any error (EACCES, ELOOP, ENOTDIR, …) counts as missing. */
export function* stat(path: string): Task<PathKind> {
  return (yield { op: 'stat', path }) as PathKind;
}

/** Reads a file. */
export function* read(path: string): Task<ReadResult> {
  return (yield { op: 'read', path }) as ReadResult;
}

/**
 * The first regular file of the paths `pathAt(0)`, `pathAt(1)`, … up to the first
 * `undefined`. With sync calls the paths are asked for and stat'ed in order until one is
 * found, so none past it is built; with promises they are all asked for and stat'ed at
 * once, so a walk up ten directories waits for one round of stats, not ten.
 */
export function* firstFile(pathAt: (index: number) => string | undefined): Task<FirstFile> {
  return (yield { op: 'first', pathAt }) as FirstFile;
}

/**
 * Runs tasks side by side (with promises; one after the other with sync calls) and gives
 * their results in order.
 */
export function* all<T extends readonly unknown[]>(
  tasks: {
    readonly [K in keyof T]: Task<T[K]>;
  },
): Task<T> {
  return (yield { op: 'all', tasks: tasks as readonly Task<unknown>[] }) as T;
}

const NEED = Symbol('need-stat');

/**
 * Runs a pure rule that asks a synchronous {@link Probe} (the location rules of
 * `@pact-config/paths`) inside a task. Every path is stat'ed at most once:
 * with sync calls the probe stats as the rule asks, so the rule runs once; with
 * promises an unknown path stops the rule, is stat'ed, and the rule is run
 * again with the answer remembered. An error the rule throws is thrown here.
 */
export function* withProbe<T>(rule: (probe: Probe) => T): Task<T> {
  return (yield { op: 'rule', rule }) as T;
}

async function probeAsync(rule: (probe: Probe) => unknown, fs: HostFs): Promise<unknown> {
  const known = new Map<string, PathKind>();
  for (;;) {
    let wanted: string | undefined;
    const probe: Probe = (path) => {
      const kind = known.get(path);
      if (kind !== undefined) return kind;
      wanted = path;
      throw NEED;
    };
    try {
      return rule(probe);
    } catch (e) {
      if (e !== NEED || wanted === undefined) throw e;
      known.set(wanted, (await doAsync({ op: 'stat', path: wanted }, fs)) as PathKind);
    }
  }
}

function kindOf(s: { isFile(): boolean; isDirectory(): boolean } | undefined): PathKind {
  if (!s) return 'missing';
  if (s.isFile()) return 'file';
  if (s.isDirectory()) return 'directory';
  // A socket, a device: not a configuration file, not a directory.
  return 'missing';
}

const NO_THROW = { throwIfNoEntry: false } as const;

function statSyncKind(path: string, fs: HostFs): PathKind {
  try {
    return kindOf(fs.statSync(path, NO_THROW));
  } catch {
    return 'missing';
  }
}

function doSync(io: Io, fs: HostFs): unknown {
  if (io.op === 'first') {
    const kinds: PathKind[] = [];
    for (let path = io.pathAt(0); path !== undefined; path = io.pathAt(kinds.length)) {
      const kind = statSyncKind(path, fs);
      kinds.push(kind);
      if (kind === 'file') return { index: kinds.length - 1, kinds };
    }
    return { index: -1, kinds };
  }
  if (io.op === 'all') return io.tasks.map((task) => runSync(task, fs));
  if (io.op === 'rule') {
    const known = new Map<string, PathKind>();
    return io.rule((path) => {
      let kind = known.get(path);
      if (kind === undefined) {
        kind = statSyncKind(path, fs);
        known.set(path, kind);
      }
      return kind;
    });
  }
  if (io.op === 'stat') return statSyncKind(io.path, fs);
  try {
    return { ok: true, bytes: fs.readFileSync(io.path) };
  } catch (error) {
    return { ok: false, error };
  }
}

async function doAsync(io: Io, fs: HostFs): Promise<unknown> {
  if (io.op === 'first') {
    const stats: Promise<unknown>[] = [];
    for (let path = io.pathAt(0); path !== undefined; path = io.pathAt(stats.length)) {
      stats.push(doAsync({ op: 'stat', path }, fs));
    }
    const kinds = (await Promise.all(stats)) as PathKind[];
    return { index: kinds.indexOf('file'), kinds };
  }
  if (io.op === 'all') return Promise.all(io.tasks.map((task) => runAsync(task, fs)));
  if (io.op === 'rule') return probeAsync(io.rule, fs);
  if (io.op === 'stat') {
    try {
      return kindOf(await fs.promises.stat(io.path));
    } catch {
      return 'missing';
    }
  }
  try {
    return { ok: true, bytes: await fs.promises.readFile(io.path) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Runs a task with the file system's synchronous calls. */
export function runSync<T>(task: Task<T>, fs: HostFs): T {
  let step = task.next();
  while (!step.done) {
    let answer: unknown;
    try {
      answer = doSync(step.value, fs);
    } catch (e) {
      // Only a rule throws (an explicit file that is missing): raise it inside the task.
      step = task.throw(e);
      continue;
    }
    step = task.next(answer);
  }
  return step.value;
}

/** Runs a task with the file system's promise calls. */
export async function runAsync<T>(task: Task<T>, fs: HostFs): Promise<T> {
  let step = task.next();
  while (!step.done) {
    let answer: unknown;
    try {
      answer = await doAsync(step.value, fs);
    } catch (e) {
      step = task.throw(e);
      continue;
    }
    step = task.next(answer);
  }
  return step.value;
}
