/** go-tfe paces at 66% of the server's advertised limit. */
export const SERVER_LIMIT_SHARE = 2 / 3;

/**
 * Fixed-interval limiter shared by all clients made with withToken (HCP Terraform counts per user).
 * reserve() is synchronous so an unpaced request pays no promise.
 */
export class Pacer {
  readonly #maxRps: number;
  #intervalMs: number;
  #next = 0;
  #lastLimit: string | undefined;

  constructor(maxRps = 0) {
    this.#maxRps = maxRps > 0 ? maxRps : Infinity;
    this.#intervalMs = intervalOf(this.#maxRps);
  }

  get intervalMs(): number {
    return this.#intervalMs;
  }

  /** Takes the next slot; returns how long to wait before sending (0 = now). */
  reserve(now: number): number {
    const slot = this.#next > now ? this.#next : now;
    this.#next = slot + this.#intervalMs;
    return slot - now;
  }

  /** Nobody sends before `until` (a 429 wait applies to every sibling client). */
  pauseUntil(until: number): void {
    if (until > this.#next) this.#next = until;
  }

  /** Lowers the pace to ~2/3 of an advertised X-RateLimit-Limit (requests per second). */
  noteLimit(header: string | undefined): void {
    if (header === undefined || header === this.#lastLimit) return;
    this.#lastLimit = header;
    const limit = Number(header);
    const rps = limit > 0 ? Math.min(this.#maxRps, limit * SERVER_LIMIT_SHARE) : this.#maxRps;
    this.#intervalMs = intervalOf(rps);
  }
}

function intervalOf(rps: number): number {
  return Number.isFinite(rps) && rps > 0 ? 1000 / rps : 0;
}
