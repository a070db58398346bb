// What the config-library contenders share: the user file's path and the local-over-user
// merge the job asks for. (The floor keeps its own copy: it is one file, the least work.)
import { join } from 'node:path';

const isTable = (v) =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

/** `high` over `low`, table by table. */
export function merge(low, high) {
  const out = { ...low };
  for (const k of Object.keys(high)) {
    out[k] = isTable(out[k]) && isTable(high[k]) ? merge(out[k], high[k]) : high[k];
  }
  return out;
}

/** `$XDG_CONFIG_HOME/pact/config.toml`, default `~/.config/pact/config.toml`. */
export const userFile = () =>
  join(process.env.XDG_CONFIG_HOME || join(process.env.HOME, '.config'), 'pact', 'config.toml');

/** A missing user file is no user file; anything else is an error. */
export const missing = (e) => {
  if (e?.code !== 'ENOENT') throw e;
  return null;
};
