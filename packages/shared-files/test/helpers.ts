import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PactConfigError } from '@pact-config/env';
import { afterEach } from 'vitest';

export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const fixture = (name: string) => join(packageDir, 'test', 'fixtures', name);

const tsc = join(packageDir, '..', '..', 'node_modules', 'typescript', 'bin', 'tsc');

/** The child-process tests run the built package: build it when dist/ is missing or stale. */
export function ensureBuilt(): void {
  const dist = join(packageDir, 'dist', 'index.js');
  const src = readdirSync(join(packageDir, 'src'));
  const newest = Math.max(...src.map((f) => statSync(join(packageDir, 'src', f)).mtimeMs));
  if (existsSync(dist) && statSync(dist).mtimeMs >= newest) return;
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: packageDir });
}

const made: string[] = [];
/** A fresh real temporary directory, removed after the test. */
export function tempDir(): string {
  const d = realpathSync(mkdtempSync(join(tmpdir(), 'pact-shared-')));
  made.push(d);
  return d;
}
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

export const codes = (ds: readonly { code: string }[]) => ds.map((d) => d.code);
export const posix = process.platform !== 'win32';

/** The PactConfigError a call throws (fails the test if it throws nothing or something else). */
export function thrown(fn: () => unknown): PactConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PactConfigError) return e;
    throw e;
  }
  throw new Error('expected a PactConfigError, nothing was thrown');
}
