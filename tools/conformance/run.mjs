#!/usr/bin/env node
// The pact-config conformance runner. Runs conformance/cases through an adapter (see
// conformance/README.md) and reports per case, per RFC clause, as text, JSON and JUnit XML.
// Plain Node ESM; depends only on node builtins and ajv.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import {
  buildInput,
  compare,
  findCaseIds,
  formatAjvErrors,
  hostOs,
  LEVELS,
  loadCase,
  loadSchemas,
  mapInput,
  mapOutFn,
  parseCommandLine,
  parseKnownFailures,
  ROOT,
  reasonOf,
} from './lib.mjs';

const RUNNER_VERSION = '1.0.0';

const USAGE = `Usage: node tools/conformance/run.mjs --adapter "<command line>" [options]

Runs the conformance cases through an adapter (protocol: conformance/README.md).

Options:
  --adapter <cmd>                 the adapter's command line (run by the shell); required
  --cases <dir>                   the cases directory (default: conformance/cases)
  --filter <text>                 run only cases whose id contains text (repeatable: any)
  --jobs <n>                      adapter processes run at once (default: 2)
  --timeout <ms>                  per-case time limit (default: 10000)
  --strict                        an implementation-defined case that differs is a failure
  --known-failures <file>         case ids expected to fail (one per line, # comments)
  --write-known-failures <file>   write the ids that fail in this run
  --json <file>                   write a JSON report
  --junit <file>                  write a JUnit XML report
  --label <word>                  prefix of the last line ("<word>: N passed, N failed, N skipped")
  --verbose                       print a line for every case, passed and n/a too
  --help                          print this help

The last line printed is "N passed, N failed, N skipped". Exit code: 0 when nothing
failed, 1 when a case failed, 2 on a usage error or when the adapter cannot be started.`;

// Statuses and how they count.
const FAILED = new Set(['fail', 'timeout', 'error', 'fixed']);
const SKIPPED = new Set(['differs', 'known', 'n/a', 'skip']);
const STATUS_ORDER = [
  'fail',
  'timeout',
  'error',
  'fixed',
  'differs',
  'known',
  'skip',
  'n/a',
  'pass',
];

// ---------------------------------------------------------------------------------------------
// Adapter processes

class AdapterError extends Error {
  constructor(message, kind = 'error') {
    super(message);
    this.kind = kind; // 'error' | 'timeout'
  }
}

const live = new Set();

/** One adapter process, speaking NDJSON: one request at a time, one line back per request. */
class AdapterProcess {
  constructor(command, { env, cwd } = {}) {
    this.command = command;
    this.stderr = '';
    this.buffer = '';
    this.lines = [];
    this.pending = null;
    this.exited = null;
    const child = spawn(command, {
      shell: true,
      env: env ?? process.env,
      cwd: cwd ?? process.cwd(),
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    this.child = child;
    live.add(this);
    this.exitPromise = new Promise((res) => {
      child.on('exit', (code, signal) => {
        this.exited = { code, signal };
        live.delete(this);
        this.#fail(new AdapterError(`adapter exited (${signal ?? `code ${code}`})${this.#tail()}`));
        res();
      });
    });
    child.on('error', (e) => {
      this.exited ??= { code: null, signal: null };
      live.delete(this);
      this.#fail(new AdapterError(`cannot start the adapter: ${e.message}`));
    });
    child.stdin.on('error', () => {}); // EPIPE when the adapter died: reported through 'exit'
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      this.buffer += chunk;
      let nl = this.buffer.indexOf('\n');
      while (nl >= 0) {
        const line = this.buffer.slice(0, nl).trim();
        this.buffer = this.buffer.slice(nl + 1);
        if (line) this.#line(line);
        nl = this.buffer.indexOf('\n');
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
  }

  #tail() {
    const lines = this.stderr
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !/^Node\.js v/.test(l));
    const error = lines.find((l) => /^(\w+(Error|Exception)|error)\b/i.test(l));
    const t = error ?? lines.slice(-2).join(' | ');
    return t ? `: ${t.slice(0, 300)}` : '';
  }

  #line(line) {
    if (!this.pending) {
      this.lines.push(line);
      return;
    }
    const { resolve: ok, reject, timer } = this.pending;
    this.pending = null;
    clearTimeout(timer);
    try {
      ok(JSON.parse(line));
    } catch {
      reject(new AdapterError(`the adapter wrote a line that is not JSON: ${line.slice(0, 120)}`));
    }
  }

