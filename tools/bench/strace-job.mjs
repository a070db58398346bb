// One contender's job, between two marker stats, for `strace`: the calls between the markers
// are the job's own (the imports are done before). Usage: node strace-job.mjs <name> sync|async
import { statSync } from 'node:fs';

globalThis.pactBenchWorker = true;
const [name, mode] = process.argv.slice(2);
const m = await import(`./contenders/${name}.mjs`);
statSync('/pact-bench-marker-begin', { throwIfNoEntry: false });
const out = mode === 'async' ? await m.jobAsync() : m.jobSync();
statSync('/pact-bench-marker-end', { throwIfNoEntry: false });
console.log(out);
