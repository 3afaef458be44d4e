import { parseRateLimitReset } from './retry.ts';

/** go-tfe paces at 66% of the server's advertised limit when the limit is all it knows. */
export const SERVER_LIMIT_SHARE = 2 / 3;

/** Without X-RateLimit-Reset, a server's remaining budget is taken to refill after a second (limits are per second). */
export const DEFAULT_WINDOW_MS = 1000;

/** Queued deletions are sent before every other queued request: cleanup must not wait behind checks. */
export type Priority = 'deletion' | 'check';

/** What the server announced for one credential (HCP Terraform counts per user, so per token here). */
interface Budget {
  /** X-RateLimit-Limit, requests per second. */
  limit: number | undefined;
  /** X-RateLimit-Remaining, less what was sent since; undefined until the server says. */
  remaining: number | undefined;
  /** When the remaining budget refills (clock ms). */
  resetAt: number;
  /** After a 429: nobody with this credential sends before this. */
  pausedUntil: number;
  /** Sent and not answered yet: the server may or may not have counted them in its last Remaining. */
  inFlight: number;
}

interface Waiter {
  key: string;
  priority: Priority;
  since: number;
  resolve(waitedMs: number): void;
  reject(reason: unknown): void;
}

export interface RateHeaders {
  'x-ratelimit-limit'?: string;
  'x-ratelimit-remaining'?: string;
  'x-ratelimit-reset'?: string;
}

const positive = (v: string | undefined): number | undefined => {
  const n = v === undefined ? NaN : Number(v);
  return Number.isFinite(n) && n > 0 ? n : undefined;
};
const count = (v: string | undefined): number | undefined => {
  const n = v === undefined || v.trim() === '' ? NaN : Number(v);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : undefined;
};

/**
 * Decides when each request may be sent, shared by all clients made with withToken:
 * - a fixed interval from maxRps (the user's cap; 0 = none);
 * - what the server announces: X-RateLimit-Remaining/-Reset give a budget per credential that is spent to
 *   the last request and refilled at the reset; X-RateLimit-Limit alone paces at 2/3 of it (go-tfe's share);
 * - a 429's Retry-After pauses that credential.
 * Requests that must wait queue here, deletions first. acquire() is synchronous when nothing has to wait,
 * so an unpaced request pays no promise and no timer.
 */
export class Pacer {
  readonly #maxIntervalMs: number;
  readonly #now: () => number;
  readonly #budgets = new Map<string, Budget>();
  readonly #queue: Waiter[] = [];
  #nextSlot = 0;
  #timer: NodeJS.Timeout | undefined;
  #aborted: unknown = undefined;

  constructor(maxRps = 0, options: { now?: () => number; signal?: AbortSignal } = {}) {
    this.#maxIntervalMs = maxRps > 0 ? 1000 / maxRps : 0;
    this.#now = options.now ?? (() => performance.now());
    const { signal } = options;
    if (signal) {
      if (signal.aborted) this.#abort(signal.reason);
      else signal.addEventListener('abort', () => this.#abort(signal.reason), { once: true });
    }
  }

  /** The interval between two requests of `key` that applies now (0 = none). */
  intervalMs(key = ''): number {
    const b = this.#budgets.get(key);
    const announced = b?.limit !== undefined && b.remaining === undefined ? 1000 / (b.limit * SERVER_LIMIT_SHARE) : 0;
    return Math.max(this.#maxIntervalMs, announced);
  }

  /** How long a request of `key` would wait if it were asked now (pure; ignores the queue). */
  delayFor(key: string, now: number): number {
    let at = now;
    const b = this.#budgets.get(key);
    if (b) {
      if (b.pausedUntil > at) at = b.pausedUntil;
      if (b.remaining !== undefined && b.remaining <= 0 && b.resetAt > at) at = b.resetAt;
    }
    if (this.intervalMs(key) > 0 && this.#nextSlot > at) at = this.#nextSlot;
    return at - now;
  }

  /**
   * Takes a slot for a request of `key`. null: send now. Otherwise a promise that settles when the request
   * may go, with the time it waited; it rejects when the signal aborts (queued requests are never sent).
   */
  acquire(key: string, priority: Priority = 'check'): Promise<number> | null {
    if (this.#aborted !== undefined) return Promise.reject(this.#aborted);
    const now = this.#now();
    if (this.#queue.length === 0 && this.delayFor(key, now) <= 0) {
      this.#take(key, now);
      return null;
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { key, priority, since: now, resolve, reject };
      // Deletions go before every queued check request, in arrival order among themselves.
      const at = priority === 'deletion' ? this.#queue.findIndex((w) => w.priority !== 'deletion') : -1;
      if (at === -1) this.#queue.push(waiter);
      else this.#queue.splice(at, 0, waiter);
      this.#pump();
    });
  }

  /** A request of `key` was answered (headers) or failed (undefined): learn what the server announced. */
  settle(key: string, headers: RateHeaders | undefined): void {
    const b = this.#budgets.get(key);
    if (b && b.inFlight > 0) b.inFlight--;
    if (!headers) return;
    const limit = positive(headers['x-ratelimit-limit']);
    const remaining = count(headers['x-ratelimit-remaining']);
    if (limit === undefined && remaining === undefined) return;
    const budget = b ?? this.#budget(key);
    if (limit !== undefined) budget.limit = limit;
    if (remaining !== undefined) {
      const now = this.#now();
      budget.remaining = Math.max(0, remaining - budget.inFlight);
      budget.resetAt = now + (parseRateLimitReset(headers['x-ratelimit-reset'], Date.now()) ?? DEFAULT_WINDOW_MS);
    }
    if (this.#queue.length) this.#pump();
  }

  /** After a 429: nothing with this credential is sent for `ms`. */
  pause(key: string, ms: number): void {
    const b = this.#budgets.get(key) ?? this.#budget(key);
    b.pausedUntil = Math.max(b.pausedUntil, this.#now() + ms);
  }

  #budget(key: string): Budget {
    const b: Budget = { limit: undefined, remaining: undefined, resetAt: 0, pausedUntil: 0, inFlight: 0 };
    this.#budgets.set(key, b);
    return b;
  }

  #take(key: string, now: number): void {
    const interval = this.intervalMs(key);
    if (interval > 0) this.#nextSlot = Math.max(this.#nextSlot, now) + interval;
    const b = this.#budgets.get(key);
    if (!b) return;
    b.inFlight++;
    if (b.remaining === undefined) return;
    // Past the reset the window has refilled: the limit if known, else one request to learn from.
    if (now >= b.resetAt) {
      b.remaining = b.limit ?? 1;
      b.resetAt = now + DEFAULT_WINDOW_MS;
    }
    b.remaining--;
  }

  #pump(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#queue.length) {
      const now = this.#now();
      const head = this.#queue[0]!;
      const wait = this.delayFor(head.key, now);
      if (wait > 0) {
        this.#timer = setTimeout(() => this.#pump(), Math.ceil(wait));
        return;
      }
      this.#queue.shift();
      this.#take(head.key, now);
      head.resolve(now - head.since);
    }
  }

  #abort(reason: unknown): void {
    this.#aborted = reason ?? new Error('aborted');
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const w of this.#queue.splice(0)) w.reject(this.#aborted);
  }
}
