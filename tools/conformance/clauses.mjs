#!/usr/bin/env node
// Rewrites the generated parts of conformance/CLAUSES.md from the data: the "Decisions"
// table (each row of DECISIONS.md with the cases whose case.json names it) and the
// "Cases per group" table. The requirement rows above them are written by hand.
// A decision no case checks keeps the note its row already has ("none: … checks it").
// Usage: node tools/conformance/clauses.mjs   (then `npx biome format --write conformance`)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib.mjs';

const dir = join(ROOT, 'conformance');
const clausesFile = join(dir, 'CLAUSES.md');
const cases = new Map();
for (const group of readdirSync(join(dir, 'cases'), { withFileTypes: true })) {
  if (!group.isDirectory()) continue;
  for (const name of readdirSync(join(dir, 'cases', group.name), { withFileTypes: true })) {
    if (!name.isDirectory()) continue;
    const id = `${group.name}/${name.name}`;
    cases.set(id, JSON.parse(readFileSync(join(dir, 'cases', id, 'case.json'), 'utf8')));
  }
}

const row = (line) =>
  line
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
const decisions = readFileSync(join(dir, 'DECISIONS.md'), 'utf8')
  .split('\n')
  .filter((line) => /^\|\s*D\d+\s*\|/.test(line))
  .map((line) => row(line).slice(0, 2));

const text = readFileSync(clausesFile, 'utf8');
const start = text.indexOf('## Decisions');
const groupsAt = text.indexOf('## Cases per group');
if (start < 0 || groupsAt < start)
  throw new Error('CLAUSES.md has no "## Decisions" then "## Cases per group"');
const section = text.slice(start, groupsAt);
const intro = section.split('\n|')[0].trimEnd();
const notes = new Map(
  section
    .split('\n')
    .filter((line) => /^\|\s*D\d+\s*\|/.test(line))
    .map((line) => {
      const [d, , cell] = row(line);
      return [d, cell];
    }),
);

const lines = [intro, '', '| decision | question | cases |', '| --- | --- | --- |'];
for (const [d, question] of decisions.sort(
  (a, b) => Number(a[0].slice(1)) - Number(b[0].slice(1)),
)) {
  const ids = [...cases]
    .filter(([, c]) => c.decision === d)
    .map(([id]) => id)
    .sort();
  const cell = ids.length ? ids.map((id) => `\`${id}\``).join(', ') : (notes.get(d) ?? 'none');
  lines.push(`| ${d} | ${question} | ${cell.startsWith('`') && !ids.length ? 'none' : cell} |`);
}
const counts = new Map();
for (const id of cases.keys())
  counts.set(id.split('/')[0], (counts.get(id.split('/')[0]) ?? 0) + 1);
const groups = ['## Cases per group', '', '| group | cases |', '| --- | --- |'];
for (const [g, n] of [...counts].sort()) groups.push(`| ${g} | ${n} |`);
groups.push(`| **total** | **${cases.size}** |`, '');

writeFileSync(clausesFile, `${text.slice(0, start)}${lines.join('\n')}\n\n${groups.join('\n')}`);
console.log(
  `CLAUSES.md: ${decisions.length} decisions, ${cases.size} cases in ${counts.size} groups`,
);