  #fail(err) {
    if (!this.pending) return;
    const { reject, timer } = this.pending;
    this.pending = null;
    clearTimeout(timer);
    reject(err);
  }

  /** Sends one request and resolves with the parsed reply line. */
  request(message, timeoutMs, { end = false } = {}) {
    return new Promise((ok, reject) => {
      if (this.exited) {
        reject(
          new AdapterError(
            `adapter exited (${this.exited.signal ?? `code ${this.exited.code}`})${this.#tail()}`,
          ),
        );
        return;
      }
      if (this.lines.length > 0) {
        const line = this.lines.shift();
        reject(new AdapterError(`the adapter wrote an unasked line: ${line.slice(0, 120)}`));
        return;
      }
      const timer = setTimeout(() => {
        this.pending = null;
        reject(new AdapterError(`no answer within ${timeoutMs} ms`, 'timeout'));
      }, timeoutMs);
      this.pending = { resolve: ok, reject, timer };
      this.child.stdin.write(`${JSON.stringify(message)}\n`);
      if (end) this.child.stdin.end();
    });
  }

  /** Kills the adapter and everything it started (its process group). */
  kill() {
    if (this.exited) return this.exitPromise;
    const pid = this.child.pid;
    try {
      if (process.platform === 'win32') {
        spawn('taskkill', ['/pid', String(pid), '/T', '/F'], {
          stdio: 'ignore',
          windowsHide: true,
        });
      } else process.kill(-pid, 'SIGKILL');
    } catch {
      try {
        this.child.kill('SIGKILL');
      } catch {}
    }
    return this.exitPromise;
  }

  /** Ends stdin and waits for the adapter to exit (killing it after graceMs). */
  async close(graceMs = 2000) {
    if (this.exited) return;
    this.child.stdin.end();
    let timer;
    const timedOut = new Promise((res) => {
      timer = setTimeout(() => res(true), graceMs);
    });
    const late = await Promise.race([this.exitPromise.then(() => false), timedOut]);
    clearTimeout(timer);
    if (late) await this.kill();
  }
}

function killAll() {
  for (const p of live) p.kill();
}

// ---------------------------------------------------------------------------------------------
// Running cases

function baseResult(c) {
  return {
    id: c.id,
    clause: c.spec?.clause ?? '(invalid case)',
    level: c.spec?.level ?? '?',
    decision: c.spec?.decision ?? null,
    os: c.spec?.os ?? null,
    status: 'pass',
    reason: '',
    durationMs: 0,
  };
}

/** Turns a reply line into a result (status pass / fail / differs / error / skip). */
function judge(c, reply, ctx, mapOut) {
  const r = baseResult(c);
  if (!ctx.schemas.answer(reply)) {
    r.status = 'error';
    r.reason = `the reply does not match answer.schema.json: ${formatAjvErrors(ctx.schemas.answer.errors)}`;
    r.answer = reply;
    return r;
  }
  if (reply.id !== c.id) {
    r.status = 'error';
    r.reason = `the reply's id '${reply.id}' is not '${c.id}'`;
    return r;
  }
  if (reply.skip !== undefined) {
    r.status = 'skip';
    r.reason = `adapter skips: ${reply.skip}`;
    return r;
  }
  if (reply.fault !== undefined) {
    r.status = 'error';
    r.reason = `adapter fault: ${mapOut ? mapOut(reply.fault) : reply.fault}`;
    return r;
  }
  const answer = mapOut ? mapOut(reply.answer) : reply.answer;
  const problems = compare(c.expected, answer);
  if (problems.length > 0) {
    r.status = c.spec.level === 'implementation-defined' && !ctx.strict ? 'differs' : 'fail';
    r.reason = reasonOf(problems);
    r.problems = problems;
    r.answer = answer;
  }
  return r;
}

