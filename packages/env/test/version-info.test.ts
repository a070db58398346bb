import { describe, expect, it } from 'vitest';
import { versionProperties } from '../src/index.js';

// seeds/003 "Versioning in the Pact Broker" and the official broker client's detection order.
describe('versionProperties', () => {
  it('takes the first non-blank branch variable and strips refs/heads/', () => {
    const v = versionProperties({
      GITHUB_HEAD_REF: ' ',
      GITHUB_REF: 'refs/heads/feat/x',
      CIRCLE_BRANCH: 'other',
    });
    expect(v.branch).toEqual({ value: 'feat/x', source: { kind: 'env', names: ['GITHUB_REF'] } });
  });

  it('prefers GITHUB_HEAD_REF (pull requests) over GITHUB_REF', () => {
    expect(
      versionProperties({ GITHUB_HEAD_REF: 'pr-branch', GITHUB_REF: 'refs/pull/1/merge' }).branch
        ?.value,
    ).toBe('pr-branch');
  });

  it('falls back to a single variable ending in _BRANCH, and not to two', () => {
    expect(versionProperties({ MY_CI_BRANCH: 'main' }).branch?.value).toBe('main');
    expect(versionProperties({ A_BRANCH: 'a', B_BRANCH: 'b' }).branch).toBeUndefined();
  });

  it('asks git last, through the injected runner', () => {
    const calls: string[] = [];
    const v = versionProperties(
      {},
      {
        git: (args) => {
          calls.push(args.join(' '));
          return args.includes('--abbrev-ref') ? 'main\n' : 'abc123\n';
        },
      },
    );
    expect(v.branch).toEqual({
      value: 'main',
      source: { kind: 'git', command: 'git rev-parse --abbrev-ref HEAD' },
    });
    expect(v.commit).toEqual({
      value: 'abc123',
      source: { kind: 'git', command: 'git rev-parse HEAD' },
    });
    expect(calls).toEqual(['rev-parse --abbrev-ref HEAD', 'rev-parse HEAD']);
  });

  it('detects the commit in the documented order', () => {
    expect(versionProperties({ TRAVIS_COMMIT: 't', CIRCLE_SHA1: 'c' }).commit?.value).toBe('c');
    expect(versionProperties({ BUILD_SOURCEVERSION: 'azure' }).commit?.source).toEqual({
      kind: 'env',
      names: ['BUILD_SOURCEVERSION'],
    });
  });

  it('composes the GitHub Actions build URL, else takes a CI build URL', () => {
    expect(
      versionProperties({
        GITHUB_SERVER_URL: 'https://github.com/',
        GITHUB_REPOSITORY: 'o/r',
        GITHUB_RUN_ID: '42',
        BUILD_URL: 'https://jenkins/1',
      }).buildUrl?.value,
    ).toBe('https://github.com/o/r/actions/runs/42');
    expect(
      versionProperties({ GITHUB_REPOSITORY: 'o/r', BUILD_URL: 'https://jenkins/1' }).buildUrl
        ?.value,
    ).toBe('https://jenkins/1');
  });

  it('gives nothing when nothing is known', () => {
    expect(versionProperties({})).toEqual({});
  });
});
