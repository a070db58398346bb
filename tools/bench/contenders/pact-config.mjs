// pact-config through the facade: one call, then the merged object built from the result
// (values() for [pact] and [broker], ident(name) for every ident table the files hold).
import { isSecret, loadPactConfig, loadPactConfigSync } from 'pact-config';

function merged(config) {
  const out = {};
  for (const [key, { value }] of Object.entries(config.values())) {
    const parts = key.split('.');
    let t = out;
    for (let i = 0; i < parts.length - 1; i++) t = t[parts[i]] ??= {};
    t[parts[parts.length - 1]] = isSecret(value) ? value.reveal() : value;
  }
  for (const file of config.layers.configs) {
    for (const name of file.idents.keys()) out[name] ??= config.ident(name).values;
  }
  return out;
}

export const jobSync = () => JSON.stringify(merged(loadPactConfigSync()));
export const jobAsync = async () => JSON.stringify(merged(await loadPactConfig()));

if (!globalThis.pactBenchWorker) console.log(jobSync());
