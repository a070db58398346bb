#!/usr/bin/env node
// Validates the conformance cases: layout, case.json and expected.json against
// conformance/schema, decisions and diagnostic codes against conformance/DECISIONS.md.
// Prints one line per problem and a last line "N passed, N failed"; exits 1 on problems.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  findCaseIds,
  isCaseAbsolute,
  isDirectory,
  LEVELS,
  loadCase,
  loadSchemas,
  parseCommandLine,
  ROOT,
  readDecisions,
} from './lib.mjs';

const USAGE = `Usage: node tools/conformance/validate.mjs [--cases <dir>] [--decisions <file>] [--clauses <file>] [--quiet]

Checks every case under --cases (default: conformance/cases): the case directory holds
case.json and expected.json (and optionally files/ and README.md), both validate against
conformance/schema, the level is must | should | implementation-defined, an
implementation-defined case names a decision that DECISIONS.md has, every diagnostic code
in expected.json is in DECISIONS.md's code table, and paths are absolute for the case's OS.
Every case and every decision must be named in --clauses (default, when --cases is not
given: conformance/CLAUSES.md), the table that maps the RFC's clauses to their cases.
--quiet prints only problems and the last line.`;

const ALLOWED_ENTRIES = new Set(['case.json', 'expected.json', 'files', 'README.md']);

function main(argv) {
  const args = parseCommandLine(
    argv,
    {
      cases: { type: 'string' },
      decisions: { type: 'string' },
      clauses: { type: 'string' },
      quiet: { type: 'boolean' },
    },
    USAGE,
  );
  if (typeof args === 'number') return args;
  const casesDir = resolve(args.cases ?? join(ROOT, 'conformance', 'cases'));
  const decisionsFile = resolve(args.decisions ?? join(ROOT, 'conformance', 'DECISIONS.md'));
  if (!isDirectory(casesDir)) {
    console.error(`no cases directory: ${casesDir}`);
    console.log('0 passed, 1 failed');
    return 1;
  }
  const { decisions, codes } = readDecisions(decisionsFile);
  const schemas = loadSchemas();

  // Every <group>/<name> directory is a case, and so is any directory holding a case.json.
  const ids = new Set(findCaseIds(casesDir));
  const stray = [];
  for (const group of readdirSync(casesDir, { withFileTypes: true })) {
    if (group.name.startsWith('.')) continue;
    if (!group.isDirectory()) {
      if (!group.name.endsWith('.md')) stray.push(`${group.name}: not a group directory`);
      continue;
    }
    for (const name of readdirSync(join(casesDir, group.name), { withFileTypes: true })) {
      if (name.name.startsWith('.')) continue;
      if (name.isDirectory()) ids.add(`${group.name}/${name.name}`);
      else if (!name.name.endsWith('.md'))
        stray.push(`${group.name}/${name.name}: not a case directory`);
    }
  }

  let passed = 0;
  let failed = 0;
  for (const line of stray) {
    console.log(`FAIL ${line}`);
    failed++;
  }
  for (const id of [...ids].sort()) {
    const problems = checkCase(casesDir, id, schemas, decisions, codes);
    if (problems.length === 0) {
      passed++;
      continue;
    }
    failed++;
    for (const p of problems) console.log(`FAIL ${id}: ${p}`);
  }
  // conformance/CLAUSES.md maps every clause to its cases: each case and each decision is named there.
  // Checked for the suite itself (no --cases given), or against --clauses.
  const clausesFile =
    args.clauses ?? (args.cases ? undefined : join(ROOT, 'conformance', 'CLAUSES.md'));
  if (clausesFile && existsSync(clausesFile)) {
    const clauses = readFileSync(clausesFile, 'utf8');
    for (const id of [...ids].sort()) {
      if (clauses.includes(`\`${id}\``)) continue;
      console.log(`FAIL ${id}: not named in ${relative(process.cwd(), clausesFile)}`);
      failed++;
    }
    for (const d of [...decisions].sort()) {
      if (new RegExp(`^\\|\\s*${d}\\s*\\|`, 'm').test(clauses)) continue;
      console.log(`FAIL ${d}: decision has no row in ${relative(process.cwd(), clausesFile)}`);
      failed++;
    }
  }
  if (!args.quiet) {
    console.log(
      `checked ${ids.size} cases in ${relative(process.cwd(), casesDir) || '.'} against ${relative(process.cwd(), decisionsFile)} (${decisions.size} decisions, ${codes.size} codes)`,
    );
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

function checkCase(casesDir, id, schemas, decisions, codes) {
  const problems = [];
  const dir = join(casesDir, ...id.split('/'));
  if (id.split('/').length !== 2) problems.push('a case lives at <group>/<name>');
  if (/[\s#]/.test(id)) problems.push('a case id holds no spaces and no "#"');
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (!ALLOWED_ENTRIES.has(e.name)) problems.push(`unexpected entry '${e.name}'`);
    else if (e.name === 'files' && !e.isDirectory()) problems.push('files is not a directory');
  }
  const c = loadCase(casesDir, id, schemas);
  problems.push(...c.problems);
  const { spec, expected } = c;
  if (spec) {
    if (!LEVELS.includes(spec.level)) {
      problems.push(`level '${spec.level}' is not one of ${LEVELS.join(', ')}`);
    }
    if (spec.level === 'implementation-defined' && !spec.decision) {
      problems.push('an implementation-defined case names its decision');
    }
    if (spec.decision !== undefined && !decisions.has(spec.decision)) {
      problems.push(`decision '${spec.decision}' is not a row of DECISIONS.md`);
    }
    const os = spec.os;
    const checkPath = (what, p) => {
      if (typeof p === 'string' && !isCaseAbsolute(os, p)) {
        problems.push(
          `${what} '${p}' is not an absolute ${os === 'windows' ? 'Windows' : 'POSIX'} path`,
        );
      }
    };
    if (spec.home !== null) checkPath('home', spec.home);
    checkPath('cwd', spec.cwd);
    for (const d of spec.dirs ?? []) checkPath('dirs entry', d);
    if (expected) for (const f of expected.files ?? []) checkPath('expected file', f.path);
  }
  if (expected) {
    const used = [];
    if (typeof expected.error === 'string') used.push(expected.error);
    used.push(...(expected.diagnostics?.include ?? []), ...(expected.diagnostics?.exclude ?? []));
    for (const code of used) {
      if (!codes.has(code))
        problems.push(`diagnostic code '${code}' is not in DECISIONS.md's code table`);
    }
    const inc = new Set(expected.diagnostics?.include ?? []);
    for (const code of expected.diagnostics?.exclude ?? []) {
      if (inc.has(code)) problems.push(`diagnostic code '${code}' is both included and excluded`);
    }
    for (const key of expected.absent ?? []) {
      if (expected.values && Object.hasOwn(expected.values, key)) {
        problems.push(`value '${key}' is both expected and absent`);
      }
    }
  }
  return problems;
}

process.exitCode = main(process.argv.slice(2));
