// Tests of the conformance runner and validator: node --test tools/conformance/test/
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { compare, hostOs, mapIn, mapInput, mapOutFn, parseKnownFailures } from '../lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, 'fixtures');
const cases = join(fixtures, 'cases');
const runner = join(here, '..', 'run.mjs');
const validator = join(here, '..', 'validate.mjs');
const fake = `node "${join(fixtures, 'fake-adapter.mjs')}"`;
const work = mkdtempSync(join(tmpdir(), 'pcc-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

// The adapter must not think it is a test file (see fixtures/fake-adapter.mjs).
const { NODE_TEST_CONTEXT: _, ...testFreeEnv } = process.env;

function run(args, env = {}) {
  const r = spawnSync(process.execPath, [runner, '--cases', cases, ...args], {
    encoding: 'utf8',
    env: { ...testFreeEnv, ...env },
    timeout: 30000,
  });
  const lines = r.stdout.trimEnd().split('\n');
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, last: lines.at(-1) };
}

function report(file) {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  return { json, byId: Object.fromEntries(json.cases.map((c) => [c.id, c])) };
}

describe('injection mode', () => {
  const jsonFile = join(work, 'inj.json');
  const junitFile = join(work, 'inj.xml');
  let res;
  test('runs every case over a long-running adapter', () => {
    res = run([
      '--adapter',
      fake,
      '--filter',
      'inj/',
      '--jobs',
      '1',
      '--timeout',
      '600',
      '--json',
      jsonFile,
      '--junit',
      junitFile,
    ]);
    assert.equal(res.last, '5 passed, 3 failed, 2 skipped', res.stdout + res.stderr);
    assert.equal(res.code, 1);
    assert.match(res.stdout, /^adapter: fake-adapter 0\.0\.1 \(javascript, node /m);
  });

  test('pass, and fail with a short reason', () => {
    const { byId } = report(jsonFile);
    assert.equal(byId['inj/pass'].status, 'pass');
    assert.equal(byId['inj/fail'].status, 'fail');
    assert.equal(
      byId['inj/fail'].reason,
      "broker.base-url: expected 'https://cli.example' (cli), got 'https://env.example' (env)",
    );
    assert.match(res.stdout, /^FAIL +inj\/fail \[must\] +broker\.base-url: expected/m);
  });

  test('a timeout kills the adapter and the run goes on with a fresh one', () => {
    const { byId } = report(jsonFile);
    assert.equal(byId['inj/hang'].status, 'timeout');
    assert.match(byId['inj/hang'].reason, /no answer within 600 ms/);
    // inj/later, inj/pass, inj/skip, inj/windows come after inj/hang with one job.
    assert.equal(byId['inj/later'].status, 'pass');
    assert.equal(byId['inj/windows'].status, 'pass');
  });

  test('implementation-defined: differs, not a failure', () => {
    const { byId } = report(jsonFile);
    assert.equal(byId['inj/decided'].status, 'differs');
    assert.match(byId['inj/decided'].reason, /diagnostic 'local-config-both' missing/);
  });

  test('errors, skips and Windows files (drive letter) are handled', () => {
    const { byId } = report(jsonFile);
    assert.equal(byId['inj/error'].status, 'pass');
    assert.equal(byId['inj/skip'].status, 'skip');
    assert.equal(byId['inj/windows'].status, 'pass');
  });

  test('the JSON report names the adapter and counts per clause', () => {
    const { json } = report(jsonFile);
    assert.equal(json.adapter.name, 'fake-adapter');
    assert.equal(json.adapter.injection, true);
    assert.deepEqual(
      { passed: json.summary.passed, failed: json.summary.failed, skipped: json.summary.skipped },
      { passed: 5, failed: 3, skipped: 2 },
    );
    const precedence = json.clauses.find((c) => c.clause === 'Precedence' && c.level === 'must');
    assert.deepEqual(precedence, {
      clause: 'Precedence',
      level: 'must',
      passed: 3,
      failed: 2,
      skipped: 1,
    });
  });

  test('the JUnit report has a testsuite per clause and failure elements', () => {
    const xml = readFileSync(junitFile, 'utf8');
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>/);
    assert.match(
      xml,
      /<testsuites name="[^"]*fake-adapter[^"]*" tests="10" failures="3" skipped="2"/,
    );
    assert.match(xml, /<testsuite name="Precedence" tests="6" failures="2"/);
    assert.match(xml, /<failure type="timeout" message="no answer within 600 ms">/);
    assert.match(
      xml,
      /<failure type="fail" message="broker\.base-url: expected 'https:\/\/cli\.example' \(cli\), got/,
    );
    assert.match(xml, /<skipped message="differs: /);
    assert.equal((xml.match(/<testcase /g) ?? []).length, 10);
  });

  test('--strict: an implementation-defined case that differs fails', () => {
    const r = run(['--adapter', fake, '--filter', 'inj/decided', '--strict']);
    assert.equal(r.code, 1);
    assert.equal(r.last, '0 passed, 1 failed, 0 skipped');
    assert.match(r.stdout, /^FAIL +inj\/decided \[implementation-defined D3\]/m);
  });

  test('all passing: exit 0, and the label before the last line', () => {
    const r = run([
      '--adapter',
      fake,
      '--filter',
      'inj/pass',
      '--filter',
      'inj/later',
      '--label',
      'fixture',
    ]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.last, 'fixture: 2 passed, 0 failed, 0 skipped');
  });
});

describe('known failures', () => {
  test('listed and failing → known; listed and passing → failure; the list can be written', () => {
    const known = join(work, 'known.txt');
    const written = join(work, 'written.txt');
    const jsonFile = join(work, 'known.json');
    writeFileSync(
      known,
      '# our known failures\ninj/known-fails\n\ninj/known-passes   # fixed since?\n',
    );
    const r = run([
      '--adapter',
      fake,
      '--filter',
      'inj/known',
      '--filter',
      'inj/fail',
      '--known-failures',
      known,
      '--write-known-failures',
      written,
      '--json',
      jsonFile,
    ]);
    const { byId } = report(jsonFile);
    assert.equal(byId['inj/known-fails'].status, 'known');
    assert.equal(byId['inj/known-passes'].status, 'fixed');
    assert.match(byId['inj/known-passes'].reason, /known failure now passes: remove it/);
    assert.equal(byId['inj/fail'].status, 'fail');
    assert.equal(r.last, '0 passed, 2 failed, 1 skipped');
    assert.equal(r.code, 1);
    assert.deepEqual(parseKnownFailures(readFileSync(written, 'utf8')), [
      'inj/fail',
      'inj/known-fails',
    ]);
  });

  test('only known failures fail: exit 0', () => {
    const known = join(work, 'known2.txt');
    writeFileSync(known, 'inj/known-fails\n');
    const r = run(['--adapter', fake, '--filter', 'inj/known-fails', '--known-failures', known]);
    assert.equal(r.code, 0);
    assert.equal(r.last, '0 passed, 0 failed, 1 skipped');
  });
});

describe('real mode', { skip: hostOs() !== 'linux' && 'the fixtures are Linux cases' }, () => {
  test('n/a for a foreign OS; paths mapped into the temporary directory and back', () => {
    const jsonFile = join(work, 'real.json');
    const r = run(
      ['--adapter', `${fake} --real`, '--filter', 'real/', '--json', jsonFile, '--verbose'],
      { PCC_TEST_LEAK: 'must not reach the adapter' },
    );
    const { byId } = report(jsonFile);
    assert.equal(byId['real/windows'].status, 'n/a');
    assert.equal(byId['real/macos'].status, 'n/a');
    // real/posix checks: files found where the case put them, reported back as case paths;
    // env values, cwd, HOME and the input's cwd mapped; the runner's environment not passed on;
    // dirs created.
    assert.equal(byId['real/posix'].status, 'pass', byId['real/posix'].reason);
    assert.equal(byId['real/no-home'].status, 'pass', byId['real/no-home'].reason);
    assert.equal(r.last, '2 passed, 0 failed, 2 skipped');
    assert.equal(r.code, 0);
  });
});

describe('adapter problems', () => {
  test('a description that does not match the schema stops the run', () => {
    const r = run(['--adapter', `${fake} --bad-describe`]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /describe\.schema\.json/);
    assert.match(r.last, /^0 passed, \d+ failed, 0 skipped$/);
  });

  test('--help prints usage', () => {
    const r = spawnSync(process.execPath, [runner, '--help'], { encoding: 'utf8' });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /--known-failures <file>/);
  });
});

describe('lib', () => {
  test('compare: subset semantics', () => {
    const answer = {
      error: null,
      files: [{ path: '/p/pact.toml', role: 'local', extra: 1 }],
      values: {
        'broker.base-url': { value: 'x', source: 'cli' },
        'ruby.a.b': { value: [1, { c: true }] },
      },
      diagnostics: [{ code: 'env-empty', severity: 'info' }],
    };
    assert.deepEqual(compare({}, answer), []);
    assert.deepEqual(
      compare(
        {
          files: [{ path: '/p/pact.toml', role: 'local' }],
          values: { 'broker.base-url': { value: 'x' }, 'ruby.a.b': { value: [1, { c: true }] } },
          absent: ['broker.auth.token'],
          diagnostics: { include: ['env-empty'], exclude: ['path-empty'] },
        },
        answer,
      ),
      [],
    );
    assert.deepEqual(
      compare({ values: { 'broker.base-url': { value: 'x', source: 'env' } } }, answer),
      ["broker.base-url: expected 'x' (env), got 'x' (cli)"],
    );
    assert.deepEqual(compare({ absent: ['broker.base-url'] }, answer), [
      "broker.base-url: expected absent, got 'x' (cli)",
    ]);
    assert.deepEqual(compare({ error: 'explicit-config-missing' }, answer), [
      "expected error 'explicit-config-missing', the run did not stop",
    ]);
    assert.deepEqual(compare({}, { error: { code: 'ident-invalid', message: 'bad' } }), [
      "unexpected error 'ident-invalid': 'bad'",
    ]);
    // The thrown error's code counts as a reported diagnostic.
    assert.deepEqual(
      compare(
        { error: 'ident-invalid', diagnostics: { include: ['ident-invalid'] } },
        { error: { code: 'ident-invalid' } },
      ),
      [],
    );
    assert.equal(compare({ files: [] }, answer).length, 1);
  });

  test('real-mode path mapping, POSIX and Windows, both ways', () => {
    const tmp = '/tmp/pcc-abc';
    const input = mapInput(tmp, {
      os: 'linux',
      home: '/home/u',
      cwd: '/home/u/p',
      env: { PACT_DATA_HOME: '/data', PACT_BROKER_BASE_URL: 'https://x', PACT_RUBY_DIR: '~/x' },
      cli: { 'config-file': '/c.toml', 'do-not-track': true },
      ident: null,
      dirs: ['/home/u/.pact'],
      files: { '/home/u/p/pact.toml': { base64: '' } },
    });
    assert.equal(input.home, '/tmp/pcc-abc/home/u');
    assert.equal(input.cwd, '/tmp/pcc-abc/home/u/p');
    assert.deepEqual(input.env, {
      PACT_DATA_HOME: '/tmp/pcc-abc/data',
      PACT_BROKER_BASE_URL: 'https://x',
      PACT_RUBY_DIR: '~/x',
    });
    assert.deepEqual(input.cli, { 'config-file': '/tmp/pcc-abc/c.toml', 'do-not-track': true });
    assert.deepEqual(input.dirs, ['/tmp/pcc-abc/home/u/.pact']);
    assert.deepEqual(Object.keys(input.files), ['/tmp/pcc-abc/home/u/p/pact.toml']);
    const out = mapOutFn([tmp, '/private/tmp/pcc-abc'], 'linux');
    assert.deepEqual(
      out({
        a: [
          '/tmp/pcc-abc/home/u',
          'see /private/tmp/pcc-abc/x.toml:3',
          '/tmp/pcc-abcd',
          '/tmp/pcc-abc',
        ],
      }),
      { a: ['/home/u', 'see /x.toml:3', '/tmp/pcc-abcd', '/'] },
    );

    const wtmp = 'C:\\Temp\\pcc-abc';
    assert.equal(mapIn(wtmp, 'windows', 'C:\\Users\\me'), 'C:\\Temp\\pcc-abc\\C\\Users\\me');
    assert.equal(mapIn(wtmp, 'windows', 'relative\\x'), 'relative\\x');
    const wout = mapOutFn([wtmp], 'windows');
    assert.equal(wout('C:\\Temp\\pcc-abc\\C\\Users\\me\\pact.toml'), 'C:\\Users\\me\\pact.toml');
    assert.equal(wout('c:/temp/pcc-abc/d/x'), 'D:/x');
  });
});

describe('validate.mjs', () => {
  const validate = (dir) =>
    spawnSync(process.execPath, [validator, '--cases', dir], { encoding: 'utf8' });

  test('the fixture cases are valid', () => {
    const r = validate(cases);
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stdout.trimEnd().split('\n').at(-1), /^14 passed, 0 failed$/);
  });

  test('problems are reported one per line, with a failing exit code', () => {
    const dir = join(work, 'bad-cases');
    cpSync(join(cases, 'inj'), join(dir, 'inj'), { recursive: true });
    const edit = (id, name, fn) => {
      const p = join(dir, id, name);
      writeFileSync(p, JSON.stringify(fn(JSON.parse(readFileSync(p, 'utf8')))));
    };
    edit('inj/pass', 'case.json', (c) => ({ ...c, level: 'may' }));
    edit('inj/decided', 'case.json', (c) => ({ ...c, decision: 'D999' }));
    edit('inj/fail', 'expected.json', (e) => ({
      ...e,
      diagnostics: { include: ['no-such-code'] },
    }));
    edit('inj/later', 'case.json', (c) => ({ ...c, level: 'implementation-defined' }));
    edit('inj/skip', 'case.json', (c) => ({ ...c, cwd: 'relative/dir' }));
    rmSync(join(dir, 'inj', 'hang', 'expected.json'));
    writeFileSync(join(dir, 'inj', 'error', 'notes.txt'), 'x');
    const r = validate(dir);
    assert.equal(r.status, 1);
    const out = r.stdout;
    assert.match(out, /^FAIL inj\/pass: .*level/m);
    assert.match(out, /^FAIL inj\/decided: decision 'D999' is not a row of DECISIONS\.md$/m);
    assert.match(
      out,
      /^FAIL inj\/fail: diagnostic code 'no-such-code' is not in DECISIONS\.md's code table$/m,
    );
    assert.match(out, /^FAIL inj\/later: .*decision/m);
    assert.match(out, /^FAIL inj\/skip: cwd 'relative\/dir' is not an absolute POSIX path$/m);
    assert.match(out, /^FAIL inj\/hang: expected\.json missing$/m);
    assert.match(out, /^FAIL inj\/error: unexpected entry 'notes\.txt'$/m);
    assert.match(out.trimEnd().split('\n').at(-1), /^3 passed, 7 failed$/);
  });
});
