import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { computeSignature, startReceiver, verifySignature, type Receiver } from '../../../src/api/receiver/index.ts';

const BODY = JSON.stringify({ payload_version: 1, access_token: 'test-token', stage: 'test' });
const KEY = 'hmac-key-1';
const GOOD = computeSignature(BODY, KEY);

let rx: Receiver | undefined;
afterEach(async () => {
  await rx?.close();
  rx = undefined;
});

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const r = await request(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: r.statusCode, text: await r.body.text() };
}

describe('receiver', () => {
  it('answers POSTs with 200 and an empty body, records them with the signature', async () => {
    rx = await startReceiver();
    expect(rx.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await post(`${rx.url}hook?x=1`, BODY, { 'x-tfc-task-signature': GOOD })).toEqual({ status: 200, text: '' });
    expect(rx.received).toHaveLength(1);
    expect(rx.received[0]).toMatchObject({ path: '/hook?x=1', body: BODY, signature: GOOD, headers: { 'content-type': 'application/json' } });
    expect(Date.parse(rx.received[0]!.receivedAt)).not.toBeNaN();
  });

  it.each([
    ['configured status', 500, 500],
    ['default', undefined, 200],
  ])('answers with the %s', async (_name, status, want) => {
    rx = await startReceiver(status === undefined ? {} : { status });
    expect((await post(rx.url, BODY)).status).toBe(want);
  });

  it('status can be changed while running; GET probes get 200 and are not recorded', async () => {
    rx = await startReceiver();
    rx.status = 404;
    expect((await post(rx.url, '{}')).status).toBe(404);
    const g = await request(rx.url);
    await g.body.text();
    expect(g.statusCode).toBe(200);
    expect(rx.received).toHaveLength(1);
  });

  it('waitFor resolves on a past or a future POST, and undefined on timeout', async () => {
    rx = await startReceiver();
    await post(rx.url, 'first');
    expect((await rx.waitFor((p) => p.body === 'first', 10))?.body).toBe('first');
    const later = rx.waitFor((p) => p.body === 'second', 2000);
    await post(rx.url, 'second');
    expect((await later)?.body).toBe('second');
    expect(await rx.waitFor((p) => p.body === 'never', 50)).toBeUndefined();
  });

  it('close resolves pending waiters with undefined', async () => {
    rx = await startReceiver();
    const pending = rx.waitFor(() => true, 10_000);
    await rx.close();
    rx = undefined;
    expect(await pending).toBeUndefined();
  });
});

describe('verifySignature', () => {
  it.each([
    ['the right signature', BODY, GOOD, KEY, true],
    ['a signature under another key', BODY, computeSignature(BODY, 'other'), KEY, false],
    ['a signature of another body', `${BODY} `, GOOD, KEY, false],
    ['uppercase hex', BODY, GOOD.toUpperCase(), KEY, false],
    ['a truncated signature', BODY, GOOD.slice(0, 64), KEY, false],
    ['a missing signature', BODY, undefined, KEY, false],
    ['an empty signature with a key', BODY, '', KEY, false],
    ['no key, empty signature', BODY, '', '', true],
    ['no key, missing header', BODY, undefined, '', false],
    ['no key, a signature anyway', BODY, GOOD, '', false],
  ])('%s -> %s', (_name, body, sig, key, want) => {
    expect(verifySignature(body, sig, key)).toBe(want);
  });

  it('matches openssl dgst -sha512 -hmac (known vector)', () => {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
    expect(computeSignature('what do ya want for nothing?', 'Jefe')).toBe(
      '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
    );
  });
});
