// pact-config's @pact-config/toml-config alone (with the runtime host of @pact-config/env,
// which it depends on), the merged object built as for the facade.
import { isSecret, runtimeHost } from '@pact-config/env';
import { loadConfig, loadConfigSync } from '@pact-config/toml-config';

function merged(layers) {
  const out = {};
  for (const [key, { value }] of Object.entries(layers.values())) {
    const parts = key.split('.');
    let t = out;
    for (let i = 0; i < parts.length - 1; i++) t = t[parts[i]] ??= {};
    t[parts[parts.length - 1]] = isSecret(value) ? value.reveal() : value;
  }
  for (const file of layers.configs) {
    for (const name of file.idents.keys()) out[name] ??= layers.ident(name).values;
  }
  return out;
}

export const jobSync = () => JSON.stringify(merged(loadConfigSync({ host: runtimeHost().host })));
export const jobAsync = async () =>
  JSON.stringify(merged(await loadConfig({ host: runtimeHost().host })));

if (!globalThis.pactBenchWorker) console.log(jobSync());