function adapterFailure(c, err) {
  const r = baseResult(c);
  r.status = err.kind === 'timeout' ? 'timeout' : 'error';
  r.reason = err.message;
  return r;
}

/** Injection mode: a pool of long-running adapter processes. */
async function runInjection(cases, ctx, first) {
  const results = new Array(cases.length);
  const pool = new Array(ctx.jobs).fill(null);
  pool[0] = first;
  let next = 0;
  const worker = async (w) => {
    while (next < cases.length) {
      const i = next++;
      const c = cases[i];
      const started = performance.now();
      let r;
      if (c.problems.length > 0) {
        r = baseResult(c);
        r.status = 'error';
        r.reason = `invalid case: ${c.problems.join('; ')}`;
      } else if (ctx.describe.os && !ctx.describe.os.includes(c.spec.os)) {
        r = baseResult(c);
        r.status = 'n/a';
        r.reason = `the adapter does not run ${c.spec.os} cases`;
      } else {
        pool[w] ??= new AdapterProcess(ctx.adapter);
        const input = buildInput(c.spec, c.files);
        try {
          const reply = await pool[w].request({ cmd: 'run', id: c.id, input }, ctx.timeout);
          r = judge(c, reply, ctx, null);
          if (reply?.id !== c.id) {
            // A confused stream: start afresh for the next case.
            await pool[w].kill();
            pool[w] = null;
          }
        } catch (err) {
          r = adapterFailure(c, err);
          await pool[w].kill();
          pool[w] = null;
        }
      }
      r.durationMs = Math.round(performance.now() - started);
      results[i] = r;
      ctx.progress?.(r);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, ctx.jobs) }, (_, w) => worker(w)));
  await Promise.all(pool.filter(Boolean).map((p) => p.close()));
  return results;
}

/** Real mode: one adapter process per case, in a temporary directory laid out like the case. */
async function runRealCase(c, ctx) {
  const r0 = baseResult(c);
  if (c.problems.length > 0) {
    r0.status = 'error';
    r0.reason = `invalid case: ${c.problems.join('; ')}`;
    return r0;
  }
  if (c.spec.os !== ctx.hostOs) {
    r0.status = 'n/a';
    r0.reason = `a ${c.spec.os} case on a ${ctx.hostOs} host (the adapter reads the real OS)`;
    return r0;
  }
  const made = mkdtempSync(join(ctx.tmpRoot, 'pcc-'));
  const tmp = realpathSync.native(made);
  const variants = [...new Set([made, tmp, realpathSync(made)])];
  const os = c.spec.os;
  try {
    for (const f of c.files) {
      const target = join(tmp, ...f.segments);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, f.data);
    }
    const input = mapInput(tmp, buildInput(c.spec, c.files));
    for (const d of input.dirs) mkdirSync(d, { recursive: true });
    mkdirSync(input.cwd, { recursive: true }); // a process needs an existing working directory
    const env = { ...input.env };
    const homeVar = os === 'windows' ? 'USERPROFILE' : 'HOME';
    if (input.home === null) delete env[homeVar];
    else env[homeVar] = input.home;
    if (process.env.PATH !== undefined) env.PATH = process.env.PATH;
    if (process.platform === 'win32') {
      for (const k of ['SystemRoot', 'ComSpec', 'PATHEXT', 'Path']) {
        if (process.env[k] !== undefined && env[k] === undefined) env[k] = process.env[k];
      }
    }
    const proc = new AdapterProcess(ctx.adapter, { env, cwd: input.cwd });
    try {
      const reply = await proc.request({ cmd: 'run', id: c.id, input }, ctx.timeout, { end: true });
      await proc.close();
      return judge(c, reply, ctx, mapOutFn(variants, os));
    } catch (err) {
      await proc.kill();
      const r = adapterFailure(c, err);
      if (err.kind !== 'timeout') {
        r.reason +=
          " (real mode runs the adapter in the case's working directory: give its command with absolute paths)";
      }
      return r;
    }
  } finally {
    rmSync(made, { recursive: true, force: true, maxRetries: 3 });
  }
}

