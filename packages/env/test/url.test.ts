import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { hasUrlCredentials, readPactEnv, redactUrl } from '../src/index.js';

// RFC "Pact Broker": the base URL may contain a username and password; they are secrets.
describe('redactUrl', () => {
  it.each([
    ['https://ci:s3cr3t@broker.example/pb/', 'https://ci:********@broker.example/pb/'],
    ['https://t0k3n@broker.example', 'https://********@broker.example'],
    ['http://u:p%40ss@localhost:9292', 'http://u:********@localhost:9292'],
    ['u:pw@broker.example', 'u:********@broker.example'],
    ['https://broker.example', 'https://broker.example'],
    // The credentials run from the authority's start to the last '@': a raw '@', a space, a
    // '/', '?' or '#' in the password is masked with the rest of it.
    ['https://u:p@ss@broker.example/x', 'https://u:********@broker.example/x'],
    ['https://us er:p w@broker.example', 'https://us er:********@broker.example'],
    ['https://me@corp:tok@broker.example', 'https://me@corp:********@broker.example'],
    ['https://ci:pa/ss@broker.example', 'https://ci:********@broker.example'],
    ['https://ci:2024#pw@broker.example', 'https://ci:********@broker.example'],
    ['https://ci:p?w@broker.example', 'https://ci:********@broker.example'],
    // Quoted (as `docker --env-file` keeps it), spaced, or short of a slash: still masked.
    ['"https://ci:pw@broker.example"', '"https://ci:********@broker.example"'],
    [' https://ci:pw@broker.example', ' https://ci:********@broker.example'],
    ['https:/ci:pw@broker.example', 'https:********@broker.example'],
    // An '@' in the path is taken for one too: such a base URL is refused anyway (D49).
    ['https://broker.example/a@b', 'https://********@b'],
  ])('%s → %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
    expect(hasUrlCredentials(url)).toBe(url !== shown);
  });
});

describe('readPactEnv keeps a base URL with credentials as a secret', () => {
  it('masks the value and keeps the whole URL in rawBaseUrl', () => {
    const { values } = readPactEnv({ PACT_BROKER_BASE_URL: 'https://u:canary@b.example' });
    expect(values.broker.baseUrl?.value).toBe('https://u:********@b.example');
    expect(values.broker.rawBaseUrl?.value.reveal()).toBe('https://u:canary@b.example');
    expect(JSON.stringify(values) + inspect(values, { depth: 9 })).not.toContain('canary');
  });
  it('never shows a part of a password that holds a raw @ or a space', () => {
    for (const url of ['https://u:qx7@zz9@b.example/x', 'https://u:qx7 zz9@b.example']) {
      const { values } = readPactEnv({ PACT_BROKER_BASE_URL: url });
      expect(values.broker.rawBaseUrl?.value.reveal()).toBe(url);
      expect(JSON.stringify(values) + inspect(values, { depth: 9 })).not.toMatch(/qx7|zz9/);
    }
  });
  it('has no rawBaseUrl when the URL holds no credentials', () => {
    expect(readPactEnv({ PACT_BROKER_BASE_URL: 'https://b.example' }).values.broker).toEqual({
      baseUrl: {
        value: 'https://b.example',
        source: { kind: 'env', name: 'PACT_BROKER_BASE_URL' },
      },
    });
  });
});
