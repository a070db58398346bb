// The warm measurement, run inside one process (Node, Bun or Deno): every contender's job
// in a loop, interleaved round by round, caches off. Prints one JSON line:
// { "<name>": { "sync": µs per call (median of rounds), "async": … } }.
// Usage: <runtime> worker.mjs <rounds> <ms per batch> sync|async|both name…
import { canonical } from './fixture.mjs';

globalThis.pactBenchWorker = true;
const [rounds, batchMs, modes, ...names] = process.argv.slice(2);
const mods = {};
for (const name of names) mods[name] = await import(`./contenders/${name}.mjs`);

const forms = [];
for (const name of names) {
  if (mods[name].jobSync && modes !== 'async') {
    forms.push({ name, mode: 'sync', run: mods[name].jobSync });
  }
  if (mods[name].jobAsync && modes !== 'sync') {
    forms.push({ name, mode: 'async', run: mods[name].jobAsync });
  }
}
// Every form prints the same JSON, and warms up: 1.5 s of calls, enough for V8 to optimize
// every function the job runs (a load path of many functions reaches its steady speed only
// after a thousand calls or so; timing before that measures the compiler, not the code).
// The batch size is set from the speed over the last part of the warm-up.
const WARM_MS = 1500;
const expected = canonical(JSON.parse(await forms[0].run()));
for (const f of forms) {
  const start = performance.now();
  let tail = start;
  let n = 0;
  do {
    const out = canonical(JSON.parse(await f.run()));
    if (out !== expected) throw new Error(`${f.name} ${f.mode} printed something else`);
    n++;
    if (tail === start && performance.now() - start > WARM_MS - 300) {
      tail = performance.now();
      n = 0;
    }
  } while (performance.now() - start < WARM_MS);
  f.batch = Math.max(1, Math.round((Number(batchMs) * n) / (performance.now() - tail)));
  f.samples = [];
}
for (let r = 0; r < Number(rounds); r++) {
  const order = [...forms].sort(() => Math.random() - 0.5);
  for (const f of order) {
    const t0 = performance.now();
    if (f.mode === 'sync') for (let i = 0; i < f.batch; i++) f.run();
    else for (let i = 0; i < f.batch; i++) await f.run();
    f.samples.push(((performance.now() - t0) * 1000) / f.batch);
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const out = {};
for (const f of forms) {
  out[f.name] = { ...out[f.name], [f.mode]: median(f.samples) };
}
console.log(JSON.stringify(out));
