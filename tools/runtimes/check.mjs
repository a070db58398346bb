// Imports one package's smoke checks and runs them in this runtime; prints one JSON line.
import { pathToFileURL } from 'node:url';

const file = process.argv[2];
const { checks } = await import(pathToFileURL(file).href);
const results = [];
for (const [name, fn] of Object.entries(checks)) {
  try {
    await fn();
    results.push({ name, ok: true });
  } catch (e) {
    results.push({ name, ok: false, error: String(e?.stack ?? e) });
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`);
