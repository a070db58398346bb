// The floor: the least work the job can take. node:fs sync (or promise) calls and smol-toml:
// one stat per name and level from the working directory up for `pact.toml` or `.pact.toml`
// (a stat that does not throw when nothing is there: building an ENOENT error costs more than
// the call), read the found file and the user file, parse both, merge local over user, print.
import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse } from 'smol-toml';

const NAMES = ['pact.toml', '.pact.toml'];
const MISSING = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

// merge and userFile repeat ./merge.mjs on purpose: the floor is one self-contained file.
const isTable = (v) =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
function merge(low, high) {
  const out = { ...low };
  for (const k of Object.keys(high)) {
    out[k] = isTable(out[k]) && isTable(high[k]) ? merge(out[k], high[k]) : high[k];
  }
  return out;
}
const userFile = () =>
  join(process.env.XDG_CONFIG_HOME || join(process.env.HOME, '.config'), 'pact', 'config.toml');

function readSync(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (MISSING.has(e.code)) return undefined;
    throw e;
  }
}
async function readAsync(path) {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if (MISSING.has(e.code)) return undefined;
    throw e;
  }
}

const isFileSync = (path) => statSync(path, { throwIfNoEntry: false })?.isFile() === true;
const isFileAsync = (path) =>
  stat(path).then(
    (s) => s.isFile(),
    () => false,
  );

export function jobSync() {
  let dir = process.cwd();
  let local;
  for (;;) {
    const found = NAMES.find((n) => isFileSync(join(dir, n)));
    if (found) local = readSync(join(dir, found));
    const up = dirname(dir);
    if (local !== undefined || up === dir) break;
    dir = up;
  }
  const user = readSync(userFile());
  return JSON.stringify(merge(user ? parse(user) : {}, local ? parse(local) : {}));
}

export async function jobAsync() {
  let dir = process.cwd();
  let local;
  for (;;) {
    const found = (await isFileAsync(join(dir, NAMES[0])))
      ? NAMES[0]
      : (await isFileAsync(join(dir, NAMES[1])))
        ? NAMES[1]
        : undefined;
    if (found) local = await readAsync(join(dir, found));
    const up = dirname(dir);
    if (local !== undefined || up === dir) break;
    dir = up;
  }
  const user = await readAsync(userFile());
  return JSON.stringify(merge(user ? parse(user) : {}, local ? parse(local) : {}));
}

if (!globalThis.pactBenchWorker) console.log(jobSync());
