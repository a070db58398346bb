import type { EnvRecord } from './host.js';

/** Branch variables, in the order the official Pact broker client asks them. */
export const BRANCH_VARIABLES = [
  'GITHUB_HEAD_REF',
  'GITHUB_REF',
  'BUILDKITE_BRANCH',
  'CIRCLE_BRANCH',
  'TRAVIS_BRANCH',
  'GIT_BRANCH',
  'GIT_LOCAL_BRANCH',
  'APPVEYOR_REPO_BRANCH',
  'CI_COMMIT_REF_NAME',
  'BITBUCKET_BRANCH',
  'BUILD_SOURCEBRANCHNAME',
  'CIRRUS_BRANCH',
] as const;

/** Commit variables, in the order the official Pact broker client asks them. */
export const COMMIT_VARIABLES = [
  'GITHUB_SHA',
  'BUILDKITE_COMMIT',
  'CIRCLE_SHA1',
  'TRAVIS_COMMIT',
  'GIT_COMMIT',
  'APPVEYOR_REPO_COMMIT',
  'CI_COMMIT_ID',
  'BITBUCKET_COMMIT',
  'BUILD_SOURCEVERSION',
  'CIRRUS_CHANGE_IN_REPO',
] as const;

/** Build-URL variables asked after GitHub Actions' composed URL. */
export const BUILD_URL_VARIABLES = [
  'BUILDKITE_BUILD_URL',
  'CIRCLE_BUILD_URL',
  'TRAVIS_BUILD_WEB_URL',
  'BUILD_URL',
] as const;

/** Where a version property came from. */
export type VersionSource =
  | { readonly kind: 'env'; readonly names: readonly string[] }
  | { readonly kind: 'git'; readonly command: string };

/** A detected version property. */
export interface VersionProperty {
  readonly value: string;
  readonly source: VersionSource;
}

/** The version properties a publish would use. Absent when nothing gave one. */
export interface VersionProperties {
  readonly branch?: VersionProperty;
  readonly commit?: VersionProperty;
  readonly buildUrl?: VersionProperty;
}

/**
 * Runs git with the given arguments and gives its trimmed output, or
 * `undefined` when git is missing or fails. Injected, so the detection stays
 * pure over the environment.
 */
export type GitRunner = (args: readonly string[]) => string | undefined;

const nonBlank = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';

/**
 * Detects the branch, commit and build URL a publish would use, the way the
 * official Pact broker clients do: the first non-blank variable of each list
 * wins; a branch loses a leading `refs/heads/`; when no listed variable gives
 * a branch, a single variable ending in `_BRANCH` is used; then git, if a
 * runner is given.
 *
 * @example
 * ```ts
 * versionProperties({ GITHUB_REF: 'refs/heads/main', GITHUB_SHA: 'abc123' });
 * // { branch: { value: 'main', … }, commit: { value: 'abc123', … } }
 * ```
 */
export function versionProperties(
  env: EnvRecord,
  options: { git?: GitRunner } = {},
): VersionProperties {
  const result: { -readonly [K in keyof VersionProperties]: VersionProperty } = {};
  const branch = detectBranch(env, options.git);
  if (branch) result.branch = branch;
  const commit = firstOf(env, COMMIT_VARIABLES) ?? fromGit(options.git, ['rev-parse', 'HEAD']);
  if (commit) result.commit = commit;
  const buildUrl = detectBuildUrl(env);
  if (buildUrl) result.buildUrl = buildUrl;
  return result;
}

function firstOf(env: EnvRecord, names: readonly string[]): VersionProperty | undefined {
  for (const name of names) {
    const value = env[name];
    if (nonBlank(value)) return { value: value.trim(), source: { kind: 'env', names: [name] } };
  }
  return undefined;
}

function fromGit(git: GitRunner | undefined, args: string[]): VersionProperty | undefined {
  const out = git?.(args);
  return nonBlank(out)
    ? { value: out.trim(), source: { kind: 'git', command: `git ${args.join(' ')}` } }
    : undefined;
}

function detectBranch(env: EnvRecord, git: GitRunner | undefined): VersionProperty | undefined {
  const known = firstOf(env, BRANCH_VARIABLES);
  if (known) return { ...known, value: known.value.replace(/^refs\/heads\//, '') };
  const ending = Object.keys(env).filter((name) => name.endsWith('_BRANCH') && nonBlank(env[name]));
  if (ending.length === 1) {
    const name = ending[0]!;
    return { value: env[name]!.trim(), source: { kind: 'env', names: [name] } };
  }
  return fromGit(git, ['rev-parse', '--abbrev-ref', 'HEAD']);
}

function detectBuildUrl(env: EnvRecord): VersionProperty | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
  if (nonBlank(server) && nonBlank(repo) && nonBlank(run)) {
    return {
      value: `${server.trim().replace(/\/+$/, '')}/${repo.trim()}/actions/runs/${run.trim()}`,
      source: { kind: 'env', names: ['GITHUB_SERVER_URL', 'GITHUB_REPOSITORY', 'GITHUB_RUN_ID'] },
    };
  }
  return firstOf(env, BUILD_URL_VARIABLES);
}
