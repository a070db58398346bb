// lilconfig: searches up from the working directory to `stopDir` (the file-system root, as
// the RFC's walk does) for the local file; the user file is loaded by path. smol-toml is the
// loader; caches off.
import { join, parse as parsePath } from 'node:path';
import { lilconfig, lilconfigSync } from 'lilconfig';
import { parse } from 'smol-toml';

const options = () => ({
  searchPlaces: ['pact.toml', '.pact.toml'],
  loaders: { '.toml': (_path, content) => parse(content) },
  stopDir: parsePath(process.cwd()).root,
  cache: false,
});
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
const missing = (e) => {
  if (e?.code !== 'ENOENT') throw e;
  return null;
};

export function jobSync() {
  const explorer = lilconfigSync('pact', options());
  const local = explorer.search();
  let user = null;
  try {
    user = explorer.load(userFile());
  } catch (e) {
    user = missing(e);
  }
  return JSON.stringify(merge(user?.config ?? {}, local?.config ?? {}));
}

export async function jobAsync() {
  const explorer = lilconfig('pact', options());
  const local = await explorer.search();
  const user = await explorer.load(userFile()).catch(missing);
  return JSON.stringify(merge(user?.config ?? {}, local?.config ?? {}));
}

if (!globalThis.pactBenchWorker) console.log(jobSync());
