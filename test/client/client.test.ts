import type { ServerResponse } from 'node:http';
import { Agent, Dispatcher } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { ApiClient, classifyError, closeDefaultDispatcher, REDACTED, SIGNATURE_REDACTED, TransportError, type Exchange, type RequestOptions } from '../../src/client/index.ts';
import { freePort, json, startServer, type Handler, type TestServer } from './server.ts';

const ok: Handler = (_req, res) => json(res, 200, { data: [] });

/** Runs fn against a fresh server and closes it whatever happens. */
async function withServer<T>(handler: Handler, fn: (s: TestServer) => Promise<T>): Promise<T> {
  const s = await startServer(handler);
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

afterAll(() => closeDefaultDispatcher());

describe('requests', () => {
  it('sends JSON:API headers, bearer token, JSON body, query; parses JSON', () =>
    withServer(ok, async (s) => {
      const c = new ApiClient({ baseUrl: s.url, token: 't1' });
      const r = await c.post('/api/v2/tasks', { data: { type: 'tasks' } }, { query: { 'page[number]': '2', q: 'a b' } });
      expect(r.status).toBe(200);
      expect(r.json).toEqual({ data: [] });
      expect(r.headers['content-type']).toBe('application/vnd.api+json');
      const seen = s.seen[0]!;
      expect(seen.url).toBe('/api/v2/tasks?page[number]=2&q=a%20b');
      expect(seen.headers).toMatchObject({
        accept: 'application/vnd.api+json',
        'content-type': 'application/vnd.api+json',
        authorization: 'Bearer t1',
      });
      expect(JSON.parse(seen.body)).toEqual({ data: { type: 'tasks' } });
    }));

  it.each<[string, RequestOptions, string | undefined, string | undefined]>([
    ['no body: no Content-Type', {}, undefined, 'Bearer t1'],
    ['token null: no Authorization', { token: null }, undefined, undefined],
    ['token override', { token: 't2' }, undefined, 'Bearer t2'],
    ['contentType null with a body', { rawBody: 'x', contentType: null }, undefined, 'Bearer t1'],
    ['contentType forced without a body', { contentType: 'text/plain' }, 'text/plain', 'Bearer t1'],
    ['header override', { headers: { 'Content-Type': 'application/json' }, body: {} }, 'application/json', 'Bearer t1'],
  ])('%s', (_name, o, contentType, auth) =>
    withServer(ok, async (s) => {
      await new ApiClient({ baseUrl: s.url, token: 't1' }).request('DELETE', '/x', o);
      expect(s.seen[0]!.headers['content-type']).toBe(contentType);
      expect(s.seen[0]!.headers.authorization).toBe(auth);
    }));

  it('follows absolute URLs (pagination links), keeps a base path prefix, returns non-JSON as text', () =>
    withServer((_r, res) => res.end('plain'), async (s) => {
      const c = new ApiClient({ baseUrl: `${s.url}/prefix/` });
      await c.get('/api/v2/a');
      const r = await c.get(`${s.url}/api/v2/b?page%5Bnumber%5D=3`, { query: { x: '1' } });
      expect(s.seen.map((q) => q.url)).toEqual(['/prefix/api/v2/a', '/api/v2/b?page%5Bnumber%5D=3&x=1']);
      expect(r.text).toBe('plain');
      expect(r.json).toBeUndefined();
    }));

  it('reuses keep-alive connections, also across withToken siblings', () =>
    withServer(ok, async (s) => {
      const dispatcher = new Agent({ keepAliveTimeout: 10_000, connections: 16 });
      const a = new ApiClient({ baseUrl: s.url, dispatcher });
      const b = a.withToken('other');
      for (let i = 0; i < 10; i++) await (i % 2 ? a : b).get('/x');
      // undici's pool still counts the first socket busy when a sequential loop sends again, so 2 (never 10).
      expect(s.connections()).toBeLessThanOrEqual(2);
      expect(a.stats().requests).toBe(10);
      await dispatcher.close();
    }));

  it('uses the default dispatcher and can close it', () =>
    withServer(ok, async (s) => {
      const c = new ApiClient({ baseUrl: s.url });
      await c.get('/x');
      await closeDefaultDispatcher();
      expect((await c.get('/x')).status).toBe(200); // a fresh Agent is made on demand
      expect(s.connections()).toBe(2);
    }));
});

describe('transport failures', () => {
  const hang: Record<string, Handler> = {
    'headers never sent': () => {},
    'body never ends': (_r, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{');
    },
    'body trickles forever': (_r, res) => {
      res.writeHead(200);
      const t = setInterval(() => (res.writable ? res.write(' ') : clearInterval(t)), 40);
      res.on('close', () => clearInterval(t));
    },
  };

  it.each(Object.keys(hang))('times out when the %s', (name) =>
    withServer(hang[name]!, async (s) => {
      const exchanges: Exchange[] = [];
      const c = new ApiClient({ baseUrl: s.url, timeoutMs: 300, onExchange: (e) => exchanges.push(e) });
      // No elapsed-time assertion (speed is the bench's): a client that never gave up would hang the test.
      const err = await c.get('/x').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TransportError);
      expect((err as TransportError).kind).toBe('timeout');
      expect(exchanges).toMatchObject([{ status: null, error: 'timed out after 300ms' }]);
    }));

  it('times out when the connection is never made (undici would wait for the socket)', async () => {
    /** A dispatcher that accepts the request and never connects. */
    class NeverConnects extends Dispatcher {
      override dispatch(): boolean {
        return true;
      }
    }
    const c = new ApiClient({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 200, dispatcher: new NeverConnects() });
    await expect(c.get('/x')).rejects.toMatchObject({ kind: 'timeout', message: expect.stringContaining('200ms') });
  });

  it('refused connection -> TransportError refused, with a redacted exchange', async () => {
    const port = await freePort();
    const c = new ApiClient({ baseUrl: `http://127.0.0.1:${port}`, token: 'tok-xyz' });
    const err = (await c.get('/x', { query: { t: 'tok-xyz' } }).catch((e: unknown) => e)) as TransportError;
    expect(err).toBeInstanceOf(TransportError);
    expect(err.kind).toBe('refused');
    expect(err.exchange?.status).toBeNull();
    expect(JSON.stringify(err.exchange) + err.message).not.toContain('tok-xyz');
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('connection dropped mid-request -> reset', () =>
    withServer((_r, res) => res.socket?.destroy(), async (s) => {
      const err = (await new ApiClient({ baseUrl: s.url }).get('/x').catch((e: unknown) => e)) as TransportError;
      expect(err.kind).toBe('reset');
    }));

  it.each([
    [{ code: 'ENOTFOUND' }, 'dns'],
    [{ code: 'EAI_AGAIN' }, 'dns'],
    [{ name: 'TimeoutError' }, 'timeout'],
    [{ code: 'UND_ERR_HEADERS_TIMEOUT' }, 'timeout'],
    [{ errors: [{ code: 'ECONNREFUSED' }] }, 'refused'],
    [{ cause: { code: 'ECONNRESET' } }, 'reset'],
    [new Error('boom'), 'other'],
  ])('classifies %j as %s', (err, kind) => {
    expect(classifyError(err)).toBe(kind);
  });
});

/** 429 for the first `n` requests with the given headers, then 200. */
function limited(n: number, headers: Record<string, string>): Handler {
  return (_r, res: ServerResponse, i) =>
    i < n ? json(res, 429, { errors: [{ status: '429', title: 'Too many requests' }] }, headers) : json(res, 200, { data: [] });
}

/** A server that allows `limit` requests per token per window and says so on every answer; 429 beyond. */
function windowed(limit: number, windowMs: number): { handler: Handler; refused: () => number } {
  const windows = new Map<string, { start: number; used: number }>();
  let refused = 0;
  const handler: Handler = (req, res) => {
    const key = req.headers.authorization ?? '';
    const now = Date.now();
    let w = windows.get(key);
    if (!w || now - w.start >= windowMs) windows.set(key, (w = { start: now, used: 0 }));
    const ok = w.used < limit;
    if (ok) w.used++;
    else refused++;
    const headers = { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(limit - w.used), 'x-ratelimit-reset': String((w.start + windowMs - now) / 1000) };
    json(res, ok ? 200 : 429, ok ? { data: [] } : { errors: [{ status: '429' }] }, ok ? headers : { ...headers, 'retry-after': '1' });
  };
  return { handler, refused: () => refused };
}

describe.concurrent('429 and pacing', () => {
  it.each([
    ['Retry-After seconds', 1, { 'retry-after': '0.05' }],
    ['X-RateLimit-Reset float', 1, { 'x-ratelimit-reset': '0.05' }],
    ['neither: the backoff', 2, {}],
  ])('waits for %s, then retries', (_name, n, headers) =>
    withServer(limited(n, headers), async (s) => {
      const statuses: (number | null)[] = [];
      const c = new ApiClient({ baseUrl: s.url, onExchange: (e) => statuses.push(e.status) });
      const r = await c.get('/x');
      expect(r.status).toBe(200);
      expect(statuses).toEqual([...Array<number>(n).fill(429), 200]);
      expect(c.stats()).toMatchObject({ requests: n + 1, retries429: n });
      expect(c.stats().waitedMs).toBeGreaterThan(0);
    }));

  it('returns the 429 when retries are exhausted; caps each wait', () =>
    withServer(limited(99, { 'retry-after': '3600' }), async (s) => {
      const c = new ApiClient({ baseUrl: s.url, max429Retries: 2, max429WaitMs: 50 });
      const r = await c.get('/x');
      expect(r.status).toBe(429);
      expect(s.seen).toHaveLength(3);
      expect(c.stats()).toMatchObject({ requests: 3, retries429: 2 });
    }));

  it('spends what the server announces (X-RateLimit-Remaining/-Reset) and never runs into its limit, on loopback too', () => {
    const limit = windowed(3, 150);
    return withServer(limit.handler, async (s) => {
      const c = new ApiClient({ baseUrl: s.url, token: 'a' }); // unpaced until the server speaks
      for (let i = 0; i < 10; i++) await c.get('/x');
      await Promise.all([...Array(6).keys()].map(() => c.get('/x')));
      expect(limit.refused()).toBe(0);
      expect(c.stats().retries429).toBe(0);
      expect(c.stats().waitedMs).toBeGreaterThan(0);
    });
  });

  it('keeps one budget per token: a sibling with its own token is not held by another token\'s', () => {
    const limit = windowed(2, 150);
    return withServer(limit.handler, async (s) => {
      const a = new ApiClient({ baseUrl: s.url, token: 'a' });
      const b = a.withToken('b');
      for (let i = 0; i < 6; i++) await (i % 2 ? a : b).get('/x');
      expect(limit.refused()).toBe(0);
    });
  });

  it('sends queued deletions before queued check requests', () => {
    const limit = windowed(1, 100);
    return withServer(limit.handler, async (s) => {
      const c = new ApiClient({ baseUrl: s.url, token: 'a' });
      await c.get('/learn'); // the budget is now spent until the window ends
      await Promise.all([c.get('/check-1'), c.get('/check-2'), c.delete('/delete-1')]);
      expect(s.seen.map((r) => r.url)).toEqual(['/learn', '/delete-1', '/check-1', '/check-2']);
    });
  });

  it('refuses queued and later requests once its signal aborts (a pending 429 wait included), as TransportError "aborted"', () =>
    withServer(limited(99, { 'retry-after': '3600' }), async (s) => {
      const controller = new AbortController();
      const c = new ApiClient({ baseUrl: s.url, signal: controller.signal });
      const pending = c.get('/x').catch((e: unknown) => e);
      while (s.seen.length === 0) await new Promise((r) => setTimeout(r, 5));
      controller.abort();
      const err = await pending;
      expect(err).toBeInstanceOf(TransportError);
      expect((err as TransportError).kind).toBe('aborted');
      await expect(c.delete('/y')).rejects.toMatchObject({ kind: 'aborted' });
      expect(s.seen).toHaveLength(1);
    }));
});

describe('redaction of exchanges', () => {
  const SECRETS = ['tok-SECRET-1', 'extra-SECRET-2', 'hmac-SECRET-3', 'tok-SECRET-4', 'hmac/SECRET 5'];
  /** A broken server that echoes everything it got, in its body and headers. */
  const echo: Handler = (req, res, i) =>
    json(
      res,
      200,
      { got: req, echoedLater: i > 0 ? 'hmac-SECRET-3 and hmac/SECRET 5' : null, data: { attributes: { 'hmac-key': 'server-made' } } },
      { 'x-echo-auth': req.headers.authorization ?? '', 'x-echo-url': req.url },
    );

  it('no secret value appears in any recorded exchange', () =>
    withServer(echo, async (s) => {
      const exchanges: Exchange[] = [];
      const c = new ApiClient({ baseUrl: s.url, token: 'tok-SECRET-1', secrets: ['extra-SECRET-2'], onExchange: (e) => exchanges.push(e) });
      const r1 = await c.post('/api/v2/organizations/o/tasks', { data: { attributes: { 'hmac-key': 'hmac-SECRET-3', note: 'extra-SECRET-2' } } }, { query: { token: 'tok-SECRET-1' } });
      await c.withToken('tok-SECRET-4').patch('/api/v2/tasks/t', undefined, { rawBody: '{"hmac_key":"hmac/SECRET 5"}' });
      await c.get('/api/v2/tasks/t'); // the server now echoes the learnt keys in a plain member
      await c.get('/x', { headers: { 'X-Other': 'Bearer ad-hoc' } });

      expect(exchanges).toHaveLength(4);
      const recorded = JSON.stringify(exchanges) + JSON.stringify(r1.exchange);
      for (const secret of [...SECRETS, 'server-made', 'ad-hoc', encodeURIComponent('hmac/SECRET 5')]) expect(recorded).not.toContain(secret);
      expect(exchanges[0]!.requestHeaders.authorization).toBe('[REDACTED]');
      expect(exchanges[0]!.url).toContain('token=[REDACTED]');
      expect(exchanges[2]!.responseBody).toContain('"echoedLater":"[REDACTED] and [REDACTED]"');
      // Checks judge the raw response: only the exchange is redacted.
      expect(r1.text).toContain('tok-SECRET-1');
    }));

  it('hides a sent X-TFC-Task-Signature, keeps an empty one empty, and hides a signature the server echoes', () =>
    withServer((req, res) => json(res, 401, { got: req.headers['x-tfc-task-signature'] ?? null }, { 'x-echo-signature': String(req.headers['x-tfc-task-signature'] ?? '') }), async (s) => {
      const exchanges: Exchange[] = [];
      const c = new ApiClient({ baseUrl: s.url, onExchange: (e) => exchanges.push(e) });
      const body = '{"stage":"post_plan"}';
      const signature = createHmac('sha512', 'weak').update(body).digest('hex');
      await c.request('POST', '/', { rawBody: body, headers: { 'X-TFC-Task-Signature': signature }, contentType: 'application/json', token: null });
      await c.request('POST', '/', { rawBody: body, headers: { 'x-tfc-task-signature': '' }, contentType: 'application/json', token: null });
      expect(exchanges[0]!.requestHeaders['x-tfc-task-signature']).toBe(SIGNATURE_REDACTED);
      expect(exchanges[0]!.responseHeaders['x-echo-signature']).toBe(REDACTED);
      expect(exchanges[0]!.responseBody).toBe('{"got":"[REDACTED]"}');
      expect(exchanges[1]!.requestHeaders['x-tfc-task-signature']).toBe('');
      expect(JSON.stringify(exchanges)).not.toContain(signature);
      expect(JSON.stringify(exchanges)).not.toMatch(/[0-9a-f]{128}/);
    }));

  it('hides a short hmac-key in its member but does not hunt it in free text', () =>
    withServer((req, res) => json(res, 200, { data: { attributes: { 'hmac-key': 'ab', note: 'a tab and a cab' } } }), async (s) => {
      const exchanges: Exchange[] = [];
      const c = new ApiClient({ baseUrl: s.url, onExchange: (e) => exchanges.push(e) });
      await c.post('/api/v2/organizations/o/tasks', { data: { attributes: { 'hmac-key': 'ab' } } });
      expect(exchanges[0]!.requestBody).toContain('"hmac-key":"[REDACTED]"');
      expect(exchanges[0]!.responseBody).toContain('"hmac-key":"[REDACTED]"');
      expect(exchanges[0]!.responseBody).toContain('a tab and a cab');
    }));
});
