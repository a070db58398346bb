import type { HostFs, HostStat, Os } from './host.js';

/** The files of a {@link memoryFs}: absolute path to contents. */
export type MemoryFiles = Readonly<Record<string, string | Uint8Array>>;

/**
 * An in-memory {@link HostFs} for tests and for the conformance adapter. Its
 * paths follow the rules of `os`, not of the running machine: with
 * `os: 'windows'`, `C:\Users\me\pact.toml` and `c:/users/me/pact.toml` are the
 * same file, which memfs cannot model on Linux. Every parent directory of a
 * file exists; `dirs` adds empty ones.
 *
 * @example
 * ```ts
 * const fs = memoryFs({ 'C:\\p\\pact.toml': '[pact]' }, { os: 'windows' });
 * fs.statSync('c:/p', { throwIfNoEntry: false })?.isDirectory(); // true
 * ```
 */
export function memoryFs(
  files: MemoryFiles,
  options: { os?: Os; dirs?: readonly string[] } = {},
): HostFs {
  const windows = options.os === 'windows';
  const key = (p: string): string => {
    let k = windows ? p.replaceAll('/', '\\').toLowerCase() : p;
    const min = windows ? 3 : 1;
    while (k.length > min && (k.endsWith('/') || k.endsWith('\\'))) k = k.slice(0, -1);
    return k;
  };
  const sep = windows ? '\\' : '/';
  const contents = new Map<string, Uint8Array>();
  const directories = new Set<string>();
  const addParents = (k: string) => {
    let i = k.lastIndexOf(sep);
    while (i > 0) {
      const parent = k.slice(0, i);
      directories.add(windows && parent.length === 2 ? `${parent}\\` : parent);
      i = parent.lastIndexOf(sep);
    }
    directories.add(windows ? `${k.slice(0, 2)}\\` : '/');
  };
  const encoder = new TextEncoder();
  for (const [path, data] of Object.entries(files)) {
    const k = key(path);
    contents.set(k, typeof data === 'string' ? encoder.encode(data) : data);
    addParents(k);
  }
  for (const dir of options.dirs ?? []) {
    const k = key(dir);
    directories.add(k);
    addParents(k);
  }

  const stat = (path: string): HostStat | undefined => {
    const k = key(path);
    if (contents.has(k)) return { isFile: () => true, isDirectory: () => false, mode: 0o100644 };
    if (directories.has(k)) return { isFile: () => false, isDirectory: () => true, mode: 0o40755 };
    return undefined;
  };
  const notFound = (path: string) =>
    Object.assign(new Error(`ENOENT: no such file or directory, '${path}'`), { code: 'ENOENT' });
  const read = (path: string): Uint8Array => {
    const k = key(path);
    const data = contents.get(k);
    if (data) return data;
    if (directories.has(k)) {
      throw Object.assign(new Error(`EISDIR: illegal operation on a directory, '${path}'`), {
        code: 'EISDIR',
      });
    }
    throw notFound(path);
  };

  return {
    readFileSync: read,
    statSync: (path) => stat(path),
    promises: {
      readFile: async (path) => read(path),
      stat: async (path) => {
        const s = stat(path);
        if (!s) throw notFound(path);
        return s;
      },
    },
  };
}