async function runReal(cases, ctx) {
  const results = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      const started = performance.now();
      const r = await runRealCase(cases[i], ctx);
      r.durationMs = Math.round(performance.now() - started);
      results[i] = r;
      ctx.progress?.(r);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, ctx.jobs) }, worker));
  return results;
}

/** Applies the known-failures list: listed and failing → known; listed and passing → fixed. */
function applyKnown(results, known) {
  for (const r of results) {
    if (!known.has(r.id)) continue;
    if (r.status === 'pass') {
      r.status = 'fixed';
      r.reason = 'known failure now passes: remove it from the known-failures file';
    } else if (FAILED.has(r.status) || r.status === 'differs') {
      r.reason = `known failure (${r.status}): ${r.reason}`;
      r.status = 'known';
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Reports

function summarize(results) {
  const byStatus = {};
  for (const s of STATUS_ORDER) byStatus[s] = 0;
  for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  const passed = byStatus.pass;
  const failed = results.filter((r) => FAILED.has(r.status)).length;
  const skipped = results.filter((r) => SKIPPED.has(r.status)).length;
  return { total: results.length, passed, failed, skipped, byStatus };
}

function clauseTable(results) {
  const rows = new Map();
  for (const r of results) {
    const key = `${r.clause}\u0000${r.level}`;
    if (!rows.has(key))
      rows.set(key, { clause: r.clause, level: r.level, passed: 0, failed: 0, skipped: 0 });
    const row = rows.get(key);
    if (r.status === 'pass') row.passed++;
    else if (FAILED.has(r.status)) row.failed++;
    else row.skipped++;
  }
  const levelRank = (l) => (LEVELS.includes(l) ? LEVELS.indexOf(l) : LEVELS.length);
  return [...rows.values()].sort((a, b) =>
    a.clause === b.clause ? levelRank(a.level) - levelRank(b.level) : a.clause < b.clause ? -1 : 1,
  );
}

function pad(s, n) {
  s = String(s);
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}
function padStart(s, n) {
  s = String(s);
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}

function caseLine(r) {
  const level = r.decision ? `${r.level} ${r.decision}` : r.level;
  return `${pad(r.status.toUpperCase(), 8)} ${r.id} [${level}]${r.reason ? `  ${r.reason}` : ''}`;
}

function textReport(results, ctx, summary) {
  const out = [];
  const d = ctx.describe;
  out.push(
    `adapter: ${d.name} ${d.version} (${d.language}, ${d.runtime}), ${d.injection ? 'injection' : `real ${ctx.hostOs}`} mode`,
  );
  const opts = [`${ctx.jobs} jobs`, `timeout ${ctx.timeout} ms`];
  if (ctx.strict) opts.push('strict');
  if (ctx.filters.length) opts.push(`filter ${ctx.filters.join(', ')}`);
  if (ctx.knownFile) opts.push(`known failures ${ctx.knownFile}`);
  out.push(`cases: ${results.length} from ${ctx.casesLabel} (${opts.join(', ')})`);
  out.push('');
  const shown = results
    .filter((r) => ctx.verbose || (r.status !== 'pass' && r.status !== 'n/a'))
    .sort(
      (a, b) =>
        STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || (a.id < b.id ? -1 : 1),
    );
  for (const r of shown) out.push(caseLine(r));
  if (shown.length) out.push('');
  const rows = clauseTable(results);
  const w = Math.max(6, ...rows.map((r) => r.clause.length));
  const lw = Math.max(5, ...rows.map((r) => r.level.length));
  out.push(
    `${pad('clause', w)}  ${pad('level', lw)}  ${padStart('passed', 6)}  ${padStart('failed', 6)}  ${padStart('skipped', 7)}`,
  );
  for (const r of rows) {
    out.push(
      `${pad(r.clause, w)}  ${pad(r.level, lw)}  ${padStart(r.passed, 6)}  ${padStart(r.failed, 6)}  ${padStart(r.skipped, 7)}`,
    );
  }
  const counts = STATUS_ORDER.filter((s) => summary.byStatus[s]).map(
    (s) => `${s} ${summary.byStatus[s]}`,
  );
  out.push('');
  out.push(`statuses: ${counts.join(', ') || 'none'}; ${(ctx.durationMs / 1000).toFixed(1)} s`);
  return out.join('\n');
}

function jsonReport(results, ctx, summary) {
  return {
    runner: { name: 'pact-config conformance runner', version: RUNNER_VERSION, protocol: 1 },
    adapter: { command: ctx.adapter, ...ctx.describe },
    host: { os: ctx.hostOs, platform: process.platform, node: process.version },
    options: {
      cases: ctx.casesLabel,
      filter: ctx.filters,
      jobs: ctx.jobs,
      timeoutMs: ctx.timeout,
      strict: ctx.strict,
      knownFailures: ctx.knownFile ?? null,
    },
    startedAt: ctx.startedAt,
    durationMs: ctx.durationMs,
    summary,
    clauses: clauseTable(results),
    cases: results,
  };
}

function xml(s) {
  // XML 1.0 has no place for control characters other than tab, newline and return.
  const text = [...String(s)]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 || ch === '\t' || ch === '\n' || ch === '\r')
    .join('');
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function junitReport(results, ctx, summary) {
  const suites = new Map();
  for (const r of results) {
    if (!suites.has(r.clause)) suites.set(r.clause, []);
    suites.get(r.clause).push(r);
  }
  const d = ctx.describe;
  const name = `pact-config conformance: ${d.name} ${d.version} (${d.runtime})`;
  const secs = (ms) => (ms / 1000).toFixed(3);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push(
    `<testsuites name="${xml(name)}" tests="${summary.total}" failures="${summary.failed}" skipped="${summary.skipped}" time="${secs(ctx.durationMs)}">`,
  );
  for (const [clause, rs] of [...suites].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const failures = rs.filter((r) => FAILED.has(r.status)).length;
    const skipped = rs.filter((r) => SKIPPED.has(r.status)).length;
    const time = rs.reduce((t, r) => t + r.durationMs, 0);
    lines.push(
      `  <testsuite name="${xml(clause)}" tests="${rs.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${secs(time)}">`,
    );
    for (const r of rs) {
      const open = `    <testcase classname="${xml(clause)}" name="${xml(`${r.id} [${r.level}]`)}" time="${secs(r.durationMs)}"`;
      if (r.status === 'pass') lines.push(`${open}/>`);
      else if (FAILED.has(r.status)) {
        lines.push(`${open}>`);
        lines.push(
          `      <failure type="${r.status}" message="${xml(r.reason)}">${xml((r.problems ?? [r.reason]).join('\n'))}</failure>`,
        );
        lines.push('    </testcase>');
      } else {
        lines.push(`${open}>`);
        lines.push(`      <skipped message="${xml(`${r.status}: ${r.reason}`)}"/>`);
        lines.push('    </testcase>');
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Main

function writeOut(file, text) {
  mkdirSync(dirname(resolve(file)), { recursive: true });
  writeFileSync(file, text);
}

async function main(argv) {
  const args = parseCommandLine(
    argv,
    {
      adapter: { type: 'string' },
      cases: { type: 'string' },
      filter: { type: 'string', multiple: true },
      jobs: { type: 'string' },
      timeout: { type: 'string' },
      strict: { type: 'boolean' },
      'known-failures': { type: 'string' },
      'write-known-failures': { type: 'string' },
      json: { type: 'string' },
      junit: { type: 'string' },
      label: { type: 'string' },
      verbose: { type: 'boolean' },
    },
    USAGE,
  );
  if (typeof args === 'number') return args;
  if (!args.adapter) {
    console.error(`--adapter is required\n\n${USAGE}`);
    return 2;
  }
  const jobs = Number(args.jobs ?? 2);
  const timeout = Number(args.timeout ?? 10000);
  if (!Number.isInteger(jobs) || jobs < 1) {
    console.error('--jobs must be a whole number ≥ 1');
    return 2;
  }
  if (!Number.isFinite(timeout) || timeout <= 0) {
    console.error('--timeout must be a number of milliseconds > 0');
    return 2;
  }
  const label = args.label ? `${args.label.replace(/\s+/g, '-').replace(/:+$/, '')}: ` : '';
  const casesDir = resolve(args.cases ?? join(ROOT, 'conformance', 'cases'));
  if (!existsSync(casesDir)) {
    console.error(`no cases directory: ${casesDir}`);
    return 2;
  }
  const fatal = (message, count) => {
    console.error(message);
    console.log(`${label}0 passed, ${Math.max(1, count)} failed, 0 skipped`);
    return 2;
  };

  const schemas = loadSchemas();
  const allIds = findCaseIds(casesDir);
  const filters = args.filter ?? [];
  const ids = filters.length ? allIds.filter((id) => filters.some((f) => id.includes(f))) : allIds;

  let known = new Set();
  if (args['known-failures']) {
    let text;
    try {
      text = await readFile(args['known-failures'], 'utf8');
    } catch (e) {
      console.error(`cannot read the known-failures file: ${e.message}`);
      return 2;
    }
    known = new Set(parseKnownFailures(text));
    const all = new Set(allIds);
    for (const id of known) {
      if (!all.has(id)) console.error(`warning: known-failures names '${id}', which is not a case`);
    }
  }

  const cases = ids.map((id) => loadCase(casesDir, id, schemas));
  const ctx = {
    adapter: args.adapter,
    jobs,
    timeout,
    strict: Boolean(args.strict),
    verbose: Boolean(args.verbose),
    filters,
    knownFile: args['known-failures'],
    casesLabel: relative(process.cwd(), casesDir) || '.',
    schemas,
    hostOs: hostOs(),
    tmpRoot: realpathSync(tmpdir()),
    startedAt: new Date().toISOString(),
  };
  const started = performance.now();

  const onSignal = (sig) => {
    killAll();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  // Who are you, and what can you do?
  const first = new AdapterProcess(ctx.adapter);
  let describe;
  try {
    describe = await first.request({ cmd: 'describe' }, Math.max(timeout, 10000));
  } catch (e) {
    await first.kill();
    return fatal(`the adapter did not describe itself: ${e.message}`, cases.length);
  }
  if (!schemas.describe(describe)) {
    await first.kill();
    return fatal(
      `the adapter's description does not match describe.schema.json: ${formatAjvErrors(schemas.describe.errors)}\n${JSON.stringify(describe)}`,
      cases.length,
    );
  }
  ctx.describe = describe;

  let results;
  if (describe.injection) {
    results = await runInjection(cases, ctx, first);
  } else {
    await first.close();
    warnAncestorConfig(ctx.tmpRoot);
    results = await runReal(cases, ctx);
  }
  applyKnown(results, known);
  ctx.durationMs = Math.round(performance.now() - started);
  const summary = summarize(results);

  if (args.json)
    writeOut(args.json, `${JSON.stringify(jsonReport(results, ctx, summary), null, 2)}\n`);
  if (args.junit) writeOut(args.junit, junitReport(results, ctx, summary));
  if (args['write-known-failures']) {
    const failing = results
      .filter((r) => (FAILED.has(r.status) && r.status !== 'fixed') || r.status === 'known')
      .map((r) => r.id)
      .sort();
    const header = [
      `# Known failures of ${describe.name} ${describe.version} (${describe.runtime})`,
      `# written by tools/conformance/run.mjs on ${ctx.startedAt.slice(0, 10)}${ctx.strict ? ', --strict' : ''}`,
      '# one case id per line; "#" starts a comment',
    ];
    writeOut(args['write-known-failures'], `${[...header, ...failing].join('\n')}\n`);
  }

  console.log(textReport(results, ctx, summary));
  console.log(
    `${label}${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`,
  );
  return summary.failed === 0 ? 0 : 1;
}

/** Real mode lays cases under the temporary directory; a pact.toml above it would leak in. */
function warnAncestorConfig(dir) {
  let d = dir;
  for (;;) {
    for (const name of ['pact.toml', '.pact.toml']) {
      if (existsSync(join(d, name))) {
        console.error(
          `warning: ${join(d, name)} exists above the temporary directory; local-file cases may find it`,
        );
      }
    }
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
