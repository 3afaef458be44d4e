// A rate limit in front of the embedded emulator, as emulator hooks: `limit` requests per token per fixed
// window, 429 with Retry-After beyond, and X-RateLimit-Limit/-Remaining/-Reset (seconds, as HCP Terraform
// sends it) on every answer. Used by `npm run bench` and by a faithful variant of the broken-target tests.
import type { EmulatorHooks, HookRequest, HookResponse } from '../src/api/emulator/index.ts';

export interface RateLimiter extends EmulatorHooks {
  /** Requests let through, and refused with 429; `busiest`: the most let through for any one token. */
  counts(): { admitted: number; refused: number; busiest: number };
  /** Off: every request goes through, without headers (to inspect the target afterwards). */
  enabled: boolean;
  /** On: DELETEs are never answered (a target that stops cooperating with the cleanup). */
  stallDeletes: boolean;
}

export function rateLimiter(limit: number, options: { windowMs?: number; retryAfter?: string } = {}): RateLimiter {
  const windowMs = options.windowMs ?? 1000;
  const retryAfter = options.retryAfter ?? '1';
  const windows = new Map<string, { start: number; used: number }>();
  const announced = new WeakMap<HookRequest, Record<string, string>>();
  const counts = { admitted: 0, refused: 0 };
  const perToken = new Map<string, number>();
  const limiter: RateLimiter = {
    enabled: true,
    stallDeletes: false,
    counts: () => ({ ...counts, busiest: Math.max(0, ...perToken.values()) }),
    onRequest(req) {
      if (limiter.stallDeletes && req.method === 'DELETE') return new Promise<never>(() => undefined);
      if (!limiter.enabled) return req;
      const key = req.headers.authorization ?? '';
      const now = Date.now();
      let w = windows.get(key);
      if (!w || now - w.start >= windowMs) windows.set(key, (w = { start: now, used: 0 }));
      const admitted = w.used < limit;
      if (admitted) w.used++;
      const headers = {
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': String(limit - w.used),
        'x-ratelimit-reset': ((w.start + windowMs - now) / 1000).toFixed(3),
      };
      announced.set(req, headers);
      if (admitted) {
        counts.admitted++;
        perToken.set(key, (perToken.get(key) ?? 0) + 1);
        return req;
      }
      counts.refused++;
      return {
        status: 429,
        headers: { 'content-type': 'application/vnd.api+json', 'retry-after': retryAfter },
        body: { errors: [{ status: '429', title: 'Too many requests', detail: "You have exceeded the API's rate limit." }] },
      };
    },
    onResponse(req, res): HookResponse | void {
      const headers = announced.get(req);
      if (headers) return { ...res, headers: { ...res.headers, ...headers } };
    },
  };
  return limiter;
}
