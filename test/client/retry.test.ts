import { describe, expect, it } from 'vitest';
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

describe('Pacer', () => {
  it.each([
    ['unpaced', 0, undefined, 0],
    ['maxRps', 20, undefined, 50],
    ['server limit lowers to 2/3', 0, '30', 50],
    ['maxRps already lower than the server limit', 5, '30', 200],
    ['server limit lower than maxRps', 100, '15', 100],
    ['nonsense limit ignored', 20, 'abc', 50],
  ])('%s', (_name, maxRps, limit, interval) => {
    const p = new Pacer(maxRps);
    p.noteLimit(limit);
    expect(p.intervalMs).toBeCloseTo(interval, 5);
  });

  it('spaces reservations and honours pauses', () => {
    const p = new Pacer(10);
    expect([p.reserve(0), p.reserve(0), p.reserve(0)]).toEqual([0, 100, 200]);
    p.pauseUntil(1000);
    expect(p.reserve(500)).toBe(500);
  });
});
