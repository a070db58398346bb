// cosmiconfig 9: `searchStrategy: 'global'` walks up from the working directory for the local
// file; the user file is loaded by path. smol-toml is the loader; caches off.
import { cosmiconfig, cosmiconfigSync } from 'cosmiconfig';
import { parse } from 'smol-toml';
import { merge, missing, userFile } from './merge.mjs';

const options = {
  searchPlaces: ['pact.toml', '.pact.toml'],
  loaders: { '.toml': (_path, content) => parse(content) },
  searchStrategy: 'global',
  stopDir: '/',
  cache: false,
};

export function jobSync() {
  const explorer = cosmiconfigSync('pact', options);
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
  const explorer = cosmiconfig('pact', options);
  const local = await explorer.search();
  const user = await explorer.load(userFile()).catch(missing);
  return JSON.stringify(merge(user?.config ?? {}, local?.config ?? {}));
}

if (!globalThis.pactBenchWorker) console.log(jobSync());
