import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Pacer } from '../../src/client/pacer.ts';
import { retryDelayMs } from '../../src/client/index.ts';

const NOW = Date.parse('2025-01-01T00:00:00Z');

describe('retryDelayMs', () => {
  it.each([
    ['Retry-After seconds', { 'retry-after': '2' }, 0, 2000],
    ['Retry-After HTTP-date', { 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' }, 0, 3000],
    ['Retry-After date in the past', { 'retry-after': 'Tue, 31 Dec 2024 00:00:00 GMT' }, 0, 0],
    ['Retry-After wins over reset', { 'retry-after': '1', 'x-ratelimit-reset': '9' }, 0, 1000],
    ['X-RateLimit-Reset float', { 'x-ratelimit-reset': '0.45' }, 0, 450],
    ['X-RateLimit-Reset epoch', { 'x-ratelimit-reset': String(NOW / 1000 + 4) }, 0, 4000],
    ['garbage falls back to backoff', { 'retry-after': 'soon', 'x-ratelimit-reset': '-1' }, 0, 250],
    ['backoff doubles', {}, 3, 2000],
    ['capped', { 'retry-after': '3600' }, 0, 5000],
    ['backoff capped', {}, 20, 5000],
  ])('%s', (_name, headers, attempt, want) => {
    expect(retryDelayMs(headers, attempt, 5000, NOW)).toBeCloseTo(want, 0);
  });
});

describe('Pacer: when a request may go', () => {
  it.each([
    ['unpaced', 0, {}, 0],
    ['maxRps', 20, {}, 50],
    ['an announced limit alone lowers the pace to 2/3 of it', 0, { 'x-ratelimit-limit': '30' }, 50],
    ['maxRps already lower than the announced limit', 5, { 'x-ratelimit-limit': '30' }, 200],
    ['an announced limit lower than maxRps', 100, { 'x-ratelimit-limit': '15' }, 100],
    ['a nonsense limit is ignored', 20, { 'x-ratelimit-limit': 'abc' }, 50],
    ['a remaining budget replaces the 2/3 share (the budget governs)', 0, { 'x-ratelimit-limit': '15', 'x-ratelimit-remaining': '14' }, 0],
  ])('%s', (_name, maxRps, headers, interval) => {
    const p = new Pacer(maxRps, { now: () => 0 });
    p.settle('t', headers);
    expect(p.intervalMs('t')).toBeCloseTo(interval, 5);
  });

  it('spaces requests by the interval', () => {
    let now = 0;
    const p = new Pacer(10, { now: () => now });
    expect(p.acquire('t')).toBeNull();
    expect(p.delayFor('t', now)).toBe(100);
    now = 100;
    expect(p.acquire('t')).toBeNull();
    expect(p.delayFor('t', 150)).toBe(50);
  });

  it('spends an announced budget to the last request, then waits for the reset, then refills to the limit', () => {
    let now = 0;
    const p = new Pacer(0, { now: () => now });
    p.settle('t', { 'x-ratelimit-limit': '3', 'x-ratelimit-remaining': '2', 'x-ratelimit-reset': '0.5' });
    expect(p.acquire('t')).toBeNull();
    expect(p.acquire('t')).toBeNull();
    expect(p.delayFor('t', now)).toBe(500);
    now = 500;
    for (let i = 0; i < 3; i++) expect(p.acquire('t'), `request ${i} of the new window`).toBeNull();
    expect(p.delayFor('t', now)).toBeGreaterThan(0);
  });

  it('counts requests still on the wire against the remaining budget', () => {
    const p = new Pacer(0, { now: () => 0 });
    p.settle('t', { 'x-ratelimit-remaining': '9' });
    for (let i = 0; i < 3; i++) p.acquire('t'); // three in flight
    p.settle('t', { 'x-ratelimit-remaining': '2', 'x-ratelimit-reset': '1' }); // one answered, two still out
    expect(p.delayFor('t', 0)).toBe(1000);
  });

  it('keeps one budget per credential', () => {
    const p = new Pacer(0, { now: () => 0 });
    p.settle('owner', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' });
    expect(p.delayFor('owner', 0)).toBe(1000);
    expect(p.delayFor('restricted', 0)).toBe(0);
  });

  it('pauses a credential after a 429', () => {
    const p = new Pacer(0, { now: () => 0 });
    p.pause('t', 750);
    expect(p.delayFor('t', 0)).toBe(750);
    expect(p.delayFor('other', 0)).toBe(0);
  });
});

describe('Pacer: the queue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A pacer whose owner budget is spent until t=1000. */
  function exhausted(signal?: AbortSignal): Pacer {
    const p = new Pacer(0, { now: () => Date.now(), ...(signal ? { signal } : {}) });
    p.settle('owner', { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' });
    return p;
  }

  it('sends queued deletions before queued check requests, each in arrival order', async () => {
    vi.setSystemTime(0);
    const p = exhausted();
    const order: string[] = [];
    const queued = (name: string, priority: 'check' | 'deletion') => p.acquire('owner', priority)!.then(() => order.push(name));
    const all = Promise.all([queued('get-1', 'check'), queued('get-2', 'check'), queued('delete-1', 'deletion'), queued('delete-2', 'deletion')]);
    await vi.advanceTimersByTimeAsync(1000);
    await all;
    expect(order).toEqual(['delete-1', 'delete-2', 'get-1', 'get-2']);
  });

  it('an abort refuses what is queued and what comes later, a pending 429 wait included', async () => {
    vi.setSystemTime(0);
    const controller = new AbortController();
    const p = exhausted(controller.signal);
    p.pause('owner', 60_000);
    const queued = p.acquire('owner', 'deletion')!;
    controller.abort(new Error('interrupted'));
    await expect(queued).rejects.toThrow('interrupted');
    await expect(p.acquire('other')).rejects.toThrow('interrupted');
  });
});
