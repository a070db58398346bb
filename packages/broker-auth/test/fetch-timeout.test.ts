// brokerFetch's time limit (decision D48): a broker that accepts the connection and never
// answers, or stops in the middle of its answer, must not hang the tool. Plain node:http
// servers on 127.0.0.1; the same check runs under Bun and Deno in test/smoke.mjs.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PactConfigError } from '@pact-config/env';
import { afterEach, describe, expect, it } from 'vitest';
import { brokerFetch, DEFAULT_BROKER_TIMEOUT_MS, resolveBrokerConnection } from '../src/index.js';

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

async function broker(handler: Parameters<typeof createServer>[1]) {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const { connection } = resolveBrokerConnection({ baseUrl: `http://127.0.0.1:${port}/` });
  if (!connection) throw new Error('no connection');
  return { connection, origin: `http://127.0.0.1:${port}` };
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('brokerFetch resolved; it should have been given up');
}

describe('brokerFetch time limit (D48)', () => {
  it('gives up on a broker that never answers: broker-timeout, naming the origin and the limit', async () => {
    const { connection, origin } = await broker(() => {});
    const started = Date.now();
    const e = await failure(brokerFetch(connection, '/index', { timeoutMs: 200 }));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(e).toBeInstanceOf(PactConfigError);
    const d = (e as PactConfigError).diagnostic;
    expect(d.code).toBe('broker-timeout');
    expect(d.message).toContain(origin);
    expect(d.message).toContain('200 ms');
    expect(d.hint).toContain('timeoutMs');
  });

  it('gives up on an answer that stops half-way (the limit covers the whole body)', async () => {
    const { connection } = await broker((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"half":');
    });
    const e = await failure(brokerFetch(connection, '/', { timeoutMs: 200 }));
    expect((e as PactConfigError).diagnostic.code).toBe('broker-timeout');
  });

  it('answers in time are untouched', async () => {
    const { connection } = await broker((_req, res) => res.end('{"ok":true}'));
    const res = await brokerFetch(connection, '/', { timeoutMs: 5000 });
    expect(await res.json()).toEqual({ ok: true });
  });

  it("the caller's own abort stays an AbortError, not broker-timeout", async () => {
    const { connection } = await broker(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const e = await failure(
      brokerFetch(connection, '/', { signal: controller.signal, timeoutMs: 5000 }),
    );
    expect(e).not.toBeInstanceOf(PactConfigError);
    expect((e as Error).name).toBe('AbortError');
  });

  it('Infinity (or more than a timer can wait) means no limit; a limit that is not a positive number is a RangeError', async () => {
    const { connection } = await broker((_req, res) => res.end('ok'));
    expect((await brokerFetch(connection, '/', { timeoutMs: Infinity })).status).toBe(200);
    // Longer than a timer can wait (2^31 ms, which Node would fire at once): no limit either.
    expect((await brokerFetch(connection, '/', { timeoutMs: 2 ** 31 })).status).toBe(200);
    for (const bad of [0, -1, Number.NaN]) {
      await expect(brokerFetch(connection, '/', { timeoutMs: bad })).rejects.toThrow(RangeError);
    }
    expect(DEFAULT_BROKER_TIMEOUT_MS).toBe(60_000);
  });
});
